import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Tasks of a phase whose result file (the completion marker) is written. */
export function doneTasks(runDir: string, phase: string): number {
  const dir = path.join(runDir, 'tasks', phase);
  return existsSync(dir) ? readdirSync(dir).filter((f) => /^\d+\.json$/.test(f)).length : 0;
}

/** Every attempt of every task, as the worker that ran it logged its start: `--- <time> task <phase>/<rank> (worker <pid>)`. */
export function taskAttempts(runDir: string): { task: string; pid: number }[] {
  const logs = path.join(runDir, 'logs');
  if (!existsSync(logs)) return [];
  const attempts: { task: string; pid: number }[] = [];
  for (const phase of readdirSync(logs, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const file of readdirSync(path.join(logs, phase.name))) {
      const text = readFileSync(path.join(logs, phase.name, file), 'utf8');
      for (const m of text.matchAll(/^--- \S+ task (\S+) \(worker (\d+)\)$/gm)) attempts.push({ task: m[1]!, pid: Number(m[2]) });
    }
  }
  return attempts;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
