/** A file of docs that cannot be read as it is: corrupt, cut short, or not what its run recorded. One line, no stack. */
export class ShardError extends Error {
  override name = 'ShardError';

  constructor(
    readonly file: string,
    readonly problem: string,
    what = 'Arrow shard',
  ) {
    super(`${file}: corrupt ${what} (${problem})`);
  }
}
