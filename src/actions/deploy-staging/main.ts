import { z } from 'zod';
import { ReleaseTrainError } from '../../action/failure.js';
import { booleanInput, durationInput, integerInput, linesInput } from '../../action/input-types.js';
import { blocks, code, table } from '../../action/markdown.js';
import type { ActionOutcome } from '../../action/result.js';
import type { ActionDefinition } from '../../action/run-action.js';
import type { Component, Recipe } from '../../config/schema.js';
import { checkPhase, type DeployPhase, recipeFor } from '../../core/deploy-recipe.js';
import { formatIssue } from '../../core/linked-issues.js';
import {
  offBranchNotices,
  STAGING_ACTIONS,
  STAGING_ENVIRONMENT,
  type StagingAction,
  type StagingDeployment,
  type StagingPayload,
  shortSha,
} from '../../core/staging-deployment.js';
import {
  checkComponent,
  movesToTesting,
  planStagingDeploy,
  type StagingPlan,
  unknownRef,
  type WaitingPull,
} from '../../core/staging-plan.js';
import { type PreparedRecipe, type RecipeReport, runnerFor } from '../../deploy/recipe-runner.js';
import { type GitHub, requestStats } from '../../github/client.js';
import { resolveRef } from '../../github/commit-graph.js';
import { resolveIssueLinks } from '../../github/linked-issues.js';
import { commentOnce } from '../../github/marked-comment.js';
import { openRepoRun, type RepoRun } from '../../github/repo-run.js';
import { moveToStage, type StageMove } from '../../github/stage-labels.js';
import {
  componentStaging,
  deployInProgress,
  openStagingDeployment,
  readStagingDeployment,
  recordDeploymentState,
  stagingStates,
} from '../../github/staging-deployments.js';
import {
  containedIn,
  defaultBranchGap,
  type RideAlong,
  rideAlong,
  type WaitingCandidate,
  waitingForStaging,
} from '../../github/staging-pulls.js';
import { secretLines } from '../../ssh/private-key.js';
import { deployDiagram, headline, pullsTable, ridingTable, stagingNow, warningsBlock } from './summary.js';

const inputs = z.object({
  'github-token': z.string({ message: 'a token is required (github-token)' }),
  action: z.enum(STAGING_ACTIONS).default('update'),
  component: z.string().optional(),
  ref: z.string().optional(),
  phase: z.enum(['all', 'start', 'finish']).default('all'),
  status: z.enum(['success', 'failure', 'cancelled']).optional(),
  'deployment-id': integerInput.optional(),
  'private-key': z.string().optional(),
  passphrase: z.string().optional(),
  'known-hosts': z.string().optional(),
  'host-key-fingerprints': linesInput.optional(),
  timeout: durationInput.optional(),
  'poll-interval': durationInput.optional(),
  'dry-run': booleanInput.default(false),
});
type Inputs = z.output<typeof inputs>;

type Run = RepoRun<Inputs>;

/** What was deployed, whether planned by this run or read back from the Deployment that `start` opened. */
interface Deployed {
  id: number | undefined;
  component: string;
  action: StagingAction;
  ref: string;
  sha: string;
  branch: string;
}

/**
 * The runbook's staging deploy:
 * 1. read the config from the default branch; check the component and that the phase fits its recipe
 * 2. resolve the ref; an update only deploys what is on the default branch
 * 3. refuse while another deploy of the same component is in progress
 * 4. plan: the PRs this deploy takes to staging, the ones riding along, what staging runs now
 * 5. open the GitHub Deployment (in progress)
 * 6. run the recipe (phase all), or hand over to the workflow's own steps (phase start)
 * 7. record success or failure; on success move the PRs taken (and their issues) to testing
 * Phase finish is step 7 for a Deployment that phase start opened.
 */
