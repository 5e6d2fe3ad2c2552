import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * k-way merge of text files whose lines are each sorted: streams the union in order, holding one
 * line per file, so a reduce step's memory does not grow with the corpus.
 */
export async function* mergeSortedLines(files: string[]): AsyncGenerator<string> {
  const heads: { line: string; rest: AsyncIterator<string> }[] = [];
  for (const file of files) {
    const rest = createInterface({ input: createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]();
    const first = await rest.next();
    if (!first.done) heads.push({ line: first.value, rest });
  }
  const heap = new MinHeap(heads, (a, b) => (a.line < b.line ? -1 : a.line > b.line ? 1 : 0));
  while (heap.size > 0) {
    const top = heap.peek();
    yield top.line;
    const next = await top.rest.next();
    if (next.done) heap.pop();
    else {
      top.line = next.value;
      heap.siftDown(0);
    }
  }
}

export class MinHeap<T> {
  constructor(
    private readonly items: T[],
    private readonly compare: (a: T, b: T) => number,
  ) {
    for (let i = Math.floor(items.length / 2) - 1; i >= 0; i--) this.siftDown(i);
  }

  get size(): number {
    return this.items.length;
  }

  peek(): T {
    return this.items[0]!;
  }

  pop(): void {
    const last = this.items.pop()!;
    if (this.items.length > 0) {
      this.items[0] = last;
      this.siftDown(0);
    }
  }

  siftDown(i: number): void {
    const { items, compare } = this;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < items.length && compare(items[l]!, items[m]!) < 0) m = l;
      if (r < items.length && compare(items[r]!, items[m]!) < 0) m = r;
      if (m === i) return;
      [items[i], items[m]] = [items[m]!, items[i]!];
      i = m;
    }
  }
}
