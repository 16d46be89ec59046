import { DEPLOY_STEPS, type DeployProgress, type DeployStep, nothingDone } from '../../core/deploy-steps.js';
import type { IssueRef } from '../../core/linked-issues.js';
import { releaseBody } from '../../core/release-notes.js';
import { type ChangelogCommit, commitChangelog } from '../../git/changelog-commit.js';
import { createDeployTag, pushDeploy } from '../../git/deploy-push.js';
import { type MergedPullRequest, readPullRequest } from '../../github/commit-pulls.js';
import {
  type DeploymentRecord,
  findDeployment,
  openDeployment,
  setDeploymentState,
} from '../../github/deployment.js';
import { resolveIssueLinks } from '../../github/linked-issues.js';
import { ensureRelease, type ReleaseRecord } from '../../github/release.js';
import { moveToStage, type StageMove } from '../../github/stage-labels.js';
import type { ResumePlan, TrainPlan } from './plan.js';
import type { Promotion } from './promotion.js';

/** One deploy's writes: what is to be done, and what each step did. */
export interface Deploy {
  tag: string;
  section: string;
  /** The commit production runs after the deploy. */
  deployed: string;
  /** The default-branch commit it was made from. */
  target: string;
  pullRequests: number[];
  /** Done before this run started (a rerun). */
  doneEarlier: DeployProgress;
  /** Done by this run. */
  doneNow: Partial<Record<DeployStep, string>>;
  /** Where the run stopped, if it failed. */
  failedAt?: DeployStep;
  release?: ReleaseRecord;
  deployment?: DeploymentRecord;
  changelog?: ChangelogCommit;
  moves: StageMove[];
}

export function deployOf(plan: TrainPlan | ResumePlan): Deploy {
  if (plan.kind === 'resume') {
    return {
      tag: plan.tag,
      section: plan.section,
      deployed: plan.deployed,
      target: plan.target,
      pullRequests: plan.pullRequests,
      doneEarlier: plan.progress,
      doneNow: {},
      moves: [],
    };
  }
  return {
    tag: plan.tag!.name,
    section: plan.section!,
    deployed: plan.productionTarget!,
    target: plan.train.target!,
    pullRequests: plan.train.pullRequests,
    doneEarlier: nothingDone(),
    doneNow: {},
    moves: [],
  };
}

export function stepsToDo(deploy: Deploy): DeployStep[] {
  return DEPLOY_STEPS.filter((step) => !deploy.doneEarlier[step]);
}

/**
 * Moves production to the train's commit (a fast-forward, or the replayed copy the plan made) and
 * creates the tag, in one atomic push leased on where production was when planned.
 */
export async function moveProduction(p: Promotion, plan: TrainPlan, deploy: Deploy): Promise<void> {
  if (!plan.tag!.reused) {
    await createDeployTag(p.git, {
      name: deploy.tag,
      target: deploy.deployed,
      message: deploy.section,
      tagger: await p.git.identity(),
      now: p.now,
    });
  }
  await pushDeploy(p.git, {
    remote: p.remote,
    productionBranch: p.productionBranch,
    expected: plan.productionSha,
    target: deploy.deployed,
    tag: deploy.tag,
  });
  deploy.doneNow['move-production'] =
    `${p.productionBranch} -> ${deploy.deployed.slice(0, 7)}${plan.replay ? ' (replayed onto the hotfixes)' : ''}, tag ${deploy.tag}`;
}

export async function writeChangelog(p: Promotion, deploy: Deploy): Promise<void> {
  const result = await commitChangelog(p.git, {
    remote: p.remote,
    branch: p.defaultBranch,
    path: p.config.changelog,
    section: deploy.section,
    tag: deploy.tag,
    author: await p.git.identity(),
    now: p.now,
  });
  deploy.changelog = result;
  deploy.doneNow.changelog = result.alreadyThere
    ? `${p.config.changelog} already had the section`
    : `${result.sha!.slice(0, 7)} on ${p.defaultBranch}${result.attempts > 1 ? ` (after ${result.attempts - 1} race(s) with other pushes)` : ''}`;
}

