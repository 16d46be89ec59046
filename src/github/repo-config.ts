import { CONFIG_PATH, parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { RepoRef } from '../core/linked-issues.js';
import type { GitHub } from './client.js';

export interface RepoSettings {
  config: Config;
  defaultBranch: string;
}

/**
 * The config as committed on the default branch, read through the API: a `pull_request_target`
 * run must never read (or run) anything from the pull request's own head.
 */
export async function loadRepoSettings(github: GitHub, repo: RepoRef): Promise<RepoSettings> {
  const { data: repository } = await github.rest.repos.get({ ...repo });
  const ref = repository.default_branch;
  let text: string | undefined;
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path: CONFIG_PATH, ref });
    if (!Array.isArray(data) && data.type === 'file' && 'content' in data) {
      text = Buffer.from(data.content, 'base64').toString('utf8');
    }
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  const config = parseConfig(text, `${CONFIG_PATH} on ${ref}`);
  return { config, defaultBranch: config['default-branch'] ?? ref };
}
