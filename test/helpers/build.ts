import { execFileSync } from 'node:child_process';

/** Compiles the CLI that task processes and end-to-end tests run. */
export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
