import { isReleaseTrainError } from '../action/failure.js';
import { recordTagKeys, recordTags } from '../core/deploy-record.js';
import { type GroupState, isActive } from '../core/group-state.js';
import type { Journal } from '../core/journal.js';
import { batchProgress, lostOld, newInstances, nextBatch, type SurgePlan, surplus } from '../core/surge.js';
import { awsErrorCode } from './clients.js';
import { type DeployRun, observe, watch } from './deploy-run.js';
import { type GroupOutcome, NewInstancesUnhealthy } from './group-outcome.js';
import { type RestoreReport, restoreGroup } from './restore-group.js';
import { retireInstances } from './retire.js';

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)}s` : `${ms}ms`;
}

/**
 * The runbook's surge on one group, step by step. The deploy record goes on the group before the
 * first change; any failure after that rolls the group back to the record; success restores max and
 * processes and deletes the record last.
 */
export async function runSurge(
  run: DeployRun,
  plan: SurgePlan,
  before: GroupState,
  journal: Journal,
): Promise<GroupOutcome> {
  const name = plan.group;
  const record = plan.record;
  const deadline = run.now() + run.timeoutMs;
  const terminated: string[] = [];
  let progress: string | undefined;
  const outcome = (fields: Partial<GroupOutcome> & Pick<GroupOutcome, 'ok' | 'reasonCode' | 'message'>) => ({
    group: name,
    strategy: plan.strategy,
    before: record.oldInstances,
    after: [] as string[],
    terminated,
    journal,
    ...(progress && { progress }),
    ...fields,
  });

  // 1. Record the deploy on the group, before anything changes.
  journal.step('record the deploy on the group (tags)');
  await run.groups.writeTags(name, recordTags(record));
  try {
    // 2. Protect the old fleet from scale in, suspend what would fight us, make room.
    journal.step(
      `protect ${plan.protect.length} old instance(s), suspend ${plan.suspend.join(', ') || 'nothing'}${plan.maxSize > before.max ? `, raise max ${before.max} -> ${plan.maxSize}` : ''}`,
    );
    await run.groups.protect(name, plan.protect, true);
    await run.groups.suspend(name, plan.suspend);
    if (plan.maxSize > before.max) await run.groups.setMax(name, plan.maxSize);

    // 3. Batch by batch: new instances in, wait for the load balancer, old instances out.
    for (let round = 1; ; round++) {
      const { state } = await observe(run, name);
      const batch = nextBatch(record, state, plan.batch);
      if (batch.length === 0) break;
      const label = plan.batches.length > 1 ? `batch ${round}: ` : '';
      journal.step(`${label}desired ${state.desired} -> ${state.desired + batch.length}`);
      await run.groups.setDesired(name, state.desired + batch.length);

      journal.step(`${label}wait for the load balancer`);
      const waited = await watch(run, name, ({ state: now }) => batchProgress(record, now, batch).ready, {
        deadline,
        onValue: ({ state: now }) => {
          progress = batchProgress(record, now, batch).message;
          journal.note(progress);
        },
        onThrottled: (wait) => journal.note(`throttled by AWS; next look in ${seconds(wait)}`),
      });
      if (!waited.done)
        throw new NewInstancesUnhealthy(
          `${progress ?? 'no new instance in service'} after ${seconds(run.timeoutMs)}`,
        );

      // An old instance of the batch may have died meanwhile: the group already took it out.
      const present = new Set(waited.value.state.instances.filter(isActive).map((instance) => instance.id));
      const leaving = batch.filter((id) => present.has(id));
      journal.step(`${label}deregister, drain and terminate ${leaving.join(', ')}`);
      const retirement = await retireInstances(run, name, leaving, {
        unprotect: leaving.filter((id) => record.protectedByUs.includes(id)),
        journal,
      });
      terminated.push(...retirement.terminated);
    }

    // 4. An old instance that died and was replaced left one more instance than we asked for.
    let { state } = await observe(run, name);
    const lost = lostOld(record, state, new Set(terminated));
    const extra = surplus(record, state, lost.length);
    if (extra.length > 0) {
      journal.step(`remove ${extra.length} surplus instance(s) (${lost.join(', ')} left on their own)`);
      await retireInstances(run, name, extra, { unprotect: [], journal });
    }

    // 5. Every new instance serving: the deploy is done only when D of them are.
    journal.step('wait until the new fleet serves');
    const settled = await watch(run, name, ({ state: now }) => batchProgress(record, now, []).ready, {
      deadline,
      onValue: ({ state: now }) => {
        progress = batchProgress(record, now, []).message;
        journal.note(progress);
      },
    });
    if (!settled.done) throw new NewInstancesUnhealthy(`${progress} after ${seconds(run.timeoutMs)}`);
    state = settled.value.state;

    // 6. Restore max and processes; the record goes last.
    journal.step('restore max and processes, delete the deploy record');
    if (plan.maxSize > before.max && state.desired <= record.max) await run.groups.setMax(name, record.max);
    else if (plan.maxSize > before.max) {
      journal.note(
        `max size left at ${plan.maxSize}: desired capacity ${state.desired} is above the ${record.max} it was`,
      );
    }
    await run.groups.resume(name, plan.suspend);
    await run.groups.deleteTags(name, recordTagKeys(state.tags));
    journal.finish();
    const after = state.instances.filter(isActive).map((instance) => instance.id);
    return outcome({
      ok: true,
      reasonCode: 'deployed',
      message: `${name}: replaced ${terminated.length} old instance(s) with ${newInstances(record, state).length} new one(s); ${progress}.`,
      after,
    });
  } catch (error) {
    return rollBack(run, plan, journal, error, outcome);
  }
}

async function rollBack(
  run: DeployRun,
  plan: SurgePlan,
  journal: Journal,
  error: unknown,
  outcome: (
    fields: Partial<GroupOutcome> & Pick<GroupOutcome, 'ok' | 'reasonCode' | 'message'>,
  ) => GroupOutcome,
): Promise<GroupOutcome> {
  const name = plan.group;
  const unhealthy = error instanceof NewInstancesUnhealthy;
  const cause = unhealthy
    ? `new instances did not pass health checks: ${(error as Error).message}`
    : isReleaseTrainError(error)
      ? error.message
      : `AWS refused a step (${awsErrorCode(error)}): ${(error as Error).message}`;
  journal.note(`rolling back: ${cause}`);
  let restored: RestoreReport;
  try {
    restored = await restoreGroup(run, name, plan.record, journal);
  } catch (restoreError) {
    journal.finish();
    return outcome({
      ok: false,
      reasonCode: 'rollback-incomplete',
      message: `${name}: ${cause}. The rollback could not finish (${(restoreError as Error).message}); the group still carries its deploy record. Run \`release-train doctor --group ${name} --repair\` to put it back.`,
    });
  }
  return outcome({
    ok: false,
    reasonCode: unhealthy ? 'instances-unhealthy' : 'aws-error',
    message: `${name}: ${cause}. Rolled back: ${describeRestore(restored)}. The old fleet keeps serving.`,
    after: restored.kept,
    restored,
  });
}

export function describeRestore(report: RestoreReport): string {
  const parts = [
    report.removed.length > 0 ? `terminated ${report.removed.join(', ')}` : 'no instance to remove',
    `desired capacity ${report.desired}`,
    `max size ${report.maxSize}`,
  ];
  if (report.unprotected.length > 0)
    parts.push(`scale-in protection removed from ${report.unprotected.join(', ')}`);
  if (report.resumed.length > 0) parts.push(`resumed ${report.resumed.join(', ')}`);
  parts.push('deploy record deleted');
  return [...parts, ...report.notes].join('; ');
}
