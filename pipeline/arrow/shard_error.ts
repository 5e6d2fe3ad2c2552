/** An Arrow file that cannot be read as it is: corrupt, cut short, or not what its run recorded. One line, no stack. */
export class ShardError extends Error {
  override name = 'ShardError';

  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: corrupt Arrow shard (${problem})`);
  }
}
