import { ReleaseTrainError } from '../../action/failure.js';
import type { Config } from '../../config/schema.js';
import type { RepoRef } from '../../core/linked-issues.js';
import type { RepoLinks } from '../../core/release-notes.js';
import { Git } from '../../git/git.js';
import { createGitHub, type GitHub } from '../../github/client.js';
import { loadRepoSettings } from '../../github/repo-config.js';

/** Everything one promotion (a plan, an apply, a rerun) works with. */
export interface Promotion {
  git: Git;
  github: GitHub;
  repo: RepoRef;
  config: Config;
  defaultBranch: string;
  productionBranch: string;
  remote: string;
  links: RepoLinks;
  now: Date;
  component: string | undefined;
  /** The workflow run, linked from the deployment and the notifications. */
  runUrl: string | undefined;
  log: (message: string) => void;
}

export interface PromotionOptions {
  checkout: string;
  token: string;
  apiUrl?: string;
  repo: RepoRef;
  serverUrl: string;
  now: Date;
  component?: string;
  runUrl?: string;
  log: (message: string) => void;
}

/** The deploy's clock: RELEASE_TRAIN_NOW (ISO 8601) when set, so tests and rehearsals control dates. */
export function promotionClock(env: NodeJS.ProcessEnv = process.env): Date {
  const fixed = env.RELEASE_TRAIN_NOW;
  if (!fixed) return new Date();
  const date = new Date(fixed);
  if (Number.isNaN(date.getTime())) {
    throw new ReleaseTrainError(
      'bad-input',
      `RELEASE_TRAIN_NOW="${fixed}" is not an ISO 8601 date. Nothing was changed.`,
    );
  }
  return date;
}

/**
 * Opens the checkout and reads the config from the default branch. Refuses early when the
 * working folder is not a git checkout (run actions/checkout with `fetch-depth: 0` first) or the
 * component is not configured.
 */
export async function openPromotion(options: PromotionOptions): Promise<Promotion> {
  const git = new Git(options.checkout);
  const inside = await git.attempt(['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0) {
    throw new ReleaseTrainError(
      'no-checkout',
      `${options.checkout} is not a git checkout. Nothing was changed; run actions/checkout (with fetch-depth: 0) before promote, or run the CLI inside a clone.`,
    );
  }
  const remote = 'origin';
  if ((await git.attempt(['remote', 'get-url', remote])).code !== 0) {
    throw new ReleaseTrainError(
      'no-checkout',
      `The checkout has no "${remote}" remote. Nothing was changed.`,
    );
  }
  const github = createGitHub(options.token, { baseUrl: options.apiUrl, onRetry: options.log });
  const { config, defaultBranch } = await loadRepoSettings(github, options.repo);
  if (options.component && !(options.component in config.components)) {
    const known = Object.keys(config.components);
    throw new ReleaseTrainError(
      'unknown-component',
      `Component "${options.component}" is not in the config (${known.length > 0 ? `known: ${known.join(', ')}` : 'no components are configured'}). Nothing was changed.`,
    );
  }
  return {
    git,
    github,
    repo: options.repo,
    config,
    defaultBranch,
    productionBranch: config['production-branch'],
    remote,
    links: { serverUrl: options.serverUrl, owner: options.repo.owner, repo: options.repo.repo },
    now: options.now,
    component: options.component || undefined,
    runUrl: options.runUrl || undefined,
    log: options.log,
  };
}
