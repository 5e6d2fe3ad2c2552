import { SeededRandom } from '../../pipeline/seeded_random.js';
import { batchOf, type Batch } from './batch.js';
import { readTokenRange, type TokenRange } from './token_corpus.js';
import { TrainDataError } from './train_data_error.js';

/** Everything that decides the sampler's future windows, so a resumed run draws the same ones. */
export interface SamplerState {
  rng: number;
  /** This pass's order of ranges, the next position in it, and the passes begun. */
  order: number[];
  next: number;
  pass: number;
  /** Ranges in the buffer, oldest first. */
  loaded: number[];
  /** Tokens drawn since the buffer last changed. */
  drawn: number;
}

/**
 * Random windows of `contextLength + 1` tokens from token ranges, with memory bounded by
 * `bufferTokens`: ranges are loaded in a seeded random order, windows drawn uniformly from the
 * loaded ones, and once as many tokens have been drawn as the buffer holds the oldest range makes
 * way for the next. When everything fits, it is all loaded once and windows come from anywhere.
 */
export class WindowSampler {
  private readonly buffer = new Map<number, Uint16Array | Uint32Array>();
  private readonly rng: SeededRandom;

  private constructor(
    private readonly ranges: TokenRange[],
    private readonly contextLength: number,
    private readonly bufferTokens: number,
    private readonly wide: boolean,
    private readonly toModel: Int32Array,
    private st: SamplerState,
  ) {
    this.rng = new SeededRandom(st.rng);
  }

  static async open(
    ranges: TokenRange[],
    opts: { contextLength: number; bufferTokens: number; seed: number; wide: boolean; toModel: Int32Array },
    resume?: SamplerState,
  ): Promise<WindowSampler> {
    const usable = ranges.filter((r) => r.end - r.start > opts.contextLength);
    if (usable.length === 0)
      throw new TrainDataError(
        `no training shard holds more than context_length (${opts.contextLength}) tokens: nothing to draw windows from`,
      );
    const state = resume ? structuredClone(resume) : { rng: opts.seed, order: [], next: 0, pass: 0, loaded: [], drawn: 0 };
    const sampler = new WindowSampler(usable, opts.contextLength, opts.bufferTokens, opts.wide, opts.toModel, state);
    for (const i of state.loaded) sampler.buffer.set(i, await readTokenRange(usable[i]!, opts.wide));
    if (!resume) await sampler.fill();
    return sampler;
  }

  get state(): SamplerState {
    return { ...structuredClone(this.st), rng: this.rng.state };
  }

  async next(batchSize: number): Promise<Batch> {
    const windows: ArrayLike<number>[] = [];
    const span = this.contextLength + 1;
    for (let b = 0; b < batchSize; b++) {
      let total = 0;
      for (const tokens of this.buffer.values()) total += tokens.length - span + 1;
      let pick = this.rng.below(total);
      for (const tokens of this.buffer.values()) {
        const starts = tokens.length - span + 1;
        if (pick < starts) {
          windows.push(tokens.subarray(pick, pick + span));
          break;
        }
        pick -= starts;
      }
    }
    this.st.drawn += batchSize * span;
    if (this.swapping && this.st.drawn >= this.bufferedTokens) await this.swap();
    return batchOf(windows, this.contextLength, this.toModel);
  }

  private get swapping(): boolean {
    return this.ranges.length > this.buffer.size;
  }

  private get bufferedTokens(): number {
    let n = 0;
    for (const t of this.buffer.values()) n += t.length;
    return n;
  }

  private async swap(): Promise<void> {
    const oldest = this.st.loaded.shift()!;
    this.buffer.delete(oldest);
    await this.fill();
    this.st.drawn = 0;
  }

  /** Loads ranges in this pass's order until the buffer is full (always at least one). */
  private async fill(): Promise<void> {
    while (this.buffer.size === 0 || (this.bufferedTokens < this.bufferTokens && this.buffer.size < this.ranges.length)) {
      if (this.st.next >= this.st.order.length) this.newPass();
      const i = this.st.order[this.st.next++]!;
      if (this.buffer.has(i)) continue;
      this.buffer.set(i, await readTokenRange(this.ranges[i]!, this.wide));
      this.st.loaded.push(i);
    }
  }

  private newPass(): void {
    const order = this.ranges.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = this.rng.below(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    this.st.order = order;
    this.st.next = 0;
    this.st.pass++;
  }
}

/**
 * The validation set: `count` windows at seeded positions in `ranges`, read once and kept, so every
 * evaluation scores the model on the same tokens.
 */
export async function fixedWindows(
  ranges: TokenRange[],
  opts: { contextLength: number; count: number; seed: number; wide: boolean },
): Promise<ArrayLike<number>[]> {
  const span = opts.contextLength + 1;
  const usable = ranges.filter((r) => r.end - r.start >= span);
  if (usable.length === 0) throw new TrainDataError(`the validation split holds no window of context_length + 1 (${span}) tokens`);
  const starts = usable.map((r) => r.end - r.start - span + 1);
  const total = starts.reduce((a, b) => a + b, 0);
  const rng = new SeededRandom(opts.seed);
  const picks = Array.from({ length: opts.count }, () => rng.below(total));
  const windows: ArrayLike<number>[] = new Array(opts.count);
  let base = 0;
  for (const [i, range] of usable.entries()) {
    const mine = picks.map((p, k) => [p - base, k] as const).filter(([p]) => p >= 0 && p < starts[i]!);
    if (mine.length > 0) {
      const tokens = await readTokenRange(range, opts.wide);
      for (const [p, k] of mine) windows[k] = tokens.slice(p, p + span);
    }
    base += starts[i]!;
  }
  return windows;
}
