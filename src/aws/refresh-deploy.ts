import type { GroupState, InstanceRefreshState } from '../core/group-state.js';
import { isActive } from '../core/group-state.js';
import type { Journal } from '../core/journal.js';
import { ACTIVE_REFRESH_STATUSES } from './auto-scaling-groups.js';
import { type DeployRun, observe } from './deploy-run.js';
import type { GroupOutcome } from './group-outcome.js';
import { pollUntil } from './poll.js';

function isFinal(refresh: InstanceRefreshState | undefined): boolean {
  return refresh !== undefined && !ACTIVE_REFRESH_STATUSES.includes(refresh.status);
}

function describe(refresh: InstanceRefreshState | undefined): string {
  if (!refresh) return 'instance refresh not visible yet';
  const parts = [`instance refresh ${refresh.status}`];
  if (refresh.percentageComplete !== undefined) parts.push(`${refresh.percentageComplete}% complete`);
  if (refresh.instancesToUpdate !== undefined)
    parts.push(`${refresh.instancesToUpdate} instance(s) to update`);
  return parts.join(', ');
}

/**
 * AWS's own rolling replacement: StartInstanceRefresh with MinHealthyPercentage 100 and
 * MaxHealthyPercentage 200 sent explicitly (never the defaults, which take capacity away), polled to
 * a final status with progress. At our deadline the refresh is cancelled: AWS stops replacing and
 * keeps the instances it already replaced.
 */
export async function runInstanceRefresh(
  run: DeployRun,
  name: string,
  before: GroupState,
  journal: Journal,
): Promise<GroupOutcome> {
  const deadline = run.now() + run.timeoutMs;
  let progress: string | undefined;
  const outcome = async (
    fields: Pick<GroupOutcome, 'ok' | 'reasonCode' | 'message'>,
  ): Promise<GroupOutcome> => {
    const { state } = await observe(run, name);
    const after = state.instances.filter(isActive).map((instance) => instance.id);
    const beforeIds = before.instances.filter(isActive).map((instance) => instance.id);
    return {
      group: name,
      strategy: 'instance-refresh',
      before: beforeIds,
      after,
      terminated: beforeIds.filter((id) => !after.includes(id)),
      journal,
      ...(progress && { progress }),
      ...fields,
    };
  };

  journal.step('start instance refresh (MinHealthyPercentage 100, MaxHealthyPercentage 200)');
  const id = await run.groups.startRefresh(name);
  journal.note(`instance refresh ${id} started`);
  try {
    return await waitForRefresh();
  } catch (error) {
    journal.finish();
    return {
      group: name,
      strategy: 'instance-refresh',
      ok: false,
      reasonCode: 'aws-error',
      message: `${name}: lost track of instance refresh ${id} (${(error as Error).message}). It may still be running: check it with \`release-train doctor --group ${name}\`.`,
      before: before.instances.filter(isActive).map((instance) => instance.id),
      after: [],
      terminated: [],
      journal,
    };
  }

  async function waitForRefresh(): Promise<GroupOutcome> {
    journal.step('wait for the instance refresh');
    const watchRefresh = (until: number) =>
      pollUntil(() => run.groups.refresh(name, id), isFinal, {
        deadline: until,
        intervalMs: run.pollMs,
        now: run.now,
        onValue: (refresh) => {
          progress = describe(refresh);
          journal.note(progress);
        },
      });
    const waited = await watchRefresh(deadline);
    if (waited.done) {
      journal.finish();
      const refresh = waited.value!;
      if (refresh.status === 'Successful') {
        return outcome({
          ok: true,
          reasonCode: 'deployed',
          message: `${name}: instance refresh ${id} finished (${describe(refresh)}).`,
        });
      }
      return outcome({
        ok: false,
        reasonCode: 'instances-unhealthy',
        message: `${name}: instance refresh ${id} ended ${refresh.status}${refresh.statusReason ? `: ${refresh.statusReason}` : ''}. AWS keeps the instances it already replaced; the rest were not touched.`,
      });
    }

    journal.step('deadline reached: cancel the instance refresh');
    const cancelled = await run.groups.cancelRefresh(name);
    const settled = cancelled ? await watchRefresh(run.now() + run.timeoutMs) : undefined;
    journal.finish();
    return outcome({
      ok: false,
      reasonCode: 'instances-unhealthy',
      message: `${name}: the instance refresh did not finish in time (${progress ?? 'no progress'}). ${
        cancelled
          ? `Cancelled it (${describe(settled?.value)}): AWS stops replacing and keeps the instances it already replaced.`
          : 'It had already ended when we tried to cancel it.'
      }`,
    });
  }
}
