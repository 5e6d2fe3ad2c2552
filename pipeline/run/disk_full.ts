import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The file system a run writes to is full (or over quota). One line naming it and what to do:
 * tasks commit atomically, so running the same command again once there is space resumes the run.
 */
export class DiskFullError extends Error {
  override name = 'DiskFullError';

  constructor(at: string, what: string) {
    super(`no space left on the file system at ${mountPoint(at)} (${what}): free space there, then run the same command again to resume`);
  }
}

/** Whether an error means no space: ENOSPC or EDQUOT from the file system, SQLITE_FULL from SQLite. */
export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown } | null | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

/** The mount point holding `file`: the highest folder above it on the same device. */
export function mountPoint(file: string): string {
  let dir = path.resolve(file);
  while (!existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const device = statSync(dir).dev;
  for (let up = path.dirname(dir); up !== dir && statSync(up).dev === device; up = path.dirname(dir)) dir = up;
  return dir;
}
