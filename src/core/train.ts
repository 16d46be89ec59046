import type { StageLabels } from '../config/schema.js';
import { type StageKey, stageOf } from './stage.js';

/** The subject of the commit release-train itself writes on the default branch after a deploy. */
export const CHANGELOG_COMMIT_SUBJECT = 'chore(deploy): Update CHANGELOG';

/** A first-parent commit of the default branch after its merge base with production. */
export interface HistoryCommit {
  sha: string;
  parents: string[];
  subject: string;
  body: string;
  /** Committer date (ISO 8601). */
  committedAt?: string;
  /** Only looked up for commits whose subject is the CHANGELOG commit's. */
  changedFiles?: string[];
}

/** A merged pull request as the train sees it. */
export interface TrainPullRequest {
  number: number;
  title: string;
  labels: string[];
  body?: string | null;
}

/**
 * What a commit is to the train: a pull request's, one of our own CHANGELOG commits or a commit
 * production already carries (both transparent), or a direct push.
 */
export type CommitOrigin =
  | { kind: 'pull-request'; number: number }
  | { kind: 'changelog' }
  | { kind: 'deployed' }
  | { kind: 'direct-push' };

export interface Car {
  commit: HistoryCommit;
  origin: CommitOrigin;
}

/** Who applied the "waiting for production" label, and whether they have write access. */
export interface Approval {
  appliedBy: string | undefined;
  byWriter: boolean;
}

export type Blocker =
  | { kind: 'stage'; pullRequest: number; stage: StageKey | undefined; sha: string }
  | { kind: 'approval'; pullRequest: number; appliedBy: string | undefined; sha: string }
  | { kind: 'unknown-pull-request'; pullRequest: number; sha: string }
  | { kind: 'direct-push'; sha: string; subject: string };

export interface Train {
  /** The commits taken, oldest first (transparent ones included). */
  cars: Car[];
  /** The PRs riding, in order, each once. */
  pullRequests: number[];
  /** The last commit taken; undefined when the train is empty. */
  target: string | undefined;
  /** What stops the rest, if anything is left behind. */
  blocker: Blocker | undefined;
  /** Ready PRs behind the blocker. */
  waiting: number[];
  /** Commits left behind (the blocker's and everything after it). */
  leftBehind: Car[];
  /** Whether anything at all (besides transparent commits) is on the default branch but not in production. */
  anythingNew: boolean;
}

const MERGE_SUBJECT = /^Merge pull request #(\d+) from /;

/**
 * What a commit is: an earlier replay put it on production already; a `Merge pull request #N`
 * subject or the API's commit -> PR association names its PR; our own CHANGELOG commit (that
 * subject, touching only the CHANGELOG) is transparent; anything else is a direct push.
 */
export function originOf(
  commit: HistoryCommit,
  known: { pullRequestBySha: ReadonlyMap<string, number>; deployed: ReadonlySet<string>; changelog: string },
): CommitOrigin {
  if (known.deployed.has(commit.sha)) return { kind: 'deployed' };
  const merge = MERGE_SUBJECT.exec(commit.subject);
  if (merge) return { kind: 'pull-request', number: Number(merge[1]) };
  const number = known.pullRequestBySha.get(commit.sha);
  if (number !== undefined) return { kind: 'pull-request', number };
  if (isOwnChangelogCommit(commit, known.changelog)) return { kind: 'changelog' };
  return { kind: 'direct-push' };
}

export function isOwnChangelogCommit(commit: HistoryCommit, changelog: string): boolean {
  return (
    commit.subject === CHANGELOG_COMMIT_SUBJECT &&
    commit.changedFiles !== undefined &&
    commit.changedFiles.length === 1 &&
    commit.changedFiles[0] === changelog
  );
}

function isTransparent(origin: CommitOrigin): boolean {
  return origin.kind === 'changelog' || origin.kind === 'deployed';
}

export interface TrainRules {
  stages: StageLabels;
  directPushes: 'block' | 'allow';
}

/** Why a car cannot ride, judging by stage labels and direct pushes only (no approvals yet). */
export function stageBlocker(
  car: Car,
  pullRequests: ReadonlyMap<number, TrainPullRequest>,
  rules: TrainRules,
): Blocker | undefined {
  const { origin, commit } = car;
  if (origin.kind === 'direct-push') {
    return rules.directPushes === 'allow'
      ? undefined
      : { kind: 'direct-push', sha: commit.sha, subject: commit.subject };
  }
  if (origin.kind !== 'pull-request') return undefined;
  const pr = pullRequests.get(origin.number);
  if (!pr) return { kind: 'unknown-pull-request', pullRequest: origin.number, sha: commit.sha };
  const stage = stageOf(pr.labels, rules.stages);
  if (stage !== 'waiting-for-production') {
    return { kind: 'stage', pullRequest: origin.number, stage, sha: commit.sha };
  }
  return undefined;
}

