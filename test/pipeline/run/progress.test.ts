import { describe, expect, it } from 'vitest';
import type { PhaseWork } from '../../../pipeline/run/phase_work.js';
import { formatElapsed, ProgressDisplay, progressLine, type PhaseProgress } from '../../../pipeline/run/progress.js';

const MiB = 1024 * 1024;

function progress(work: Partial<PhaseWork>, rest: Partial<PhaseProgress> = {}): PhaseProgress {
  return {
    phase: 'p0',
    label: 'warc → extract → write',
    tasksDone: 0,
    tasksTotal: 4,
    work: { unit: 'bytes', done: 0, total: 4 * MiB, docs: 0, ...work },
    before: { tasks: 0, done: 0, docs: 0 },
    elapsedMs: 10_000,
    ...rest,
  };
}

/** A stream that records what is written to it, as a terminal or as a file. */
function output(tty: boolean, columns = 200) {
  const chunks: string[] = [];
  const out = Object.assign(
    {
      write: (chunk: string) => {
        chunks.push(chunk);
        return true;
      },
    } as unknown as NodeJS.WritableStream,
    { isTTY: tty, columns },
  );
  return { out, chunks };
}

describe('progress', () => {
  it('moves with the input bytes read, before any task is done, and gives an ETA', () => {
    const line = progressLine(progress({ done: 1.5 * MiB, docs: 120 }), true);
    expect(line).toBe(
      `p0 [${'█'.repeat(9)}${'░'.repeat(15)}]   37%  1.5/4.0 MiB  0/4 tasks  120 docs  12 docs/s  00:10  ETA 00:16  warc → extract → write`,
    );
  });

  it('counts in rates and the ETA only the work done in this run, not what an earlier run completed', () => {
    // A resumed run: 3 of 4 tasks (3 MiB, 300 docs) were done before; this run has read 0.5 MiB and 50 docs in 10 s.
    const p = progress({ done: 3.5 * MiB, docs: 350 }, { tasksDone: 3, before: { tasks: 3, done: 3 * MiB, docs: 300 } });
    expect(progressLine(p, false)).toBe('p0   87%  3.5/4.0 MiB  3/4 tasks  350 docs  5 docs/s  00:10  ETA 00:10  warc → extract → write');
    const earlier = progress({ done: 4 * MiB, docs: 400 }, { tasksDone: 4, before: { tasks: 4, done: 4 * MiB, docs: 400 }, elapsedMs: 3 });
    expect(progressLine(earlier, false, true)).toBe(
      'p0  100%  4.0/4.0 MiB  4/4 tasks  400 docs  done by an earlier run  warc → extract → write',
    );
  });

  it('shows a reduce step by its tasks and a phase after a barrier by the docs it has read, never "0 docs 0 docs/s"', () => {
    const reduce = progress(
      { unit: 'tasks', done: 7, total: 14, docs: null },
      { phase: 'p1', tasksDone: 7, tasksTotal: 14, label: 'minhash_dedup.find_pairs' },
    );
    expect(progressLine(reduce, false)).toBe('p1   50%  7/14 tasks  00:10  ETA 00:10  minhash_dedup.find_pairs');
    const apply = progress({ unit: 'docs', done: 20, total: 66, docs: 20 }, { tasksDone: 1, label: 'minhash_dedup.apply → write' });
    expect(progressLine({ ...apply, phase: 'p3' }, false)).toBe(
      'p3   30%  20/66 docs  1/4 tasks  2 docs/s  00:10  ETA 00:23  minhash_dedup.apply → write',
    );
    // Inputs of unknown size (URLs) are counted whole.
    const urls = progress({ unit: 'inputs', done: 3, total: 11, docs: 90 }, { elapsedMs: 3_723_000 });
    expect(progressLine(urls, false)).toBe(
      'p0   27%  3/11 inputs  0/4 tasks  90 docs  0 docs/s  1:02:03  ETA 2:45:28  warc → extract → write',
    );
  });

  it('prints a line every 5 s of a phase when not on a terminal, none for a shorter phase, and one as each phase ends', () => {
    const { out, chunks } = output(false);
    const display = new ProgressDisplay(out);
    for (const ms of [500, 1000, 4500]) display.update(progress({ done: ms }, { elapsedMs: ms }));
    display.finish(progress({ done: 4 * MiB }, { tasksDone: 4, elapsedMs: 4800 }));
    for (let ms = 500; ms <= 12_000; ms += 500) display.update(progress({ done: ms }, { phase: 'p1', elapsedMs: ms }));
    expect(chunks.map((c) => c.split(' ')[0])).toEqual(['p0', 'p1', 'p1']);
    expect(chunks[1]).toMatch(/^p1 .* 00:05 /);
    expect(chunks[2]).toMatch(/^p1 .* 00:10 /);
    expect(chunks.every((c) => c.endsWith('\n') && !c.includes('\r'))).toBe(true);
  });

  it('redraws one terminal row in place, cut to the terminal width', () => {
    const { out, chunks } = output(true, 60);
    const display = new ProgressDisplay(out);
    display.update(progress({ done: MiB }));
    display.finish(progress({ done: 4 * MiB }, { tasksDone: 4 }));
    expect(chunks).toHaveLength(2);
    for (const chunk of chunks) {
      expect(chunk.startsWith('\r')).toBe(true);
      expect(chunk.replace(/^\r/, '').replace(/\x1b\[K\n?$/, '')).toHaveLength(59);
    }
    expect(chunks[1]!.endsWith('\x1b[K\n')).toBe(true);
  });

  it('writes times as mm:ss, and h:mm:ss from an hour on', () => {
    expect([0, 59.9, 61, 3599, 3600, 90_061].map(formatElapsed)).toEqual(['00:00', '00:59', '01:01', '59:59', '1:00:00', '25:01:01']);
  });
});
