import { chunkRegex, forEachChunk, type PatternName } from '../patterns.js';

/** How often each pre-token chunk occurs: all that BPE training needs to know of the corpus. */
export type ChunkCounts = Map<string, number>;

/** Counts the chunks of texts as they stream past. */
export class ChunkCounter {
  readonly counts: ChunkCounts = new Map();
  private readonly regex: RegExp;

  constructor(pattern: PatternName) {
    this.regex = chunkRegex(pattern);
  }

  add(text: string): void {
    const counts = this.counts;
    forEachChunk(this.regex, text, (start, end) => {
      const chunk = text.slice(start, end);
      counts.set(chunk, (counts.get(chunk) ?? 0) + 1);
    });
  }
}

/** One `[chunk, count]` JSON array per line: chunks hold any character, tabs and newlines included. */
export function formatCounts(counts: ChunkCounts): string {
  let out = '';
  for (const entry of counts) out += `${JSON.stringify(entry)}\n`;
  return out;
}

/** Adds the counts of a file written by `formatCounts` into `into`; returns its number of lines. */
export function addCounts(into: ChunkCounts, text: string): number {
  let lines = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [chunk, count] = JSON.parse(line) as [string, number];
    into.set(chunk, (into.get(chunk) ?? 0) + count);
    lines++;
  }
  return lines;
}