/**
 * The PRs whose "waiting for production" label must be checked for who applied it: those of the
 * longest run that the stage labels alone would let ride. Nothing behind the first blocker needs
 * that (comparatively costly) check.
 */
export function approvalCandidates(
  cars: readonly Car[],
  pullRequests: ReadonlyMap<number, TrainPullRequest>,
  rules: TrainRules,
): number[] {
  const candidates: number[] = [];
  for (const car of cars) {
    if (stageBlocker(car, pullRequests, rules)) break;
    if (car.origin.kind === 'pull-request' && !candidates.includes(car.origin.number)) {
      candidates.push(car.origin.number);
    }
  }
  return candidates;
}

/**
 * The runbook's train: walk the default branch oldest -> newest and take commits while their PR
 * is in "waiting for production" with that label applied by someone with write access; stop at
 * the first that is not. Transparent commits ride along; a direct push blocks unless allowed.
 */
export function buildTrain(
  cars: readonly Car[],
  pullRequests: ReadonlyMap<number, TrainPullRequest>,
  approvals: ReadonlyMap<number, Approval>,
  rules: TrainRules,
): Train {
  const taken: Car[] = [];
  let blocker: Blocker | undefined;
  let index = 0;
  for (; index < cars.length; index++) {
    const car = cars[index]!;
    blocker = stageBlocker(car, pullRequests, rules);
    if (!blocker && car.origin.kind === 'pull-request') {
      const approval = approvals.get(car.origin.number);
      if (!approval?.byWriter) {
        blocker = {
          kind: 'approval',
          pullRequest: car.origin.number,
          appliedBy: approval?.appliedBy,
          sha: car.commit.sha,
        };
      }
    }
    if (blocker) break;
    taken.push(car);
  }
  const leftBehind = cars.slice(index);
  const riding = taken.some((car) => !isTransparent(car.origin));
  const pullRequestsTaken = distinct(
    taken.flatMap((car) => (car.origin.kind === 'pull-request' ? [car.origin.number] : [])),
  );
  const blockerNumber = blocker && 'pullRequest' in blocker ? blocker.pullRequest : undefined;
  const waiting = distinct(
    leftBehind.flatMap((car) => {
      if (car.origin.kind !== 'pull-request' || car.origin.number === blockerNumber) return [];
      const pr = pullRequests.get(car.origin.number);
      return pr && stageOf(pr.labels, rules.stages) === 'waiting-for-production' ? [car.origin.number] : [];
    }),
  ).filter((number) => !pullRequestsTaken.includes(number));
  return {
    cars: riding ? taken : [],
    pullRequests: pullRequestsTaken,
    target: riding ? taken.at(-1)!.commit.sha : undefined,
    blocker,
    waiting,
    leftBehind: riding ? leftBehind : cars.slice(0),
    anythingNew: cars.some((car) => !isTransparent(car.origin)),
  };
}

function distinct<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** "#41 is in stage: testing; 3 ready PRs wait behind it: #42 #44 #45" */
export function blockerSentence(train: Train, stages: StageLabels): string | undefined {
  const { blocker } = train;
  if (!blocker) return undefined;
  return `${blockerReason(blocker, stages)}; ${waitingClause(train.waiting)}`;
}

export function blockerReason(blocker: Blocker, stages: StageLabels): string {
  switch (blocker.kind) {
    case 'stage':
      return blocker.stage
        ? `#${blocker.pullRequest} is in ${stages[blocker.stage].name}`
        : `#${blocker.pullRequest} carries no stage label`;
    case 'approval':
      return blocker.appliedBy
        ? `#${blocker.pullRequest} is in ${stages['waiting-for-production'].name}, but @${blocker.appliedBy} who applied that label has no write access`
        : `#${blocker.pullRequest} is in ${stages['waiting-for-production'].name}, but nobody with write access applied that label`;
    case 'unknown-pull-request':
      return `#${blocker.pullRequest} (commit ${blocker.sha.slice(0, 7)}) could not be read from GitHub`;
    case 'direct-push':
      return `${blocker.sha.slice(0, 7)} "${blocker.subject}" was pushed without a pull request (config direct-pushes: block)`;
  }
}

function waitingClause(waiting: readonly number[]): string {
  const list = waiting.map((number) => `#${number}`).join(' ');
  if (waiting.length === 0) return 'no ready PR waits behind it';
  if (waiting.length === 1) return `1 ready PR waits behind it: ${list}`;
  return `${waiting.length} ready PRs wait behind it: ${list}`;
}

/** The commits a replay onto production must cherry-pick: the train minus what production has. */
export function commitsToReplay(train: Train): HistoryCommit[] {
  return train.cars.filter((car) => car.origin.kind !== 'deployed').map((car) => car.commit);
}
