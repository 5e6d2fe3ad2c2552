import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const SIEVE = path.join(REPO, 'bin', 'sieve.js');

export interface CliResult {
  code: number | null;
  /** The signal that ended the CLI, when one did. */
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled `sieve` CLI from the repo root, as a user would. */
export function sieve(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return outcome(startSieve(args, options));
}

/** Starts the CLI in its own process group, so a test can kill it with every task it spawned. */
export function startSieve(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcess {
  return spawn(process.execPath, [SIEVE, ...args], {
    cwd: options.cwd ?? REPO,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** What a started CLI printed, and how it ended. */
export function outcome(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}
