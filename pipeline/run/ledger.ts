import Database from 'better-sqlite3';
import { emptyCounters, mergeCounters, type StageCounters } from '../stats.js';
import type { OutputKind } from '../task/outputs.js';
import type { TaskFailure, TaskResult } from '../task/task_result.js';
import { DiskFullError, isDiskFull } from './disk_full.js';
import { layout } from './layout.js';

export interface ShardRow {
  path: string;
  phase: string;
  rank: number;
  kind: OutputKind;
  rows: number;
  bytes: number;
  tokens: number | null;
  sha256: string;
}

export interface TaskRow {
  phase: string;
  rank: number;
  status: 'done' | 'failed';
  attempts: number;
  seconds: number | null;
  error: string | null;
}

/**
 * The run's index in SQLite: tasks, their counters and the shard catalog. Tasks never write it
 * (they write small result files, safe on any shared filesystem); the coordinator of a run indexes
 * those. Commands that only read a run dir never open it: they read the result files (run_state),
 * so they work on a read-only or full file system. A full disk is a DiskFullError.
 */
export class Ledger {
  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {}

  static open(runDir: string): Ledger {
    const file = layout.ledger(runDir);
    return writing(file, () => {
      const db = new Database(file);
      try {
        db.pragma('journal_mode = WAL');
        Ledger.createTables(db);
      } catch (e) {
        db.close();
        throw e;
      }
      return new Ledger(db, file);
    });
  }

  private static createTables(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS tasks (
        phase TEXT NOT NULL, rank INTEGER NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        started_at TEXT, finished_at TEXT, seconds REAL, error TEXT, PRIMARY KEY (phase, rank));
      CREATE TABLE IF NOT EXISTS stage_counters (
        phase TEXT NOT NULL, rank INTEGER NOT NULL, stage TEXT NOT NULL, docs_in INTEGER, docs_out INTEGER,
        bytes_in INTEGER, bytes_out INTEGER, dropped TEXT, counts TEXT, PRIMARY KEY (phase, rank, stage));
      CREATE TABLE IF NOT EXISTS shards (
        path TEXT PRIMARY KEY, phase TEXT NOT NULL, rank INTEGER NOT NULL, kind TEXT NOT NULL,
        rows INTEGER NOT NULL, bytes INTEGER NOT NULL, tokens INTEGER, sha256 TEXT NOT NULL);
    `);
  }

  /** Indexes the completed tasks it has not seen: those of a run killed before its coordinator recorded them, or made elsewhere. */
  indexMissing(results: TaskResult[]): void {
    const indexed = new Set(
      this.tasks()
        .filter((t) => t.status === 'done')
        .map((t) => `${t.phase}\t${t.rank}`),
    );
    for (const result of results) if (!indexed.has(`${result.phase}\t${result.rank}`)) this.recordResult(result, 0);
  }

  recordResult(result: TaskResult, attempts: number): void {
    const write = this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO tasks (phase, rank, status, attempts, started_at, finished_at, seconds, error)
           VALUES (?, ?, 'done', ?, ?, ?, ?, NULL)
           ON CONFLICT (phase, rank) DO UPDATE SET status = 'done', attempts = tasks.attempts + excluded.attempts,
             started_at = excluded.started_at, finished_at = excluded.finished_at, seconds = excluded.seconds, error = NULL`,
        )
        .run(result.phase, result.rank, attempts, result.startedAt, result.finishedAt, result.seconds);
      const counters = this.db.prepare(
        `INSERT OR REPLACE INTO stage_counters (phase, rank, stage, docs_in, docs_out, bytes_in, bytes_out, dropped, counts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const [stage, c] of Object.entries(result.stages)) {
        counters.run(
          result.phase,
          result.rank,
          stage,
          c.docsIn,
          c.docsOut,
          c.bytesIn,
          c.bytesOut,
          JSON.stringify(c.dropped),
          JSON.stringify(c.counts),
        );
      }
      const shard = this.db.prepare(
        `INSERT OR REPLACE INTO shards (path, phase, rank, kind, rows, bytes, tokens, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const o of result.outputs) shard.run(o.path, result.phase, result.rank, o.kind, o.rows, o.bytes, o.tokens ?? null, o.sha256);
    });
    writing(this.file, write);
  }

  recordFailure(failure: TaskFailure, attempts: number): void {
    writing(this.file, () =>
      this.db
        .prepare(
          `INSERT INTO tasks (phase, rank, status, attempts, error) VALUES (?, ?, 'failed', ?, ?)
         ON CONFLICT (phase, rank) DO UPDATE SET status = 'failed', attempts = tasks.attempts + excluded.attempts, error = excluded.error`,
        )
        .run(failure.phase, failure.rank, attempts, failure.error),
    );
  }

  tasks(phase?: string): TaskRow[] {
    const sql = `SELECT phase, rank, status, attempts, seconds, error FROM tasks ${phase ? 'WHERE phase = ?' : ''} ORDER BY phase, rank`;
    return (phase ? this.db.prepare(sql).all(phase) : this.db.prepare(sql).all()) as TaskRow[];
  }

  shards(kind?: OutputKind): ShardRow[] {
    const sql = `SELECT * FROM shards ${kind ? 'WHERE kind = ?' : ''} ORDER BY path`;
    return (kind ? this.db.prepare(sql).all(kind) : this.db.prepare(sql).all()) as ShardRow[];
  }

  /** Counters per stage id, summed over every completed task. */
  stageTotals(): Record<string, StageCounters> {
    const totals: Record<string, StageCounters> = {};
    for (const { stage, counters } of this.taskStageCounters()) mergeCounters((totals[stage] ??= emptyCounters()), counters);
    return totals;
  }

  /** Counters of every completed task, one row per task and stage id, for callers that merge them their own way. */
  taskStageCounters(): { phase: string; rank: number; stage: string; counters: StageCounters }[] {
    const rows = this.db
      .prepare(`SELECT c.* FROM stage_counters c JOIN tasks t USING (phase, rank) WHERE t.status = 'done' ORDER BY c.phase, c.rank`)
      .all() as {
      phase: string;
      rank: number;
      stage: string;
      docs_in: number;
      docs_out: number;
      bytes_in: number;
      bytes_out: number;
      dropped: string;
      counts: string;
    }[];
    return rows.map((r) => ({
      phase: r.phase,
      rank: r.rank,
      stage: r.stage,
      counters: {
        docsIn: r.docs_in,
        docsOut: r.docs_out,
        bytesIn: r.bytes_in,
        bytesOut: r.bytes_out,
        dropped: JSON.parse(r.dropped) as Record<string, number>,
        counts: JSON.parse(r.counts) as Record<string, number>,
      },
    }));
  }

  close(): void {
    this.db.close();
  }
}

/** Runs a write to the ledger; SQLite's SQLITE_FULL becomes a DiskFullError naming its file system. */
function writing<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (e) {
    if (isDiskFull(e)) throw new DiskFullError(file, `writing ${file}: ${(e as Error).message}`);
    throw e;
  }
}
