import * as tf from '@tensorflow/tfjs';

/**
 * tfjs-backend-wasm 4.22 runs BatchMatMul through a naive loop whenever an input is transposed,
 * which every backward pass does: a [1024,128]x[128,50257] product and its transposed partner
 * took 8.0 s against 1.3 s untransposed on this machine. Transposing the input first with the
 * backend's own Transpose kernel and then taking the fast XNNPACK path avoids that.
 */
export function patchWasmBatchMatMul(): void {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!original || !transpose) throw new Error('the wasm backend has no BatchMatMul or Transpose kernel to patch');
  if ((original as { patched?: boolean }).patched) return;
  const swapLast = (x: tf.TensorInfo, backend: tf.KernelBackend): tf.TensorInfo => {
    const perm = x.shape.map((_, i) => i);
    [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1]!, perm[perm.length - 2]!];
    return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
  };
  const kernelFunc: tf.KernelFunc = ({ inputs, backend: anyBackend, attrs }) => {
    const backend = anyBackend as tf.KernelBackend;
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return original.kernelFunc({ inputs, backend, attrs });
    const at = transposeA ? swapLast(a, backend) : a;
    const bt = transposeB ? swapLast(b, backend) : b;
    const out = original.kernelFunc({ inputs: { a: at, b: bt }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    if (at !== a) backend.disposeData(at.dataId);
    if (bt !== b) backend.disposeData(bt.dataId);
    return out;
  };
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...original, kernelFunc, patched: true } as tf.KernelConfig);
}