export const deployStagingAction: ActionDefinition<typeof inputs> = {
  name: 'deploy-staging',
  inputs,
  secrets: ['github-token', 'private-key', 'passphrase'],
  async main(ctx) {
    for (const line of secretLines(ctx.inputs['private-key'] ?? '')) ctx.log.mask(line);
    const run = await openRepoRun(ctx);
    if (ctx.inputs.phase === 'finish') return finishPhase(run);

    const { name, component, recipe } = componentToDeploy(run, ctx.inputs.phase);
    const plan = await planDeploy(run, name, component, recipe);
    if (run.dryRun) return planned(run, plan, recipe);

    const id = await openDeployment(run, plan);
    if (ctx.inputs.phase === 'start') return started(run, plan, id, await stagingNowOf(run));

    const report = await runRecipe(run, plan, recipe);
    return conclude(run, { ...plan, id }, report.ok ? 'success' : 'failure', report, plan);
  },
};

function componentToDeploy(
  run: Run,
  phase: DeployPhase,
): { name: string; component: Component; recipe: Recipe } {
  const name = run.ctx.inputs.component?.trim() ?? '';
  if (!name) {
    throw new ReleaseTrainError('bad-input', 'The input `component` is required. Nothing was changed.');
  }
  const check = checkComponent(name, run.settings.config.components);
  if (check.kind === 'refuse') throw new ReleaseTrainError(check.reasonCode, check.message);
  const recipe = recipeFor(check.component as Component, 'staging');
  const fit = checkPhase(name, recipe, phase);
  if (!fit.ok)
    throw new ReleaseTrainError(fit.reasonCode, fit.message, { component: name, recipe: recipe.kind });
  if (phase === 'all' && !runnerFor(recipe)) {
    throw new ReleaseTrainError(
      'recipe-unavailable',
      `${name}'s staging recipe is "${recipe.kind}", which this version of release-train cannot run in-process yet. Nothing was changed. Use kind "workflow" and run it with your own steps between phase "start" and "finish".`,
      { component: name, recipe: recipe.kind },
    );
  }
  return { name, component: check.component, recipe };
}

interface PlannedDeploy extends StagingPlan {
  candidates: WaitingCandidate[];
  directPushes: number;
  /** The in-process recipe, checked (phase all); undefined when the workflow's own steps deploy. */
  prepared: PreparedRecipe | undefined;
}

/** Steps 2 to 4: the ref, the recipe's inputs, the lock, and what goes out; nothing is written. */
async function planDeploy(
  run: Run,
  component: string,
  componentConfig: Component,
  recipe: Recipe,
): Promise<PlannedDeploy> {
  const { github, repo, settings, ctx } = run;
  const refName = ctx.inputs.ref?.trim() || settings.defaultBranch;
  const resolved = await resolveRef(github, repo, refName);
  if (!resolved) {
    const refusal = unknownRef(refName);
    throw new ReleaseTrainError(refusal.reasonCode, refusal.message, { component, ref: refName });
  }
  const prepared =
    ctx.inputs.phase === 'all'
      ? runnerFor(recipe)!.prepare(recipe as never, {
          component,
          environment: 'staging',
          sha: resolved.sha,
          ref: refName,
          quorum: componentConfig.quorum,
          runId: ctx.runner.runId,
          ...(ctx.inputs.timeout !== undefined && { timeoutMs: ctx.inputs.timeout }),
          ...(ctx.inputs['poll-interval'] !== undefined && { pollMs: ctx.inputs['poll-interval'] }),
          ssh: {
            privateKey: ctx.inputs['private-key'],
            passphrase: ctx.inputs.passphrase,
            knownHosts: ctx.inputs['known-hosts'],
            hostKeyFingerprints: ctx.inputs['host-key-fingerprints'],
          },
        })
      : undefined;
  const { current, blocking } = await componentStaging(github, repo, component);
  if (blocking) throw inProgress(run, blocking);
  await prepared?.preflight?.();

  const gap = await defaultBranchGap(github, repo, resolved.sha, settings.defaultBranch);
  const candidates = await waitingForStaging(github, repo, settings.config.stages);
  const waiting = await containedIn(github, repo, candidates, resolved.sha, gap, settings.defaultBranch);
  const riding: RideAlong | undefined = current
    ? await rideAlong(
        github,
        repo,
        current.sha,
        resolved.sha,
        candidates.map((candidate) => candidate.number),
        settings.config.stages,
      )
    : undefined;
  const decision = planStagingDeploy({
    request: { action: ctx.inputs.action, component, ref: refName },
    resolved: { ...resolved, onDefaultBranch: gap.onDefaultBranch },
    defaultBranch: settings.defaultBranch,
    waiting,
    rideAlong: riding?.pulls,
    current,
  });
  if (decision.kind === 'refuse') {
    throw new ReleaseTrainError(decision.reasonCode, decision.message, {
      component,
      ref: refName,
      sha: resolved.sha,
    });
  }
  for (const warning of decision.plan.warnings) ctx.log.warning(warning);
  return { ...decision.plan, candidates, directPushes: riding?.directPushes ?? 0, prepared };
}

