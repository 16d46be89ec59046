import { ReleaseTrainError } from '../../action/failure.js';
import { hasSection } from '../../core/changelog-file.js';
import { DEPLOYMENT_GAP_MS, type DeployProgress, mayBeOpening, mayResume } from '../../core/deploy-steps.js';
import { isSameRepo, linkedIssues } from '../../core/linked-issues.js';
import { planFingerprint } from '../../core/plan-fingerprint.js';
import { type NoteCommit, readSection, renderSection } from '../../core/release-notes.js';
import { stageOf } from '../../core/stage.js';
import { chooseTag, deployTagOrder, isDeployTag, type TagChoice, utcDate } from '../../core/tag-name.js';
import {
  type Approval,
  approvalCandidates,
  blockerSentence,
  buildTrain,
  type Car,
  CHANGELOG_COMMIT_SUBJECT,
  commitsToReplay,
  type HistoryCommit,
  originOf,
  stageBlocker,
  type Train,
  type TrainRules,
} from '../../core/train.js';
import {
  changedFiles,
  fetchDeployRefs,
  firstParentHistory,
  isAncestor,
  mergeBase,
  originalCommit,
  type RemoteRefs,
  readFileAt,
  readRemoteRefs,
  replayedCommits,
  revParse,
  tagDate,
  tagMessage,
  tagsMergedInto,
  trackingRef,
} from '../../git/history.js';
import { replayOnto } from '../../git/replay.js';
import {
  indexPullRequests,
  type MergedPullRequest,
  type PullRequestIndex,
  pullRequestOfCommit,
  readPullRequest,
} from '../../github/commit-pulls.js';
import { findDeployment } from '../../github/deployment.js';
import { labelAppliersInRepo } from '../../github/label-events.js';
import { findRelease } from '../../github/release.js';
import { WriteAccess } from '../../github/write-access.js';
import type { Promotion } from './promotion.js';

/** Commits the bulk PR listing left unmapped are looked up one by one, at most this many per plan. */
export const MAX_COMMIT_LOOKUPS = 50;

/** A new deploy: the train, where production goes, the tag and the section. */
export interface TrainPlan {
  kind: 'train';
  defaultSha: string;
  productionSha: string;
  mergeBase: string;
  /** Every commit after the merge base, classified. */
  cars: Car[];
  pulls: Map<number, MergedPullRequest>;
  approvals: Map<number, Approval>;
  train: Train;
  /** Production has commits of its own: the train is replayed onto it instead of fast-forwarded. */
  replay: boolean;
  /** The commit production will point at (the target itself, or its replayed copy). */
  productionTarget: string | undefined;
  tag: TagChoice | undefined;
  section: string | undefined;
  /** Same-repository issues each riding PR closes. */
  issues: Map<number, number[]>;
  blocker: string | undefined;
  fingerprint: string;
  /** Commits looked up one by one (rebase merges). */
  lookups: number;
  /** Commits without a PR that were not looked up one by one (behind the first blocker). */
  unchecked: Set<string>;
}

/** A deploy whose production push happened but whose later steps did not all finish. */
export interface ResumePlan {
  kind: 'resume';
  defaultSha: string;
  productionSha: string;
  tag: string;
  section: string;
  /** The commit production runs. */
  deployed: string;
  /** The default-branch commit it was made from (differs after a replay). */
  target: string;
  pullRequests: number[];
  progress: DeployProgress;
  fingerprint: string;
}

export type PromotionPlan = TrainPlan | ResumePlan;

/**
 * The plan, read-only: fetch, then either find an earlier deploy that did not finish (a rerun
 * completes it) or work out the train.
 */
export async function planPromotion(p: Promotion): Promise<PromotionPlan> {
  const remoteRefs = await readRemoteRefs(p.git, p.remote);
  for (const branch of [p.defaultBranch, p.productionBranch]) {
    if (!remoteRefs.branches.has(branch)) {
      throw new ReleaseTrainError(
        branch === p.productionBranch ? 'no-production-branch' : 'no-default-branch',
        `The branch "${branch}" does not exist on ${p.repo.owner}/${p.repo.repo}. Nothing was changed. ` +
          (branch === p.productionBranch
            ? `Create it at the commit production runs today (git push origin <sha>:refs/heads/${branch}), or set production-branch in .github/release-train.yml.`
            : 'Set default-branch in .github/release-train.yml.'),
      );
    }
  }
  await fetchDeployRefs(p.git, p.remote, [p.defaultBranch, p.productionBranch]);
  // What the fetch brought is what the plan is about (and what the push's lease expects).
  const defaultSha = await revParse(p.git, trackingRef(p.remote, p.defaultBranch));
  const productionSha = await revParse(p.git, trackingRef(p.remote, p.productionBranch));

  const unfinished = await findUnfinishedDeploy(p, remoteRefs, defaultSha, productionSha);
  if (unfinished) return unfinished;
  return planTrain(p, remoteRefs, defaultSha, productionSha);
}

