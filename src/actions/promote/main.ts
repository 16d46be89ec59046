import { z } from 'zod';
import { isReleaseTrainError, ReleaseTrainError } from '../../action/failure.js';
import { booleanInput } from '../../action/input-types.js';
import { blocks, code } from '../../action/markdown.js';
import type { ActionOutcome } from '../../action/result.js';
import type { ActionDefinition } from '../../action/run-action.js';
import { requireRepository } from '../../action/runner-env.js';
import type { DeployStep } from '../../core/deploy-steps.js';
import { fingerprintTarget } from '../../core/plan-fingerprint.js';
import { announce } from './announce.js';
import {
  closeProductionDeployment,
  type Deploy,
  deployOf,
  markDeploymentUnfinished,
  markDone,
  moveProduction,
  openProductionDeployment,
  publishRelease,
  stepsToDo,
  writeChangelog,
} from './deploy.js';
import { type PromotionPlan, planPromotion, type TrainPlan } from './plan.js';
import { openPromotion, type Promotion, promotionClock } from './promotion.js';
import { deploySummary, headline, planDetails, planSummary } from './report.js';
import { checkStagingGate } from './staging-gate.js';

const inputs = z.object({
  'github-token': z.string({ message: 'a token is required (github-token)' }),
  'dry-run': booleanInput.default(false),
  fingerprint: z
    .string()
    .regex(/^(?:[0-9a-f]{12}|none)-[0-9a-f]{16}$/, { message: 'expected the fingerprint a plan printed' })
    .optional(),
  'webhook-url': z.string().optional(),
  component: z.string().optional(),
  path: z.string().optional(),
});

/**
 * Production promotion, the runbook's deploy:
 * 1. read the config and the history of the default branch and production
 * 2. plan: the train of ready PRs (or an earlier deploy that did not finish)
 * 3. refuse when the plan changed since it was shown (fingerprint), or when nothing can go
 * 4. require-staging: staging must have run the target
 * 5. tell the team it starts
 * 6. move production and create the dated tag, in one atomic push
 * 7. open the GitHub Deployment to production (in progress)
 * 8. commit the CHANGELOG section on the default branch
 * 9. publish the GitHub Release
 * 10. move the PRs and their issues to done
 * 11. mark the deployment successful
 * 12. tell the team it finished (or where it failed)
 */
export const promoteAction: ActionDefinition<typeof inputs> = {
  name: 'promote',
  inputs,
  secrets: ['github-token', 'webhook-url'],
  async main(ctx) {
    const repo = requireRepository(ctx.runner);
    const p = await openPromotion({
      checkout: ctx.inputs.path ?? ctx.runner.workspace,
      token: ctx.inputs['github-token'],
      apiUrl: ctx.runner.apiUrl,
      repo,
      serverUrl: ctx.runner.serverUrl,
      now: promotionClock(),
      ...(ctx.inputs.component ? { component: ctx.inputs.component } : {}),
      runUrl: ctx.runner.runUrl,
      log: ctx.log.info,
    });
    return promote(p, {
      dryRun: ctx.inputs['dry-run'],
      fingerprint: ctx.inputs.fingerprint,
      webhookUrl: ctx.inputs['webhook-url'],
      warn: ctx.log.warning,
    });
  },
};

export interface PromoteOptions {
  dryRun: boolean;
  fingerprint?: string | undefined;
  webhookUrl?: string | undefined;
  warn: (message: string) => void;
}

/** Steps 2 to 12, shared by the action and `release-train plan` / `release-train promote`. */
export async function promote(p: Promotion, options: PromoteOptions): Promise<ActionOutcome> {
  const plan = await planPromotion(p);
  p.log(headline(p, plan, options.dryRun));
  checkFingerprint(p, plan, options.fingerprint);

  // The plan a person reads must already say when staging never ran the target.
  if (plan.kind === 'train') await checkStagingGate(p, plan);
  if (options.dryRun) return planned(p, plan);
  if (plan.kind === 'train') {
    const refusal = nothingToDeploy(p, plan);
    if (refusal) return refusal;
  }
  return deploy(p, plan, options);
}

/** A fingerprint from an earlier plan must match this plan, or name the target a rerun is finishing. */
export function checkFingerprint(p: Promotion, plan: PromotionPlan, given: string | undefined): void {
  if (!given || given === plan.fingerprint) return;
  if (plan.kind === 'resume' && fingerprintTarget(given) === plan.target.slice(0, 12)) return;
  throw new ReleaseTrainError(
    'plan-changed',
    `The plan changed since it was shown (fingerprint ${given}, now ${plan.fingerprint}): ${p.defaultBranch}, ${p.productionBranch} or a label moved. ` +
      'Nothing was changed. Look at the new plan and run again with its fingerprint.',
    { fingerprint: plan.fingerprint, given, ...planDetails(p, plan) },
  );
}

function outputsOf(p: Promotion, plan: PromotionPlan): Record<string, string> {
  const details = planDetails(p, plan);
  return {
    tag: String(details.tag ?? ''),
    target: String(details.target ?? ''),
    fingerprint: plan.fingerprint,
    prs: JSON.stringify(details.pull_requests ?? []),
  };
}