function inProgress(run: Run, blocking: StagingDeployment): ReleaseTrainError {
  const { owner, repo } = run.repo;
  const by = blocking.runUrl ? ` (${blocking.runUrl})` : '';
  return new ReleaseTrainError(
    'deploy-in-progress',
    [
      `Deployment ${blocking.id} of ${blocking.component} (${blocking.ref} @ ${shortSha(blocking.sha)}) has been in progress since ${blocking.since}${by}. Nothing was changed.`,
      'Deploys of one component run one at a time: wait for it to finish, then run this again.',
      `If that run is no longer running, mark its deployment failed first: gh api --method POST repos/${owner}/${repo}/deployments/${blocking.id}/statuses -f state=error -f description=abandoned`,
    ].join('\n'),
    { component: blocking.component, blocking_deployment_id: blocking.id },
  );
}

/** Step 5, and the check that no other deploy of the component slipped in meanwhile. */
async function openDeployment(run: Run, plan: PlannedDeploy): Promise<number> {
  const { github, repo, ctx } = run;
  const payload: StagingPayload = {
    component: plan.component,
    action: plan.action,
    ref: plan.ref,
    branch: plan.branch,
    run_url: ctx.runner.runUrl,
  };
  const description = `${plan.action} ${plan.component} to ${plan.ref} @ ${shortSha(plan.sha)}`;
  const id = await openStagingDeployment(github, repo, {
    component: plan.component,
    sha: plan.sha,
    payload,
    description,
    logUrl: ctx.runner.runUrl,
  });
  ctx.log.info(`Opened deployment ${id}: ${description} (${STAGING_ENVIRONMENT}, in progress).`);
  const older = await deployInProgress(github, repo, plan.component, id);
  if (older) {
    await recordDeploymentState(
      github,
      repo,
      id,
      'error',
      `not deployed: deployment ${older.id} started first`,
      ctx.runner.runUrl,
    );
    throw inProgress(run, older);
  }
  return id;
}

