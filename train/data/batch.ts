/** `batchSize` windows of `contextLength` tokens, row-major; `targets` is `inputs` shifted by one token. */
export interface Batch {
  inputs: Int32Array;
  targets: Int32Array;
  batchSize: number;
  contextLength: number;
}

/** Splits windows of `contextLength + 1` tokens into the model's inputs and next-token targets, as model ids (`toModel`). */
export function batchOf(windows: ArrayLike<number>[], contextLength: number, toModel: Int32Array): Batch {
  const inputs = new Int32Array(windows.length * contextLength);
  const targets = new Int32Array(windows.length * contextLength);
  windows.forEach((w, b) => {
    for (let t = 0; t < contextLength; t++) {
      inputs[b * contextLength + t] = toModel[w[t]!]!;
      targets[b * contextLength + t] = toModel[w[t + 1]!]!;
    }
  });
  return { inputs, targets, batchSize: windows.length, contextLength };
}
