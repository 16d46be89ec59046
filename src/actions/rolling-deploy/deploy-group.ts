import { ReleaseTrainError } from '../../action/failure.js';
import { type DeployRun, observe, watch } from '../../aws/deploy-run.js';
import type { GroupOutcome } from '../../aws/group-outcome.js';
import { runInstanceRefresh } from '../../aws/refresh-deploy.js';
import { runSurge } from '../../aws/surge-deploy.js';
import { isActive, stability } from '../../core/group-state.js';
import { Journal } from '../../core/journal.js';
import { midDeployAdvice, midDeployReport } from '../../core/mid-deploy.js';
import type { Strategy } from '../../core/quorum.js';
import { planSurge } from '../../core/surge.js';

export interface GroupDeployRequest {
  name: string;
  strategy: Strategy;
  batch: number;
  run: string;
  print: (line: string) => void;
}

/**
 * One group's deploy: wait until the group is stable, look again (another deploy may have started
 * since the preflight), then run the strategy. Refusals before the first write change nothing.
 */
export async function deployGroup(run: DeployRun, request: GroupDeployRequest): Promise<GroupOutcome> {
  const { name, strategy } = request;
  const journal = new Journal(name, run.now, request.print);
  const refused = (reasonCode: string, message: string, before: string[] = []): GroupOutcome => {
    journal.finish();
    return {
      group: name,
      strategy,
      ok: false,
      reasonCode,
      message,
      before,
      after: before,
      terminated: [],
      journal,
    };
  };

  journal.step('wait until the group is stable');
  const stable = await watch(run, name, ({ state }) => stability(state).stable, {
    deadline: run.now() + run.timeoutMs,
    onValue: ({ state }) => journal.note(stability(state).reason),
  });
  if (!stable.done) {
    const reason = stable.value ? stability(stable.value.state).reason : 'not visible';
    return refused('group-unstable', `${name} did not settle (${reason}). Nothing was changed.`);
  }

  const { state } = await observe(run, name, { refresh: true, launchTimes: strategy !== 'instance-refresh' });
  const ids = state.instances.filter(isActive).map((instance) => instance.id);
  const report = midDeployReport(state);
  if (report.midDeploy) return refused('group-mid-deploy', midDeployAdvice(state, report), ids);
  if (state.desired === 0) {
    journal.finish();
    return {
      group: name,
      strategy,
      ok: true,
      reasonCode: 'nothing-to-replace',
      message: `${name} has no instances (desired capacity 0); nothing to replace.`,
      before: [],
      after: [],
      terminated: [],
      journal,
    };
  }
  const notServing = state.instances.filter((instance) => instance.traffic !== 'serving');
  if (notServing.length > 0) {
    journal.note(
      `${notServing.length} old instance(s) not serving before the deploy (${notServing.map((i) => `${i.id}: ${i.traffic}`).join(', ')}); they go first`,
    );
  }

  if (strategy === 'instance-refresh') return runInstanceRefresh(run, name, state, journal);
  const plan = planSurge(state, {
    strategy,
    batch: request.batch,
    startedAt: new Date(run.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    run: request.run,
  });
  return runSurge(run, plan, state, journal);
}

/** Turns an unexpected throw inside one group's deploy into that group's outcome. */
export function failedOutcome(
  name: string,
  strategy: Strategy,
  error: unknown,
  journal?: Journal,
): GroupOutcome {
  const reasonCode = error instanceof ReleaseTrainError ? error.reasonCode : 'aws-error';
  return {
    group: name,
    strategy,
    ok: false,
    reasonCode,
    message: `${name}: ${(error as Error).message}. Nothing was changed on this group.`,
    before: [],
    after: [],
    terminated: [],
    journal: journal ?? new Journal(name, Date.now),
  };
}