/** Step 6 for recipes the action runs itself; a throw is a failed deploy, recorded as such. */
async function runRecipe(run: Run, plan: PlannedDeploy, recipe: Recipe): Promise<RecipeReport> {
  run.ctx.log.info(
    `${recipe.kind} recipe of ${plan.component} @ ${shortSha(plan.sha)}: ${plan.prepared!.description}`,
  );
  try {
    return await plan.prepared!.run(run.ctx.log);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${recipe.kind} failed: ${message}`, summary: code(message) };
  }
}

function planBlocks(run: Run, plan: PlannedDeploy, change: string): string {
  const stages = run.settings.config.stages;
  return blocks(
    headline({ ...plan, fromSha: plan.current?.sha, fromBranch: plan.current?.branch }),
    warningsBlock(plan.warnings),
    deployDiagram(
      { ...plan, fromSha: plan.current?.sha, fromBranch: plan.current?.branch },
      plan.take.length,
      plan.rideAlong?.length ?? 0,
    ),
    pullsTable(
      'Taken to staging',
      plan.take,
      change,
      'none of the PRs waiting for staging is in this commit',
    ),
    pullsTable(
      `Still ${stages['waiting-for-staging'].name} (not in this commit)`,
      plan.leave,
      'stays',
      undefined,
    ),
    ridingTable(plan.rideAlong, plan.directPushes, stages),
  );
}

function planDetails(plan: PlannedDeploy): Record<string, unknown> {
  return {
    ...deployedDetails(plan),
    pull_requests: plan.take.map((pull) => pull.number),
    left_waiting: plan.leave.map((pull) => pull.number),
    riding_along: plan.rideAlong?.map((pull) => pull.number) ?? null,
    direct_pushes: plan.directPushes,
    staging_before: plan.current ? { sha: plan.current.sha, branch: plan.current.branch } : null,
    warnings: plan.warnings,
  };
}

function planOutputs(
  plan: { sha: string; take: WaitingPull[] },
  id: number | undefined,
): Record<string, string> {
  return {
    'deployment-id': id === undefined ? '' : String(id),
    sha: plan.sha,
    prs: JSON.stringify(plan.take.map((pull) => pull.number)),
  };
}

async function planned(run: Run, plan: PlannedDeploy, recipe: Recipe): Promise<ActionOutcome> {
  const states = await stagingStates(run.github, run.repo, Object.keys(run.settings.config.components));
  return {
    ok: true,
    reasonCode: 'dry-run',
    message: `Dry run: would ${plan.action} staging/${plan.component} to ${plan.ref} @ ${shortSha(plan.sha)} with its ${recipe.kind} recipe${plan.prepared ? ` (${plan.prepared.description})` : ''} and move ${plan.take.length} PR(s) to testing. Nothing was changed.`,
    summary: blocks(
      planBlocks(run, plan, 'would move to testing'),
      stagingNow(states, run.settings.defaultBranch),
    ),
    details: {
      ...planDetails(plan),
      phase: run.ctx.inputs.phase,
      github_requests: requestStats(run.github).requests,
    },
    outputs: planOutputs(plan, undefined),
  };
}

async function stagingNowOf(run: Run): Promise<string> {
  const states = await stagingStates(run.github, run.repo, Object.keys(run.settings.config.components));
  return stagingNow(states, run.settings.defaultBranch);
}

function started(run: Run, plan: PlannedDeploy, id: number, now: string): ActionOutcome {
  return {
    ok: true,
    reasonCode: 'deploy-started',
    message: `Deployment ${id} opened: ${plan.action} staging/${plan.component} to ${plan.ref} @ ${shortSha(plan.sha)}. Run your deploy steps on ${plan.sha}, then this action with phase "finish", deployment-id ${id} and the job's status.`,
    summary: blocks(
      planBlocks(run, plan, 'moves to testing when the deploy succeeds'),
      `Deployment **${id}** is in progress; your deploy steps run next on \`${plan.sha}\`.`,
      now,
    ),
    details: { ...planDetails(plan), phase: 'start', deployment_id: id },
    outputs: planOutputs(plan, id),
  };
}

/** Phase finish: step 7 for the Deployment phase start opened. */
async function finishPhase(run: Run): Promise<ActionOutcome> {
  const { inputs } = run.ctx;
  const id = inputs['deployment-id'];
  if (id === undefined) {
    if (run.dryRun) {
      return {
        ok: true,
        reasonCode: 'dry-run',
        message:
          'Dry run: phase start opened no deployment, so there is nothing to finish. Nothing was changed.',
        summary: 'Dry run: nothing to finish.',
      };
    }
    throw new ReleaseTrainError(
      'bad-input',
      'Phase finish needs `deployment-id` (the `deployment-id` output of phase start). Nothing was changed.',
    );
  }
  if (!inputs.status) {
    throw new ReleaseTrainError(
      'bad-input',
      `Phase finish needs \`status\`: success, failure or cancelled (pass \${{ job.status }}). Nothing was changed.`,
    );
  }
  const deployment = await readStagingDeployment(run.github, run.repo, id);
  if (!deployment) {
    throw new ReleaseTrainError(
      'unknown-deployment',
      `Deployment ${id} is not a staging deployment opened by release-train in this repository. Nothing was changed; pass the \`deployment-id\` output of phase start.`,
      { deployment_id: id },
    );
  }
  if (inputs.component && inputs.component !== deployment.component) {
    throw new ReleaseTrainError(
      'bad-input',
      `Deployment ${id} deploys ${deployment.component}, not ${inputs.component}. Nothing was changed.`,
      { deployment_id: id },
    );
  }
  const wanted = inputs.status === 'success' ? 'success' : 'failure';
  const already = deployment.progress;
  if ((already === 'succeeded' && wanted === 'failure') || (already === 'failed' && wanted === 'success')) {
    throw new ReleaseTrainError(
      'deployment-finished',
      `Deployment ${id} already ended as ${already}; it cannot become ${wanted}. Nothing was changed. Start a new deploy.`,
      { deployment_id: id },
    );
  }
  const report: RecipeReport =
    inputs.status === 'success'
      ? { ok: true, message: 'your deploy steps succeeded', summary: '' }
      : { ok: false, message: `your deploy steps ended with status ${inputs.status}`, summary: '' };
  return conclude(run, deployment, wanted, report, undefined, already !== 'unfinished');
}

