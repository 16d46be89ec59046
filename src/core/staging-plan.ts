import type { Component, StageLabels } from '../config/schema.js';
import { type StageKey, stageIndex, stageOf } from './stage.js';
import { type StagingAction, type StagingDeployment, shortSha } from './staging-deployment.js';

/** What a person asked for in the deploy-staging dispatch. */
export interface StagingRequest {
  action: StagingAction;
  component: string;
  /** As given: a branch, a tag or a commit; the default branch when left empty. */
  ref: string;
}

/** The ref as GitHub resolved it. */
export interface ResolvedRef {
  name: string;
  sha: string;
  kind: 'branch' | 'tag-or-commit';
  /** Whether the commit is on the default branch (an ancestor of its head, or its head). */
  onDefaultBranch: boolean;
}

/** A merged PR labelled "waiting for staging". */
export interface WaitingPull {
  number: number;
  title: string;
  /** The commit its merge put on the base branch (merge, squash, or last rebased commit). */
  mergeSha: string | null;
  /** Whether the deployed commit contains `mergeSha`. */
  contained: boolean;
}

/** A PR in another stage (or none) whose commits the deploy brings to staging as well. */
export interface RidingPull {
  number: number;
  title: string;
  stage: StageKey | undefined;
}

export interface StagingPlan {
  component: string;
  action: StagingAction;
  ref: string;
  sha: string;
  /** The branch recorded on the Deployment: what `status` shows staging follows. */
  branch: string;
  /** Waiting PRs the deployed commit contains: they move to testing when the deploy succeeds. */
  take: WaitingPull[];
  /** Waiting PRs the deployed commit does not contain: they keep waiting. */
  leave: WaitingPull[];
  /** PRs of other stages between what staging runs now and the deployed commit; undefined on a first deploy. */
  rideAlong: RidingPull[] | undefined;
  /** What staging runs before this deploy. */
  current: StagingDeployment | undefined;
  warnings: string[];
}

export type Refusal = { kind: 'refuse'; reasonCode: string; message: string };

export type ComponentCheck = { kind: 'ok'; component: Component } | Refusal;

/** The component must be one the config names. */
export function checkComponent(name: string, components: Record<string, Component>): ComponentCheck {
  const component = components[name];
  if (component) return { kind: 'ok', component };
  const known = Object.keys(components);
  return {
    kind: 'refuse',
    reasonCode: 'unknown-component',
    message:
      known.length === 0
        ? `Unknown component "${name}": .github/release-train.yml on the default branch lists no components. Nothing was changed. Add it under \`components:\`, e.g. \`${name || 'api'}: { staging: { kind: workflow } }\`.`
        : `Unknown component "${name}". Nothing was changed. The config names: ${known.join(', ')}.`,
  };
}

export function unknownRef(ref: string): Refusal {
  return {
    kind: 'refuse',
    reasonCode: 'unknown-ref',
    message: `"${ref}" is not a branch, tag or commit of this repository. Nothing was changed; check the spelling, or push the branch first.`,
  };
}

export interface PlanInput {
  request: StagingRequest;
  resolved: ResolvedRef;
  defaultBranch: string;
  waiting: WaitingPull[];
  rideAlong: RidingPull[] | undefined;
  current: StagingDeployment | undefined;
}

/**
 * The runbook's "check what else is waiting for staging" and the rule for each action: `update`
 * deploys what is on the default branch and leaves staging following it; `switch-branch` deploys
 * any ref and records it as the branch staging follows, with a warning, until an `update`.
 */
export function planStagingDeploy(input: PlanInput): { kind: 'deploy'; plan: StagingPlan } | Refusal {
  const { request, resolved, defaultBranch, current } = input;
  const warnings: string[] = [];
  let branch: string;
  if (request.action === 'update') {
    if (!resolved.onDefaultBranch) {
      return {
        kind: 'refuse',
        reasonCode: 'not-on-default-branch',
        message: `"${resolved.name}" (${shortSha(resolved.sha)}) is not on ${defaultBranch}, and an update only deploys ${defaultBranch}. Nothing was changed. To put staging/${request.component} on another branch, run the action "switch-branch" (inadvisable: staging then no longer tests what goes to production).`,
      };
    }
    branch = defaultBranch;
    if (current && current.branch !== defaultBranch) {
      warnings.push(
        `This update brings staging/${request.component} back to ${defaultBranch} from branch ${current.branch}.`,
      );
    }
  } else {
    // A tag or a commit is recorded as given: staging then follows no branch at all, which is worth a warning too.
    branch = resolved.name;
    if (branch !== defaultBranch) {
      warnings.push(
        `staging/${request.component} will be on branch ${branch}, not ${defaultBranch}: it no longer tests what goes to production, and every staging summary and \`release-train status\` will say so until an update brings it back.`,
      );
    }
  }
  if (current && current.sha === resolved.sha) {
    warnings.push(
      `staging/${request.component} already runs ${shortSha(resolved.sha)}; this deploys it again.`,
    );
  }
  return {
    kind: 'deploy',
    plan: {
      component: request.component,
      action: request.action,
      ref: resolved.name,
      sha: resolved.sha,
      branch,
      take: input.waiting.filter((pull) => pull.contained),
      leave: input.waiting.filter((pull) => !pull.contained),
      rideAlong: input.rideAlong,
      current,
      warnings,
    },
  };
}

/**
 * Whether a commit contains a PR's merge commit, given the commits of the default branch that the
 * commit lacks (`git rev-list <commit>..<default>`, one compare request): a merge commit on the
 * default branch that is not among them is an ancestor of the commit. A PR without a merge commit
 * (GitHub has not computed it) is never taken.
 */
export function containsMerge(mergeSha: string | null, missingFromCommit: ReadonlySet<string>): boolean {
  return mergeSha !== null && !missingFromCommit.has(mergeSha);
}

/** The PRs riding along: named by commits between staging and the deployed commit, and not waiting. */
export function ridingPulls(
  numbers: readonly number[],
  waiting: readonly number[],
  known: ReadonlyMap<number, { title: string; stage: StageKey }>,
): RidingPull[] {
  const seen = new Set<number>(waiting);
  const riding: RidingPull[] = [];
  for (const number of numbers) {
    if (seen.has(number)) continue;
    seen.add(number);
    const found = known.get(number);
    riding.push({ number, title: found?.title ?? '', stage: found?.stage });
  }
  return riding;
}

/**
 * After a successful deploy, whether an item moves to testing now, judged on its labels as they are
 * at that moment: a PR only from "waiting for staging" (someone may have moved it meanwhile), a
 * linked issue from any earlier stage but never back from a later one.
 */
export function movesToTesting(
  kind: 'pull request' | 'issue',
  labels: readonly string[],
  stages: StageLabels,
): boolean {
  const stage = stageOf(labels, stages);
  if (kind === 'pull request') return stage === 'waiting-for-staging';
  return stage === undefined || stageIndex(stage) <= stageIndex('testing');
}
