import type { TrainPlan } from './plan.js';
import type { Promotion } from './promotion.js';

/**
 * `require-staging`: refuse a target that the newest successful staging deployment of the
 * component does not contain (`reason_code: not-on-staging`).
 *
 * NOT ENFORCED YET. This is the seam the staging stream (issue 4) fills in, since it owns the
 * staging deployments. Until then promote only says, in the log, that the check was skipped.
 */
export async function checkStagingGate(p: Promotion, plan: TrainPlan): Promise<void> {
  if (p.config['require-staging']) {
    p.log(
      `require-staging: not checked yet (issue 4); ${plan.train.target?.slice(0, 7) ?? 'nothing'} is promoted without looking at staging.`,
    );
  }
}
