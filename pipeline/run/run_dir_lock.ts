import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'sieve.lock';

/** Who holds a run dir: the `sieve run` that created the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export type LockAttempt =
  | { ok: true; lock: RunDirLock }
  /** `holder` is undefined when the lock file cannot be read as one. */
  | { ok: false; file: string; holder?: LockHolder };

/** Held by the coordinator of a run for its whole life; released on every exit, `process.exit` included. */
export class RunDirLock {
  private readonly releaseOnExit = () => this.release();

  constructor(
    private readonly file: string,
    private readonly holder: LockHolder,
  ) {
    process.on('exit', this.releaseOnExit);
  }

  /** Removes the lock file if it is still this run's (synchronous, so it also runs as the process exits). */
  release(): void {
    process.off('exit', this.releaseOnExit);
    if (sameHolder(readHolder(this.file), this.holder)) unlinkSync(this.file);
  }
}

/**
 * Takes the run dir's lock, or says who holds it. A lock whose process is gone from this host is
 * stale and taken over; one from another host (a shared filesystem on a cluster) cannot be checked
 * from here and is left to the user.
 */
export function lockRunDir(runDir: string): LockAttempt {
  const file = path.join(runDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (;;) {
    if (place(file, mine)) return { ok: true, lock: new RunDirLock(file, mine) };
    const holder = readHolder(file);
    if (holder === 'gone') continue;
    if (holder === 'unreadable' || !isStale(holder)) return { ok: false, file, holder: holder === 'unreadable' ? undefined : holder };
    removeStale(file, holder);
  }
}

/**
 * Creates the lock file whole or not at all: written under a name of its own, then hard-linked to
 * the lock's name, which fails if that exists (like O_EXCL, and atomic on NFS too), so no reader
 * ever sees a half-written lock.
 */
function place(file: string, holder: LockHolder): boolean {
  const own = `${file}.${holder.pid}`;
  writeFileSync(own, `${JSON.stringify(holder)}\n`);
  try {
    linkSync(own, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    unlinkSync(own);
  }
}

function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(h.pid) && typeof h.host === 'string' && typeof h.since === 'string') return h as LockHolder;
  } catch {}
  return 'unreadable';
}

function sameHolder(a: ReturnType<typeof readHolder>, b: LockHolder): boolean {
  return typeof a === 'object' && a.pid === b.pid && a.host === b.host && a.since === b.since;
}

function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    // EPERM: the process exists, under another user.
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves a stale lock aside and deletes it. Two runs may find the same stale lock: whichever moves
 * it second has moved the first one's fresh lock instead, and puts it back.
 */
function removeStale(file: string, stale: LockHolder): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!sameHolder(readHolder(aside), stale)) {
    try {
      linkSync(aside, file);
    } catch {}
  }
  unlinkSync(aside);
}

/** One line for a run refused by the lock: who holds it, and what to do. */
export function describeHolder(runDir: string, refused: { file: string; holder?: LockHolder }): string {
  const { file, holder } = refused;
  if (!holder) return `${runDir} is locked by ${file}, which is unreadable; if no sieve run uses this run dir, delete ${file}`;
  if (holder.host === hostname())
    return `${runDir} is in use by sieve run (pid ${holder.pid} on this host (${holder.host}) since ${holder.since}): wait for it to end, or stop it (kill ${holder.pid})`;
  return (
    `${runDir} is in use by sieve run (pid ${holder.pid} on host ${holder.host} since ${holder.since}), which this host cannot check: ` +
    `if that run is over (its machine went down), delete ${file}`
  );
}
