import { ReleaseTrainError } from '../../action/failure.js';
import { checkStagingOrder } from '../../core/staging-order.js';
import { componentsOnStaging } from '../../github/staging-deployments.js';
import type { TrainPlan } from './plan.js';
import type { Promotion } from './promotion.js';

/**
 * `require-staging`: refuse a target that the newest successful staging deployment of the
 * promoted component (or, without `component`, of every component in the config) does not
 * contain, with `reason_code: not-on-staging` and the deploy-staging command that fixes it.
 * Read-only: per component one listing of its staging deployments and one compare.
 */
export async function checkStagingGate(p: Promotion, plan: TrainPlan): Promise<void> {
  const target = plan.train.target;
  if (!target || !p.config['require-staging']) return;
  const components = p.component ? [p.component] : Object.keys(p.config.components);
  const order = checkStagingOrder({
    requireStaging: true,
    target,
    components: await componentsOnStaging(p.github, p.repo, components, target),
  });
  if (!order.ok) {
    throw new ReleaseTrainError(order.reasonCode, order.message, {
      target,
      not_on_staging: order.components,
      commands: order.commands,
    });
  }
  p.log(`require-staging: ${order.why}.`);
}
