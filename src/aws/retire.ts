import { isActive } from '../core/group-state.js';
import type { Journal } from '../core/journal.js';
import { type DeployRun, observe, watch } from './deploy-run.js';
import { viewsOf } from './load-balancers.js';

export interface Retirement {
  /** Terminated by us, desired capacity lowered with each. */
  terminated: string[];
  /** Already gone or on their way out when we got to them. */
  gone: string[];
}

/**
 * Takes instances out of a group the runbook's way: deregister them from every load balancer, wait
 * for connection draining, then terminate exactly them with ShouldDecrementDesiredCapacity, in the
 * order given. The group's termination policy never chooses anything.
 */
export async function retireInstances(
  run: DeployRun,
  group: string,
  ids: string[],
  options: { unprotect: string[]; journal: Journal },
): Promise<Retirement> {
  const retirement: Retirement = { terminated: [], gone: [] };
  if (ids.length === 0) return retirement;
  if (options.unprotect.length > 0) await run.groups.protect(group, options.unprotect, false);

  const before = await observe(run, group);
  await run.balancers.deregister(before.health, ids);
  const drained = await watch(
    run,
    group,
    ({ health }) => ids.every((id) => viewsOf(health, id).every((view) => view === 'absent')),
    // Draining is never cut short by the deploy's deadline: each drain gets a whole `timeout`.
    { deadline: run.now() + run.timeoutMs },
  );
  if (!drained.done) {
    options.journal.note(
      `connection draining of ${ids.join(', ')} still going after ${Math.round(run.timeoutMs / 1000)}s; terminating anyway`,
    );
  }

  const latest = drained.value?.state ?? before.state;
  const active = new Set(latest.instances.filter(isActive).map((instance) => instance.id));
  for (const id of ids) {
    if (!active.has(id)) {
      retirement.gone.push(id);
      continue;
    }
    const result = await run.groups.terminate(id);
    (result === 'terminating' ? retirement.terminated : retirement.gone).push(id);
  }
  return retirement;
}
