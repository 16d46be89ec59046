import { ReleaseTrainError } from '../../action/failure.js';
import type { DeployRun } from '../../aws/deploy-run.js';
import type { GroupState } from '../../core/group-state.js';
import { midDeployAdvice, midDeployReport } from '../../core/mid-deploy.js';
import { batchSize, type Strategy } from '../../core/quorum.js';

export interface Preflight {
  state: GroupState;
  /** Old instances replaced at once. */
  batch: number;
}

/**
 * Looks at every group before touching any: it exists, no deploy is under way on it (a deploy
 * record or an instance refresh still going), and the batch cannot take out a quorum's majority.
 * One bad group refuses the whole step with nothing changed anywhere.
 */
export async function preflight(
  run: DeployRun,
  groups: string[],
  strategy: Strategy,
  maxBatch: number | undefined,
): Promise<Map<string, Preflight>> {
  const looks = await Promise.all(
    groups.map(async (name) => ({
      name,
      observation: await run.observer.observe(name, {
        refresh: true,
        launchTimes: strategy !== 'instance-refresh',
      }),
    })),
  );
  const missing = looks.filter((look) => !look.observation).map((look) => look.name);
  if (missing.length > 0) {
    throw new ReleaseTrainError(
      'group-not-found',
      `Auto Scaling group(s) not found: ${missing.join(', ')}. Nothing was changed. Check the names and the region (${groups.length > 1 ? 'all groups must be in one region' : 'region input or AWS_REGION'}).`,
      { groups: missing },
    );
  }
  const ready = new Map<string, Preflight>();
  for (const { name, observation } of looks) {
    const state = observation!.state;
    const report = midDeployReport(state);
    if (report.midDeploy) {
      throw new ReleaseTrainError('group-mid-deploy', midDeployAdvice(state, report), {
        group: name,
        findings: report.findings.map((finding) => finding.what),
      });
    }
    const decision = batchSize(strategy, state.desired, maxBatch);
    if (!decision.ok) {
      throw new ReleaseTrainError('quorum-unsafe', `${name}: ${decision.reason}. Nothing was changed.`, {
        group: name,
        desired: state.desired,
        'largest-safe-batch': decision.largestSafe,
      });
    }
    ready.set(name, { state, batch: decision.batch });
  }
  return ready;
}
