import type { ActionContext } from '../action/run-action.js';
import { requireRepository } from '../action/runner-env.js';
import type { RepoRef } from '../core/linked-issues.js';
import { createGitHub, type GitHub } from './client.js';
import { loadRepoSettings, type RepoSettings } from './repo-config.js';

/** What an action working on the repository through the API starts from: client, config, context. */
export interface RepoRun<I> {
  github: GitHub;
  repo: RepoRef;
  settings: RepoSettings;
  dryRun: boolean;
  ctx: ActionContext<I>;
}

/** The repository from the runner, a client that honours rate limits, and the config on the default branch. */
export async function openRepoRun<I extends { 'github-token': string; 'dry-run': boolean }>(
  ctx: ActionContext<I>,
): Promise<RepoRun<I>> {
  const repo = requireRepository(ctx.runner);
  const github = createGitHub(ctx.inputs['github-token'], { onRetry: ctx.log.info });
  const settings = await loadRepoSettings(github, repo);
  return { github, repo, settings, dryRun: ctx.inputs['dry-run'], ctx };
}
