/** What a task's file holds; the ledger's shard catalog is grouped by it. */
export type OutputKind = 'docs' | 'intermediate' | 'rejects' | 'barrier' | 'tokens';

/** A file a task wrote, as recorded in its result once validated. */
export interface OutputRecord {
  /** Relative to the run dir. */
  path: string;
  kind: OutputKind;
  rows: number;
  bytes: number;
  tokens?: number;
  /** sha256 of the file's bytes. */
  sha256: string;
}

/** Checks a closed file against what its writer declared; throws when they disagree. */
export type OutputValidator = (absPath: string, declared: { rows: number }) => Promise<void>;

/** The files of one task: written under temporary names, moved into place only when the task commits. */
export interface TaskOutputs {
  /** Reserves `relPath` (relative to the run dir) and returns the absolute temporary path to write to. */
  open(relPath: string, kind: OutputKind, validate?: OutputValidator): string;
  /** Declares what a reserved file holds, once its writer has closed it. */
  close(relPath: string, written: { rows: number; tokens?: number }): void;
}