async function planTrain(
  p: Promotion,
  remoteRefs: RemoteRefs,
  defaultSha: string,
  productionSha: string,
): Promise<TrainPlan> {
  const base = await mergeBase(p.git, productionSha, defaultSha);
  if (!base) {
    throw new ReleaseTrainError(
      'unrelated-histories',
      `${p.productionBranch} and ${p.defaultBranch} share no history. Nothing was changed; point ${p.productionBranch} at a commit of ${p.defaultBranch}.`,
    );
  }
  const changelogPath = p.config.changelog;
  const history = await firstParentHistory(p.git, base, defaultSha);
  const deployed =
    base === productionSha ? new Set<string>() : await replayedCommits(p.git, base, productionSha);
  for (const commit of history) {
    if (commit.subject === CHANGELOG_COMMIT_SUBJECT)
      commit.changedFiles = await changedFiles(p.git, commit.sha);
  }

  const empty = { pullRequestBySha: new Map<string, number>(), deployed, changelog: changelogPath };
  const first = history.map((commit) => originOf(commit, empty));
  const named = first.flatMap((origin) => (origin.kind === 'pull-request' ? [origin.number] : []));
  const skip = new Set(
    history.filter((_, at) => first[at]!.kind !== 'direct-push').map((commit) => commit.sha),
  );
  const index = await indexPullRequests(p.github, p.repo, { base: p.defaultBranch, history, named, skip });

  const rules: TrainRules = { stages: p.config.stages, directPushes: p.config['direct-pushes'] };
  const { cars, lookups, unchecked } = await classify(p, history, index, deployed, rules);

  const candidates = approvalCandidates(cars, index.pulls, rules);
  const approvals = await readApprovals(p, index.pulls, candidates);
  const train = buildTrain(cars, index.pulls, approvals, rules);

  let replay = false;
  let productionTarget: string | undefined;
  let tag: TagChoice | undefined;
  let section: string | undefined;
  const issues = new Map<number, number[]>();
  if (train.target) {
    replay = !(await isAncestor(p.git, productionSha, train.target));
    productionTarget = replay
      ? await replayOnto(p.git, { onto: productionSha, commits: commitsToReplay(train) })
      : train.target;
    const atTarget = [...remoteRefs.tags.entries()]
      .filter(([, sha]) => sha === productionTarget)
      .map(([name]) => name);
    tag = chooseTag({
      format: p.config['tag-format'],
      now: p.now,
      existing: [...remoteRefs.tags.keys()],
      atTarget,
    });
    for (const number of train.pullRequests) {
      const pr = index.pulls.get(number)!;
      const refs = linkedIssues(`${pr.title}\n${pr.body ?? ''}`, p.repo).filter((ref) =>
        isSameRepo(ref, p.repo),
      );
      issues.set(
        number,
        refs.map((ref) => ref.number).filter((issue) => issue !== number),
      );
    }
    section = await renderSection({
      tag: tag.name,
      date: utcDate(p.now),
      deployed: productionTarget,
      pullRequests: train.pullRequests,
      commits: noteCommits(train, index.pulls, issues),
      links: p.links,
    });
  }

  const fingerprint = planFingerprint({
    defaultSha,
    productionSha,
    target: train.target,
    labels: new Map([...index.pulls.values()].map((pr) => [pr.number, pr.labels])),
    approvals: new Map([...approvals.entries()].map(([number, approval]) => [number, approval.appliedBy])),
  });
  return {
    kind: 'train',
    defaultSha,
    productionSha,
    mergeBase: base,
    cars,
    pulls: index.pulls,
    approvals,
    train,
    replay,
    productionTarget,
    tag,
    section,
    issues,
    blocker: blockerSentence(train, p.config.stages),
    fingerprint,
    lookups,
    unchecked,
  };
}

/**
 * Classifies every commit. A commit the bulk listing did not map might be one of a rebase
 * merge's earlier commits: it is looked up one by one, but only up to the first commit that
 * blocks by its stage (nothing behind it can ride anyway), and at most MAX_COMMIT_LOOKUPS times.
 */
async function classify(
  p: Promotion,
  history: HistoryCommit[],
  index: PullRequestIndex,
  deployed: Set<string>,
  rules: TrainRules,
): Promise<{ cars: Car[]; lookups: number; unchecked: Set<string> }> {
  const known = { pullRequestBySha: index.bySha, deployed, changelog: p.config.changelog };
  const cars: Car[] = [];
  const unchecked = new Set<string>();
  let lookups = 0;
  let blocked = false;
  for (const commit of history) {
    let origin = originOf(commit, known);
    if (origin.kind === 'direct-push' && (blocked || lookups >= MAX_COMMIT_LOOKUPS))
      unchecked.add(commit.sha);
    else if (origin.kind === 'direct-push') {
      lookups++;
      const pr = await pullRequestOfCommit(p.github, p.repo, commit.sha, p.defaultBranch);
      if (pr) {
        index.bySha.set(commit.sha, pr.number);
        if (!index.pulls.has(pr.number)) index.pulls.set(pr.number, pr);
        origin = originOf(commit, known);
      }
    }
    const car = { commit, origin };
    cars.push(car);
    if (!blocked && stageBlocker(car, index.pulls, rules)) blocked = true;
  }
  return { cars, lookups, unchecked };
}

