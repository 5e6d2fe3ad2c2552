import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/**
 * A real small file system for disk-full tests: a tmpfs of `size` (e.g. "1m") mounted at `dir`.
 * Needs root (or CAP_SYS_ADMIN); returns why it could not mount, for the test to skip with.
 */
export function mountTmpfs(dir: string, size: string): string | undefined {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (e) {
    return `cannot mount a tmpfs here (${String((e as { stderr?: Buffer }).stderr ?? e).trim() || 'mount failed'})`;
  }
}

/** Changes a mounted tmpfs's options: `size=64m` frees space, `ro` makes it read-only. */
export function remountTmpfs(dir: string, options: string): void {
  execFileSync('mount', ['-o', `remount,${options}`, dir], { stdio: 'pipe' });
}

export function unmountTmpfs(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'pipe' });
}
