import path from 'node:path';

/** Where everything lives in a run dir; paths are relative to it unless a run dir is passed. */
const pad = (rank: number) => String(rank).padStart(5, '0');

export const layout = {
  ledger: (runDir: string) => path.join(runDir, 'ledger.sqlite'),
  taskDir: (runDir: string, phase: string) => path.join(runDir, 'tasks', phase),
  /** Written last by a task, once its outputs are validated and in place: the completion marker. */
  result: (runDir: string, phase: string, rank: number) => path.join(runDir, 'tasks', phase, `${pad(rank)}.json`),
  /** Counters flushed while the task runs, so stats on a live run show where it stands. */
  live: (runDir: string, phase: string, rank: number) => path.join(runDir, 'tasks', phase, `${pad(rank)}.live.json`),
  error: (runDir: string, phase: string, rank: number) => path.join(runDir, 'tasks', phase, `${pad(rank)}.error.json`),
  log: (runDir: string, phase: string, rank: number) => path.join(runDir, 'logs', phase, `${pad(rank)}.log`),
  intermediate: (phase: string, rank: number) => path.join('intermediate', phase, `${pad(rank)}.arrow`),
  rejects: (stage: string, phase: string, rank: number) => path.join('rejects', stage, `${phase}-${pad(rank)}.arrow`),
  barrier: (stage: string) => path.join('barriers', stage),
  shard: (dir: string, rank: number) => path.join(dir, `${pad(rank)}.arrow`),
};