/** Who applied "waiting for production" to each candidate, and whether they have write access. */
async function readApprovals(
  p: Promotion,
  pulls: Map<number, MergedPullRequest>,
  candidates: number[],
): Promise<Map<number, Approval>> {
  const approvals = new Map<number, Approval>();
  if (candidates.length === 0) return approvals;
  const merged = candidates
    .map((number) => pulls.get(number)?.mergedAt)
    .filter((date): date is string => !!date);
  const appliers = await labelAppliersInRepo(p.github, p.repo, {
    label: p.config.stages['waiting-for-production'].name,
    numbers: candidates,
    since: merged.sort()[0],
  });
  const access = new WriteAccess(p.github, p.repo);
  for (const number of candidates) {
    const appliedBy = appliers.get(number);
    approvals.set(number, { appliedBy, byWriter: appliedBy ? await access.has(appliedBy) : false });
  }
  return approvals;
}

function noteCommits(
  train: Train,
  pulls: Map<number, MergedPullRequest>,
  issues: Map<number, number[]>,
): NoteCommit[] {
  return train.cars
    .filter((car) => car.origin.kind === 'pull-request' || car.origin.kind === 'direct-push')
    .map((car) => {
      const number = car.origin.kind === 'pull-request' ? car.origin.number : undefined;
      const pr = number === undefined ? undefined : pulls.get(number);
      const { commit } = car;
      return {
        sha: commit.sha,
        message: commit.body ? `${commit.subject}\n\n${commit.body}` : commit.subject,
        isMerge: commit.parents.length > 1,
        ...(pr ? { pullRequest: { number: pr.number, title: pr.title } } : {}),
        issues: number === undefined ? [] : (issues.get(number) ?? []),
      };
    });
}

/**
 * The newest deploy tag on production that release-train wrote, when its deploy is not recorded
 * as finished (no successful GitHub Deployment): what of it is done already.
 */
async function findUnfinishedDeploy(
  p: Promotion,
  remoteRefs: RemoteRefs,
  defaultSha: string,
  productionSha: string,
): Promise<ResumePlan | undefined> {
  const format = p.config['tag-format'];
  const tags = (await tagsMergedInto(p.git, trackingRef(p.remote, p.productionBranch)))
    .filter((name) => isDeployTag(name, format) && remoteRefs.tags.has(name))
    .sort(deployTagOrder(format))
    .reverse();
  let found: { tag: string; section: string; facts: NonNullable<ReturnType<typeof readSection>> } | undefined;
  for (const tag of tags.slice(0, 3)) {
    const section = await tagMessage(p.git, tag);
    const facts = section === undefined ? undefined : readSection(section);
    if (section !== undefined && facts && facts.tag === tag) {
      found = { tag, section, facts };
      break;
    }
  }
  if (!found) return undefined;
  const { tag, section, facts } = found;
  const deployed = remoteRefs.tags.get(tag)!;
  const deployment = { environment: 'production', sha: deployed, tag, component: p.component };
  let record = await findDeployment(p.github, p.repo, deployment);
  // Another run may have pushed this tag a moment ago and be about to open its deployment.
  if (!record && mayBeOpening(await tagDate(p.git, tag), p.now)) {
    for (let waited = 0; !record && waited < DEPLOYMENT_GAP_MS; waited += 1_000) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      record = await findDeployment(p.github, p.repo, deployment);
    }
  }
  if (record?.state === 'success') return undefined;
  if (!mayResume(record, { runUrl: p.runUrl, now: p.now })) {
    throw new ReleaseTrainError(
      'deploy-in-progress',
      `Another run is deploying ${tag} right now (its deployment is in progress${record?.runUrl ? `: ${record.runUrl}` : ''}). Nothing was changed. ` +
        'Wait for it to finish; if that run died, rerun it, or run again after 15 minutes to take over.',
      { tag, deployment: record?.id },
    );
  }

  const changelog = (await readFileAt(p.git, defaultSha, p.config.changelog)) ?? '';
  const pulls = await Promise.all(
    facts.pullRequests.map((number) => readPullRequest(p.github, p.repo, number)),
  );
  const progress: DeployProgress = {
    'move-production': true,
    // Opened again in any case: this run marks it in progress, so that others keep off.
    'open-deployment': false,
    changelog: hasSection(changelog, tag),
    release: (await findRelease(p.github, p.repo, tag)) !== undefined,
    labels: pulls.every((pr) => !pr || stageOf(pr.labels, p.config.stages) === 'done'),
    'close-deployment': false,
  };
  const target = await originalCommit(p.git, deployed);
  return {
    kind: 'resume',
    defaultSha,
    productionSha,
    tag,
    section,
    deployed,
    target,
    pullRequests: facts.pullRequests,
    progress,
    fingerprint: planFingerprint({
      defaultSha,
      productionSha,
      target,
      labels: new Map(pulls.flatMap((pr) => (pr ? [[pr.number, pr.labels] as const] : []))),
      approvals: new Map(),
    }),
  };
}
