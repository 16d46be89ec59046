import type { GroupState } from '../../core/group-state.js';
import type { Strategy } from '../../core/quorum.js';
import { planSurge } from '../../core/surge.js';

/** What a deploy would do to one group, in words, without doing any of it. */
export function describePlan(state: GroupState, strategy: Strategy, batch: number): string[] {
  const serving = state.instances.filter((instance) => instance.traffic === 'serving').length;
  const lines = [
    `desired ${state.desired} (min ${state.min}, max ${state.max}); ${serving} of ${state.instances.length} instance(s) serving`,
  ];
  if (state.desired === 0) return [...lines, 'no instances: nothing to replace'];
  if (strategy === 'instance-refresh') {
    return [
      ...lines,
      `StartInstanceRefresh with MinHealthyPercentage 100 and MaxHealthyPercentage 200: AWS launches replacements before it terminates ${state.desired} old instance(s)`,
    ];
  }
  const plan = planSurge(state, { strategy, batch, startedAt: '', run: '' });
  lines.push(
    `record the deploy on the group; protect ${plan.protect.length} old instance(s) from scale in; suspend ${plan.suspend.join(', ') || 'nothing (already suspended)'}`,
  );
  if (plan.maxSize > state.max) lines.push(`raise max ${state.max} -> ${plan.maxSize} for the deploy`);
  plan.batches.forEach((ids, index) => {
    lines.push(
      `${plan.batches.length > 1 ? `batch ${index + 1}: ` : ''}desired ${state.desired} -> ${state.desired + ids.length}, wait until the load balancer shows the new instances in service, then deregister, drain and terminate ${ids.join(', ')}`,
    );
  });
  lines.push(`restore max ${state.max} and the suspended processes; delete the deploy record`);
  return lines;
}
