/**
 * The `--array` value for a set of ranks: runs of consecutive ranks collapse into ranges, so a
 * whole phase reads `0-999` and a resubmission of three dead tasks reads `3,17,512`.
 */
export function arraySpec(ranks: readonly number[], maxParallel?: number): string {
  const sorted = [...new Set(ranks)].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error('an array job needs at least one task');
  const parts: string[] = [];
  let start = sorted[0]!;
  let prev = start;
  for (const rank of [...sorted.slice(1), Number.NaN]) {
    if (rank === prev + 1) {
      prev = rank;
      continue;
    }
    parts.push(start === prev ? `${start}` : `${start}-${prev}`);
    start = prev = rank;
  }
  return `${parts.join(',')}${maxParallel ? `%${maxParallel}` : ''}`;
}
