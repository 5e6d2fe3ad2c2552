import type { Phase, Plan } from './plan.js';

/** One line naming what a phase does, e.g. `warc → html_to_text → exact_dedup.collect`. */
export function phaseLabel(phase: Phase, source: string): string {
  if (phase.kind === 'reduce') return `${phase.stage}.${phase.stepName}`;
  const head = phase.input.from === 'source' ? [source] : [];
  const steps = phase.steps.map((s) => (s.part === 'run' ? s.stage : `${s.stage}.${s.part}`));
  return [...head, ...steps, ...(phase.handoff ? ['(handoff)'] : [])].join(' → ');
}

/** The plan as `sieve plan` prints it: phases, tasks, inputs and dependencies. */
export function describePlan(plan: Plan, source: string): string {
  const lines = [`${plan.inputs.length} input file${plan.inputs.length === 1 ? '' : 's'}, ${plan.phases.length} phases`];
  for (const phase of plan.phases) {
    const deps = phase.dependsOn.length > 0 ? `after ${phase.dependsOn.join(', ')}` : 'first';
    const reads =
      phase.kind === 'reduce'
        ? `reads ${phase.stage} files of ${phase.upstreamTasks} upstream tasks`
        : phase.input.from === 'source'
          ? `reads inputs by file (input i goes to task i mod ${phase.tasks})`
          : `reads ${phase.input.phase} handoff shards (task r reads shard r)`;
    lines.push(
      `${phase.id}  ${phase.kind.padEnd(6)} ${String(phase.tasks).padStart(4)} tasks  ${deps.padEnd(9)}  ${phaseLabel(phase, source)}`,
    );
    lines.push(`    ${reads}`);
  }
  return lines.join('\n');
}
