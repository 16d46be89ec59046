import type { RepoRef } from '../core/linked-issues.js';
import type { StagingState } from '../core/staging-deployment.js';
import type { GitHub } from './client.js';
import type { RepoSettings } from './repo-config.js';
import { stagingStates } from './staging-deployments.js';
import { containedIn, defaultBranchGap, waitingForStaging } from './staging-pulls.js';

/** One component's staging for `release-train status`: what runs there, and how many PRs it still lacks. */
export interface StagingOverview extends StagingState {
  /** Merged PRs in "waiting for staging" that this component's staging does not contain yet. */
  waiting: number[];
}

/**
 * Per component of the config: its newest successful staging deployment and the waiting PRs it
 * lacks. One search plus one request per waiting PR, then per component its deployments and one
 * compare.
 */
export async function stagingOverview(
  github: GitHub,
  repo: RepoRef,
  settings: RepoSettings,
): Promise<StagingOverview[]> {
  const components = Object.keys(settings.config.components);
  if (components.length === 0) return [];
  const candidates = await waitingForStaging(github, repo, settings.config.stages);
  const overview: StagingOverview[] = [];
  for (const state of await stagingStates(github, repo, components)) {
    if (!state.deployment) {
      overview.push({ ...state, waiting: candidates.map((candidate) => candidate.number) });
      continue;
    }
    const { sha } = state.deployment;
    const gap = await defaultBranchGap(github, repo, sha, settings.defaultBranch);
    const pulls = await containedIn(github, repo, candidates, sha, gap, settings.defaultBranch);
    overview.push({ ...state, waiting: pulls.filter((pull) => !pull.contained).map((pull) => pull.number) });
  }
  return overview;
}
