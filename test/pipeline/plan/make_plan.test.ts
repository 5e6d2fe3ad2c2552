import { describe, expect, it } from 'vitest';
import '../../../stages/index.js';
import { parseConfig } from '../../../pipeline/config/load_config.js';
import { buildStages } from '../../../pipeline/plan/build_stages.js';
import { describePlan } from '../../../pipeline/plan/describe_plan.js';
import { makePlan } from '../../../pipeline/plan/make_plan.js';

const yaml = (stages: string) => `name: t
run_dir: runs/t
input:
  arrow: { paths: [x.arrow] }
stages:
${stages}`;

function plan(stages: string, inputs: number, tasks: number) {
  const { config } = parseConfig(yaml(stages), 'p.yaml');
  const listing = { inputs: Array.from({ length: inputs }, (_, i) => `f${i}.arrow`), meta: {} };
  return makePlan(
    buildStages(config),
    listing,
    listing.inputs.map(() => null),
    tasks,
  );
}

describe('planner', () => {
  it('keeps a pipeline without barriers in one streaming phase', () => {
    const { phases } = plan('  - html_to_text: {}\n  - write: {}\n', 10, 4);
    expect(phases).toEqual([
      {
        kind: 'stream',
        id: 'p0',
        tasks: 4,
        dependsOn: [],
        input: { from: 'source' },
        steps: [
          { stage: 'html_to_text', part: 'run' },
          { stage: 'write', part: 'run' },
        ],
        handoff: false,
      },
    ]);
  });

  it('splits at a barrier into collect, reduce and apply phases', () => {
    const { phases } = plan('  - html_to_text: {}\n  - exact_dedup: { buckets: 2 }\n  - write: {}\n', 10, 4);
    expect(phases.map((p) => [p.id, p.kind, p.tasks, p.dependsOn])).toEqual([
      ['p0', 'stream', 4, []],
      ['p1', 'reduce', 2, ['p0']],
      ['p2', 'stream', 4, ['p1']],
    ]);
    expect(phases[0]).toMatchObject({
      handoff: true,
      steps: [
        { stage: 'html_to_text', part: 'run' },
        { stage: 'exact_dedup', part: 'collect' },
      ],
    });
    expect(phases[1]).toMatchObject({ stage: 'exact_dedup', stepName: 'find_duplicates', upstreamTasks: 4 });
    expect(phases[2]).toMatchObject({
      input: { from: 'phase', phase: 'p0' },
      steps: [
        { stage: 'exact_dedup', part: 'apply' },
        { stage: 'write', part: 'run' },
      ],
    });
  });

  it('chains two barriers', () => {
    const { phases } = plan('  - exact_dedup: {}\n  - exact_dedup: {}\n  - write: {}\n', 3, 3);
    expect(phases.map((p) => `${p.id}:${p.kind}:${p.dependsOn.join('')}`)).toEqual([
      'p0:stream:',
      'p1:reduce:p0',
      'p2:stream:p1',
      'p3:reduce:p2',
      'p4:stream:p3',
    ]);
    expect(phases[2]).toMatchObject({
      steps: [
        { stage: 'exact_dedup', part: 'apply' },
        { stage: 'exact_dedup#2', part: 'collect' },
      ],
      handoff: true,
    });
  });

  it('never plans more tasks than there are input files', () => {
    expect(plan('  - write: {}\n', 2, 8).phases[0]!.tasks).toBe(2);
  });

  it('describes phases, tasks and dependencies', () => {
    const text = describePlan(plan('  - exact_dedup: {}\n  - write: {}\n', 5, 3), 'arrow');
    expect(text).toContain('p0  stream    3 tasks  first      arrow → exact_dedup.collect → (handoff)');
    expect(text).toContain('p1  reduce    3 tasks  after p0   exact_dedup.find_duplicates');
    expect(text).toContain('p2  stream    3 tasks  after p1   exact_dedup.apply → write');
  });
});
