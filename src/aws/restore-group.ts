import type { DeployRecord } from '../core/deploy-record.js';
import { isActive } from '../core/group-state.js';
import type { Journal } from '../core/journal.js';
import { restorePlan } from '../core/restore.js';
import { type DeployRun, observe } from './deploy-run.js';
import { sleep } from './poll.js';
import { retireInstances } from './retire.js';

export interface RestoreReport {
  /** Instances taken out (deregistered, drained, terminated). */
  removed: string[];
  /** The group's instances afterwards. */
  kept: string[];
  desired: number;
  maxSize: number;
  resumed: string[];
  unprotected: string[];
  tagsDeleted: string[];
  notes: string[];
}

/**
 * Puts a group back as its deploy record says it was (rollback, `doctor --repair`): the new
 * instances go the same careful way the old ones would have (deregister, drain, terminate with
 * decrement), then desired, max, protection and processes are restored, and the record is deleted
 * last, so a crash halfway leaves a group that `doctor` still recognises and can finish.
 */
export async function restoreGroup(
  run: DeployRun,
  name: string,
  record: DeployRecord,
  journal: Journal,
): Promise<RestoreReport> {
  const report: RestoreReport = {
    removed: [],
    kept: [],
    desired: record.desired,
    maxSize: record.max,
    resumed: [],
    unprotected: [],
    tagsDeleted: [],
    notes: [],
  };

  journal.step('restore: remove new instances');
  let lookedAgain = false;
  for (let round = 0; round < 10; round++) {
    const { state } = await observe(run, name);
    const plan = restorePlan(record, state);
    if (plan.remove.length > 0) {
      journal.note(`removing ${plan.remove.join(', ')}; keeping ${plan.keep.join(', ') || 'none'}`);
      const retirement = await retireInstances(run, name, plan.remove, {
        unprotect: record.protectedByUs.filter((id) => plan.remove.includes(id)),
        journal,
      });
      report.removed.push(...retirement.terminated);
      continue;
    }
    if (state.desired < record.desired) {
      await run.groups.setDesired(name, record.desired);
      journal.note(`desired capacity raised back to ${record.desired}`);
    } else if (state.desired > record.desired && !lookedAgain) {
      // A health check replacement may still be on its way; look once more before accepting it.
      lookedAgain = true;
      await sleep(run.pollMs);
      continue;
    } else if (state.desired > record.desired) {
      report.notes.push(
        `desired capacity is ${state.desired}, above the ${record.desired} recorded: something else raised it; left as it is`,
      );
    }
    break;
  }

  journal.step('restore: limits, protection, processes');
  const { state } = await observe(run, name);
  const plan = restorePlan(record, state);
  if (state.max !== record.max && state.desired <= record.max) await run.groups.setMax(name, record.max);
  const stillProtected = state.instances
    .filter((instance) => plan.unprotect.includes(instance.id) && instance.protectedFromScaleIn)
    .map((instance) => instance.id);
  await run.groups.protect(name, stillProtected, false);
  await run.groups.resume(name, plan.resume);
  await run.groups.deleteTags(name, plan.deleteTags);
  journal.finish();

  report.kept = state.instances.filter(isActive).map((instance) => instance.id);
  report.desired = state.desired;
  report.maxSize = state.desired <= record.max ? record.max : state.max;
  if (report.maxSize !== record.max) {
    report.notes.push(
      `max size left at ${state.max}: the desired capacity ${state.desired} is above the ${record.max} recorded`,
    );
  }
  report.unprotected = stillProtected;
  report.resumed = plan.resume;
  report.tagsDeleted = plan.deleteTags;
  return report;
}
