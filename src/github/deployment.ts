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
  /** The newest status's state (`in_progress`, `success`, `error`, ...); undefined when it has none. */
  state: string | undefined;
  /** The run that wrote the newest status. */
  runUrl: string | undefined;
  updatedAt: string | undefined;
}

export interface DeploymentTarget {
  environment: string;
  sha: string;
  tag: string;
  component?: string | undefined;
}

function taskFor(component: string | undefined): string {
  return component ? `deploy:${component}` : 'deploy';
}

/** The deployment release-train made for `tag` (on `sha`, in `environment`), if any. */
export async function findDeployment(
  github: GitHub,
  repo: RepoRef,
  target: DeploymentTarget,
): Promise<DeploymentRecord | undefined> {
  const { data } = await github.rest.repos.listDeployments({
    ...repo,
    environment: target.environment,
    sha: target.sha,
    task: taskFor(target.component),
    per_page: 100,
  });
  const ours = data.find((deployment) => {
    const payload = deployment.payload as Partial<DeploymentPayload> | string;
    return typeof payload === 'object' && payload.tool === 'release-train' && payload.tag === target.tag;
  });
  if (!ours) return undefined;
  const { data: statuses } = await github.rest.repos.listDeploymentStatuses({
    ...repo,
    deployment_id: ours.id,
    per_page: 1,
  });
  const newest = statuses[0];
  return {
    id: ours.id,
    state: newest?.state,
    runUrl: newest?.log_url ?? undefined,
    updatedAt: newest?.created_at ?? ours.updated_at,
  };
}

/**
 * Opens the GitHub Deployment to production that records the deployed commit: found again by
 * its tag on a rerun, or created, then marked `in_progress` by this run.
 */
export async function openDeployment(
  github: GitHub,
  repo: RepoRef,
  target: DeploymentTarget & { pullRequests: number[]; runUrl?: string | undefined; description: string },
): Promise<DeploymentRecord> {
  let deployment = await findDeployment(github, repo, target);
  if (!deployment) {
    const payload: DeploymentPayload = {
      tool: 'release-train',
      tag: target.tag,
      pull_requests: target.pullRequests,
      ...(target.component ? { component: target.component } : {}),
    };
    const { data } = await github.rest.repos.createDeployment({
      ...repo,
      ref: target.tag,
      task: taskFor(target.component),
      environment: target.environment,
      production_environment: true,
      auto_merge: false,
      required_contexts: [],
      payload: payload as unknown as Record<string, unknown>,
      description: target.description.slice(0, 140),
    });
    if (!('id' in data)) throw new Error(`GitHub did not create the deployment: ${JSON.stringify(data)}`);
    deployment = { id: data.id, state: undefined, runUrl: undefined, updatedAt: undefined };
  }
  return setDeploymentState(github, repo, deployment.id, {
    state: 'in_progress',
    environment: target.environment,
    runUrl: target.runUrl,
    description: target.description,
  });
}

export async function setDeploymentState(
  github: GitHub,
  repo: RepoRef,
  id: number,
  options: {
    state: 'in_progress' | 'success' | 'error';
    environment: string;
    runUrl?: string | undefined;
    description: string;
  },
): Promise<DeploymentRecord> {
  const { data } = await github.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: id,
    state: options.state,
    environment: options.environment,
    description: options.description.slice(0, 140),
    ...(options.runUrl ? { log_url: options.runUrl } : {}),
    auto_inactive: true,
  });
  return { id, state: options.state, runUrl: options.runUrl, updatedAt: data.created_at };
}
