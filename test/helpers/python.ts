import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO } from './cli.js';

/**
 * The Python that `.ci/run` sets up from PyPI for the interop tests (pyarrow, polars, duckdb,
 * datasets, numpy): real readers open what Sieve writes, and real writers make what Sieve reads.
 * `SIEVE_INTEROP_PYTHON` names another one.
 */
export const INTEROP_PYTHON = process.env.SIEVE_INTEROP_PYTHON ?? path.join(REPO, '.ci', 'venv', 'bin', 'python');

/** Why the interop tests cannot run here, for their skip message; undefined when they can. */
export const interopUnavailable: string | undefined = existsSync(INTEROP_PYTHON)
  ? undefined
  : `no interop Python at ${INTEROP_PYTHON}: run .ci/run, or make it with python3 -m venv .ci/venv && .ci/venv/bin/pip install -r test/interop/requirements.txt`;

/** Runs a Python script (its text) with arguments in the interop venv; resolves its stdout, rejects with its stderr. */
export async function runPython(script: string, args: string[] = []): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(INTEROP_PYTHON, ['-c', script, ...args], {
      maxBuffer: 64 << 20,
      env: { ...process.env, PYTHONUNBUFFERED: '1', HF_DATASETS_OFFLINE: '1', HF_HUB_OFFLINE: '1' },
    });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`python failed: ${err.stderr?.trim() || err.message}`);
  }
}

/** Runs a Python script that prints one JSON value, and parses it. */
export async function pythonJson<T>(script: string, args: string[] = []): Promise<T> {
  return JSON.parse(await runPython(script, args)) as T;
}
