import type { RepoRef } from '../core/linked-issues.js';
import type { GitHub } from './client.js';

/** What release-train records on a production deployment, so a later run can recognise it. */
export interface DeploymentPayload {
  tool: 'release-train';
  tag: string;
  component?: string;
  pull_requests: number[];
}

export interface DeploymentRecord {
  id: number;
  /** The newest status's state, e.g. `success`; undefined when it has none. */
  state: string | undefined;
}

function taskFor(component: string | undefined): string {
  return component ? `deploy:${component}` : 'deploy';
}

/** The deployment release-train made for `tag` (on `sha`, in `environment`), if any. */
export async function findDeployment(
  github: GitHub,
  repo: RepoRef,
  options: { environment: string; sha: string; tag: string; component?: string },
): Promise<DeploymentRecord | undefined> {
  const { data } = await github.rest.repos.listDeployments({
    ...repo,
    environment: options.environment,
    sha: options.sha,
    task: taskFor(options.component),
    per_page: 100,
  });
  const ours = data.find((deployment) => {
    const payload = deployment.payload as Partial<DeploymentPayload> | string;
    return typeof payload === 'object' && payload.tool === 'release-train' && payload.tag === options.tag;
  });
  if (!ours) return undefined;
  const { data: statuses } = await github.rest.repos.listDeploymentStatuses({
    ...repo,
    deployment_id: ours.id,
    per_page: 1,
  });
  return { id: ours.id, state: statuses[0]?.state };
}

/**
 * The GitHub Deployment to `production` that records the deployed commit, with a `success`
 * status linking the run. An existing one for the tag is completed rather than duplicated.
 * Its success status is what tells later runs that this deploy is finished.
 */
export async function recordDeployment(
  github: GitHub,
  repo: RepoRef,
  options: {
    environment: string;
    sha: string;
    tag: string;
    component?: string;
    pullRequests: number[];
    logUrl?: string;
    description: string;
  },
): Promise<DeploymentRecord> {
  let deployment = await findDeployment(github, repo, options);
  if (!deployment) {
    const payload: DeploymentPayload = {
      tool: 'release-train',
      tag: options.tag,
      pull_requests: options.pullRequests,
      ...(options.component ? { component: options.component } : {}),
    };
    const { data } = await github.rest.repos.createDeployment({
      ...repo,
      ref: options.tag,
      task: taskFor(options.component),
      environment: options.environment,
      production_environment: true,
      auto_merge: false,
      required_contexts: [],
      payload: payload as unknown as Record<string, unknown>,
      description: options.description.slice(0, 140),
    });
    if (!('id' in data)) throw new Error(`GitHub did not create the deployment: ${JSON.stringify(data)}`);
    deployment = { id: data.id, state: undefined };
  }
  if (deployment.state !== 'success') {
    await github.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: deployment.id,
      state: 'success',
      environment: options.environment,
      description: options.description.slice(0, 140),
      ...(options.logUrl ? { log_url: options.logUrl } : {}),
      auto_inactive: true,
    });
  }
  return { id: deployment.id, state: 'success' };
}