/**
 * Step 7: record the outcome on the Deployment; on success move the PRs the deployed commit
 * contains to testing, each with one comment. A failure leaves every label where it was.
 */
async function conclude(
  run: Run,
  deployed: Deployed,
  outcome: 'success' | 'failure',
  report: RecipeReport,
  plan: PlannedDeploy | undefined,
  recorded = false,
): Promise<ActionOutcome> {
  const { github, repo, ctx, settings } = run;
  const state = outcome === 'success' ? 'success' : ctx.inputs.status === 'cancelled' ? 'error' : 'failure';
  if (!recorded && deployed.id !== undefined && !run.dryRun) {
    await recordDeploymentState(github, repo, deployed.id, state, report.message, ctx.runner.runUrl);
  }
  const where = `staging/${deployed.component} (${deployed.ref} @ ${shortSha(deployed.sha)})`;
  if (outcome === 'failure') {
    const states = await stagingStates(github, repo, Object.keys(settings.config.components));
    return {
      ok: false,
      reasonCode: 'deploy-failed',
      message: `The deploy of ${where} failed: ${report.message}. Deployment ${deployed.id} is marked ${state}; every stage label was left where it was. Fix the cause and run the deploy again.`,
      summary: blocks(
        plan ? planBlocks(run, plan, 'stays (deploy failed)') : headlineOf(deployed),
        `**Deploy failed**: ${report.message}. Deployment ${deployed.id} is marked \`${state}\`; no label was changed.`,
        report.summary,
        stagingNow(states, settings.defaultBranch),
      ),
      details: {
        ...(plan ? planDetails(plan) : deployedDetails(deployed)),
        deployment_id: deployed.id,
        pull_requests: [],
        ...(report.details && { recipe: report.details }),
      },
      outputs: { 'deployment-id': String(deployed.id ?? ''), sha: deployed.sha, prs: '[]' },
    };
  }

  const taken = await pullsTaken(run, deployed, plan);
  // Labels read moments ago (phase finish) are fresh; a plan's are as old as the deploy.
  const moves = await moveTaken(run, deployed, taken, plan === undefined);
  const states = await stagingStates(github, repo, Object.keys(settings.config.components));
  const notices = offBranchNotices(states, settings.defaultBranch);
  for (const notice of notices) ctx.log.warning(notice);
  return {
    ok: true,
    reasonCode: 'deployed',
    message: `Deployed ${where}${deployed.id === undefined ? '' : ` (deployment ${deployed.id})`}; ${taken.length} PR(s) moved to ${settings.config.stages.testing.name}.`,
    summary: blocks(
      plan ? planBlocks(run, plan, settings.config.stages.testing.name) : headlineOf(deployed),
      `**Deployed**: ${report.message}.${deployed.id === undefined ? '' : ` Deployment ${deployed.id} is marked \`success\`.`} ${taken.length} PR(s) moved to ${settings.config.stages.testing.name}.`,
      report.summary,
      movesTable(run, moves),
      stagingNow(states, settings.defaultBranch),
    ),
    details: {
      ...(plan ? planDetails(plan) : deployedDetails(deployed)),
      deployment_id: deployed.id,
      pull_requests: taken.map((pull) => pull.number),
      moves: moves.map((move) => ({
        target: formatIssue(move.target, repo),
        kind: move.kind,
        added: move.added,
        removed: move.removed,
        comment: move.comment,
      })),
      staging: states.map((entry) => ({
        component: entry.component,
        sha: entry.deployment?.sha ?? null,
        branch: entry.deployment?.branch ?? null,
        since: entry.deployment?.since ?? null,
      })),
      ...(report.details && { recipe: report.details }),
      github_requests: requestStats(github).requests,
    },
    outputs: planOutputs({ sha: deployed.sha, take: taken }, deployed.id),
  };
}

function headlineOf(deployed: Deployed): string {
  return headline({ ...deployed, fromSha: undefined, fromBranch: undefined });
}

function deployedDetails(deployed: Omit<Deployed, 'id'>): Record<string, unknown> {
  return {
    component: deployed.component,
    deploy_action: deployed.action,
    ref: deployed.ref,
    sha: deployed.sha,
    branch: deployed.branch,
  };
}

/** The waiting PRs the deployed commit contains: from the plan, or worked out now for phase finish. */
async function pullsTaken(
  run: Run,
  deployed: Deployed,
  plan: PlannedDeploy | undefined,
): Promise<(WaitingPull & { candidate: WaitingCandidate })[]> {
  const { github, repo, settings } = run;
  const candidates = plan?.candidates ?? (await waitingForStaging(github, repo, settings.config.stages));
  const waiting = plan
    ? plan.take
    : await containedIn(
        github,
        repo,
        candidates,
        deployed.sha,
        await defaultBranchGap(github, repo, deployed.sha, settings.defaultBranch),
        settings.defaultBranch,
      );
  const byNumber = new Map(candidates.map((candidate) => [candidate.number, candidate]));
  return waiting
    .filter((pull) => pull.contained)
    .map((pull) => ({ ...pull, candidate: byNumber.get(pull.number)! }));
}

type Move = StageMove & { comment: string };

/** Each taken PR: one comment naming the environment and commit, then the labels (its issues too). */
async function moveTaken(
  run: Run,
  deployed: Deployed,
  taken: (WaitingPull & { candidate: WaitingCandidate })[],
  labelsAreFresh: boolean,
): Promise<Move[]> {
  const { github, repo, settings, ctx } = run;
  const { stages } = settings.config;
  const commitUrl = `${ctx.runner.serverUrl}/${repo.owner}/${repo.repo}/commit/${deployed.sha}`;
  const moves: Move[] = [];
  for (const pull of taken) {
    const target = { ...repo, number: pull.number };
    // Labels as they are now: someone may have moved the PR while the deploy ran.
    const labels = labelsAreFresh ? pull.candidate.labels : await currentLabels(github, target);
    if (!movesToTesting('pull request', labels, stages)) continue;
    const comment = await commentOnce(
      github,
      target,
      `release-train:deploy-staging component=${deployed.component} sha=${deployed.sha}`,
      `Deployed to **${STAGING_ENVIRONMENT}** (\`${deployed.component}\`) with commit [\`${shortSha(deployed.sha)}\`](${commitUrl})${ctx.runner.runUrl ? ` in [this run](${ctx.runner.runUrl})` : ''}. This pull request is now in **${stages.testing.name}**.`,
      run.dryRun,
    );
    const move = await moveToStage(github, target, 'pull request', 'testing', stages, {
      dryRun: run.dryRun,
      currentLabels: labels,
    });
    moves.push({ ...move, comment });
    const links = await resolveIssueLinks(github, repo, pull.candidate);
    for (const issue of links.issues) {
      if (!movesToTesting('issue', issue.labels, stages)) continue;
      const issueMove = await moveToStage(github, issue, 'issue', 'testing', stages, {
        dryRun: run.dryRun,
        currentLabels: issue.labels,
      });
      moves.push({ ...issueMove, comment: '' });
    }
  }
  return moves;
}

async function currentLabels(github: GitHub, target: { owner: string; repo: string; number: number }) {
  const labels = await github.paginate(github.rest.issues.listLabelsOnIssue, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
  });
  return labels.map((label) => label.name);
}

function movesTable(run: Run, moves: Move[]): string {
  if (moves.length === 0) return '';
  return table(
    ['Item', 'Labels', 'Comment'],
    moves.map((move) => [
      `${move.kind === 'issue' ? 'issue' : 'PR'} ${formatIssue(move.target, run.repo)}`,
      [...move.added.map((name) => `+ ${name}`), ...move.removed.map((name) => `- ${name}`)].join(', ') ||
        'already there',
      move.comment,
    ]),
  );
}