export async function publishRelease(p: Promotion, deploy: Deploy): Promise<void> {
  deploy.release = await ensureRelease(p.github, p.repo, {
    tag: deploy.tag,
    notes: releaseBody(deploy.section, p.config.changelog),
  });
  deploy.doneNow.release = `${deploy.release.created ? 'created' : 'already there'}: ${deploy.release.url}`;
}

/**
 * The PRs of the train and the issues they close move to "done". Each PR's issues go first and
 * the PR last, so a PR in "done" means its issues are too (that is how a rerun tells).
 */
export async function markDone(
  p: Promotion,
  deploy: Deploy,
  known: ReadonlyMap<number, MergedPullRequest> = new Map(),
): Promise<void> {
  const { stages } = p.config;
  for (const number of deploy.pullRequests) {
    const pr = known.get(number) ?? (await readPullRequest(p.github, p.repo, number));
    if (!pr) continue;
    const links = await resolveIssueLinks(p.github, p.repo, pr);
    for (const issue of links.issues) {
      deploy.moves.push(
        await moveToStage(p.github, issue, 'issue', 'done', stages, {
          dryRun: false,
          currentLabels: issue.labels,
        }),
      );
    }
    const target: IssueRef = { ...p.repo, number };
    deploy.moves.push(
      await moveToStage(p.github, target, 'pull request', 'done', stages, {
        dryRun: false,
        currentLabels: pr.labels,
      }),
    );
  }
  const changed = deploy.moves.filter((move) => move.added.length > 0 || move.removed.length > 0).length;
  deploy.doneNow.labels = `${changed} of ${deploy.moves.length} PR(s) and issue(s) moved to ${stages.done.name}`;
}

function deploymentTarget(p: Promotion, deploy: Deploy) {
  return {
    environment: 'production',
    sha: deploy.deployed,
    tag: deploy.tag,
    component: p.component,
    runUrl: p.runUrl,
    description: `${deploy.tag}: ${deploy.pullRequests.map((number) => `#${number}`).join(' ') || 'no PRs'}`,
  };
}

/** Right after the push: the deployment to production, in progress (another run keeps off meanwhile). */
export async function openProductionDeployment(p: Promotion, deploy: Deploy): Promise<void> {
  deploy.deployment = await openDeployment(p.github, p.repo, {
    ...deploymentTarget(p, deploy),
    pullRequests: deploy.pullRequests,
  });
  deploy.doneNow['open-deployment'] = `deployment ${deploy.deployment.id} to production: in progress`;
}

/** Last: the deployment's success status marks the whole deploy finished for later runs. */
export async function closeProductionDeployment(p: Promotion, deploy: Deploy): Promise<void> {
  const target = deploymentTarget(p, deploy);
  const id = deploy.deployment?.id ?? (await findDeployment(p.github, p.repo, target))?.id;
  if (id === undefined) throw new Error(`The deployment of ${deploy.tag} is gone; rerun to open it again.`);
  deploy.deployment = await setDeploymentState(p.github, p.repo, id, { ...target, state: 'success' });
  deploy.doneNow['close-deployment'] = `deployment ${id} to production: success`;
}

/**
 * After a failure past the push: the deployment says production runs the new commit but the
 * bookkeeping is unfinished (`error`), so the next run does not wait for this one. Best effort.
 */
export async function markDeploymentUnfinished(p: Promotion, deploy: Deploy, why: string): Promise<void> {
  const target = deploymentTarget(p, deploy);
  const id = deploy.deployment?.id ?? (await findDeployment(p.github, p.repo, target))?.id;
  if (id === undefined) return;
  await setDeploymentState(p.github, p.repo, id, {
    ...target,
    state: 'error',
    description: `deployed; ${deploy.failedAt} failed (${why}): rerun to finish`,
  });
}