function planned(p: Promotion, plan: PromotionPlan): ActionOutcome {
  const refusal = plan.kind === 'train' ? nothingToDeploy(p, plan) : undefined;
  if (refusal) return refusal;
  return {
    ok: true,
    reasonCode: 'planned',
    message: `${headline(p, plan, true)} Dry run: nothing was changed. Fingerprint: ${plan.fingerprint}.`,
    summary: planSummary(p, plan, true),
    details: planDetails(p, plan),
    outputs: outputsOf(p, plan),
  };
}

/** An empty train: nothing new (fine), or the first PR blocks (a refusal a workflow can see). */
function nothingToDeploy(p: Promotion, plan: TrainPlan): ActionOutcome | undefined {
  if (plan.train.target) return undefined;
  const base = {
    summary: planSummary(p, plan, true),
    details: planDetails(p, plan),
    outputs: outputsOf(p, plan),
  };
  if (!plan.train.anythingNew) {
    return { ...base, ok: true, reasonCode: 'nothing-to-promote', message: headline(p, plan, true) };
  }
  return {
    ...base,
    ok: false,
    reasonCode: 'train-blocked',
    message: `${headline(p, plan, true)} Nothing was changed. Move the blocking PR along (or revert it) and run again.`,
  };
}

async function deploy(p: Promotion, plan: PromotionPlan, options: PromoteOptions): Promise<ActionOutcome> {
  const work = deployOf(plan);
  const webhook = options.webhookUrl;
  const { warn } = options;
  const todo = new Set(stepsToDo(work));
  const step = async (name: DeployStep, body: () => Promise<void>) => {
    if (!todo.has(name)) return;
    work.failedAt = name;
    p.log(`${name}...`);
    await body();
    work.failedAt = undefined;
    p.log(`${name}: ${work.doneNow[name]}`);
  };
  // A rerun finishing an earlier deploy announced its start already.
  if (plan.kind === 'train') await announce(p, webhook, work, 'started', warn);
  try {
    if (plan.kind === 'train') await step('move-production', () => moveProduction(p, plan, work));
    await step('open-deployment', () => openProductionDeployment(p, work));
    await step('changelog', () => writeChangelog(p, work));
    await step('release', () => publishRelease(p, work));
    await step('labels', () => markDone(p, work, plan.kind === 'train' ? plan.pulls : undefined));
    await step('close-deployment', () => closeProductionDeployment(p, work));
  } catch (error) {
    if (plan.kind === 'resume' || work.doneNow['move-production']) {
      const why = isReleaseTrainError(error)
        ? error.reasonCode
        : githubFailure(error)
          ? 'github-api-error'
          : 'internal-error';
      await markDeploymentUnfinished(p, work, why).catch((failure: Error) =>
        warn(`Could not mark the deployment unfinished: ${failure.message}`),
      );
    }
    await announce(p, webhook, work, 'failed', warn, error);
    return failed(p, plan, work, error);
  }
  await announce(p, webhook, work, 'succeeded', warn);
  const resumed = plan.kind === 'resume';
  const message = resumed
    ? `Finished the deploy of ${work.tag} (${Object.keys(work.doneNow).join(', ')}); the earlier steps were already done.`
    : `Promoted ${work.pullRequests.map((number) => `#${number}`).join(' ')} to ${p.productionBranch} as ${work.tag} (${work.deployed.slice(0, 7)}).`;
  return {
    ok: true,
    reasonCode: resumed ? 'resumed' : 'promoted',
    message,
    summary: deploySummary(p, plan, work, message),
    details: { ...planDetails(p, plan), steps: work.doneNow, release: work.release?.url ?? null },
    outputs: outputsOf(p, plan),
  };
}

/** GitHub's answer to a request, when that is what failed. */
function githubFailure(error: unknown): string | undefined {
  const { status, request } = error as { status?: unknown; request?: { method?: string; url?: string } };
  if (typeof status !== 'number' || !request?.url) return undefined;
  const path = request.url.replace(/^https?:\/\/[^/]+/, '');
  return `GitHub answered ${status} to ${request.method ?? ''} ${path}: ${(error as Error).message}`;
}

function failed(p: Promotion, plan: PromotionPlan, work: Deploy, error: unknown): ActionOutcome {
  const answer = githubFailure(error);
  const reasonCode = isReleaseTrainError(error)
    ? error.reasonCode
    : answer
      ? 'github-api-error'
      : 'internal-error';
  const reason = answer ?? (error instanceof Error ? error.message : String(error));
  const pushed = plan.kind === 'resume' || work.doneNow['move-production'] !== undefined;
  const message = pushed
    ? `${reason}\nProduction is on ${work.deployed.slice(0, 7)} with the tag ${work.tag}; the step "${work.failedAt}" and those after it are not done. Rerun promote: it finds what is done and finishes the rest.`
    : reason;
  return {
    ok: false,
    reasonCode,
    message,
    summary: blocks(
      `**Failed at ${work.failedAt}** (\`${reasonCode}\`)`,
      code(message),
      deploySummary(p, plan, work, ''),
    ),
    details: {
      ...planDetails(p, plan),
      ...(isReleaseTrainError(error) ? error.details : {}),
      failed_step: work.failedAt,
      steps: work.doneNow,
    },
    outputs: outputsOf(p, plan),
  };
}
