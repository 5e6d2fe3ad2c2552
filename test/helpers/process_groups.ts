import { afterEach } from 'vitest';

/**
 * A list to push the process groups a test starts onto: each is killed after the test, whatever the
 * test left behind (stopped processes included).
 */
export function groupsKilledAfterEach(): number[] {
  const groups: number[] = [];
  afterEach(() => {
    for (const pgid of groups.splice(0)) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {}
    }
  });
  return groups;
}
