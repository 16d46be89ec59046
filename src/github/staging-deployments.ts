import type { RepoRef } from '../core/linked-issues.js';
import {
  blockingDeployment,
  type DeploymentState,
  deploymentTask,
  progressOf,
  readStagingPayload,
  STAGING_ENVIRONMENT,
  type StagingDeployment,
  type StagingPayload,
  type StagingState,
} from '../core/staging-deployment.js';
import type { ComponentOnStaging } from '../core/staging-order.js';
import type { GitHub } from './client.js';
import { isAncestor } from './commit-graph.js';

/**
 * The staging deployments of each component, as GitHub Deployments: what runs on staging (the
 * newest successful one), whether a deploy is in progress, and the writes that record a deploy.
 */

type RawDeployment = Awaited<ReturnType<GitHub['rest']['repos']['getDeployment']>>['data'];

/** How many of a component's newest deployments are looked at: a longer run of failures is unusual. */
const LOOK_BACK = 30;

async function statesOf(
  github: GitHub,
  repo: RepoRef,
  id: number,
): Promise<{ states: DeploymentState[]; newest: string | undefined }> {
  const { data } = await github.rest.repos.listDeploymentStatuses({
    ...repo,
    deployment_id: id,
    per_page: 100,
  });
  const sorted = [...data].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  return { states: sorted.map((status) => status.state), newest: sorted[0]?.created_at };
}

async function toStagingDeployment(
  github: GitHub,
  repo: RepoRef,
  raw: RawDeployment,
  payload: StagingPayload,
): Promise<StagingDeployment> {
  const { states, newest } = await statesOf(github, repo, raw.id);
  return {
    id: raw.id,
    component: payload.component,
    sha: raw.sha,
    ref: payload.ref,
    branch: payload.branch,
    action: payload.action,
    progress: progressOf(states),
    createdAt: raw.created_at,
    since: newest ?? raw.created_at,
    creator: raw.creator?.login ?? '',
    runUrl: payload.run_url,
  };
}

/**
 * Walks a component's staging deployments newest first, reading each one's statuses, until
 * `visit` says stop. One request per page of deployments plus one per deployment visited.
 */
async function walkDeployments(
  github: GitHub,
  repo: RepoRef,
  component: string,
  visit: (deployment: StagingDeployment) => 'stop' | 'continue',
): Promise<void> {
  const { data } = await github.rest.repos.listDeployments({
    ...repo,
    environment: STAGING_ENVIRONMENT,
    task: deploymentTask(component),
    per_page: LOOK_BACK,
  });
  const newestFirst = [...data].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  for (const raw of newestFirst) {
    const payload = readStagingPayload(raw.payload);
    if (!payload || payload.component !== component) continue;
    if (visit(await toStagingDeployment(github, repo, raw, payload)) === 'stop') return;
  }
}

/** What a component's staging runs: its newest successful deployment (commit, branch, since when). */
export async function stagingStateOf(
  github: GitHub,
  repo: RepoRef,
  component: string,
): Promise<StagingState> {
  let found: StagingDeployment | undefined;
  await walkDeployments(github, repo, component, (deployment) => {
    if (deployment.progress !== 'succeeded') return 'continue';
    found = deployment;
    return 'stop';
  });
  return { component, deployment: found };
}

export async function stagingStates(
  github: GitHub,
  repo: RepoRef,
  components: readonly string[],
): Promise<StagingState[]> {
  const states: StagingState[] = [];
  for (const component of components) states.push(await stagingStateOf(github, repo, component));
  return states;
}

/**
 * The deploy of `component` that a new one must wait for, if any. Deploys of one component run
 * one at a time, so only the newest deployments up to the first finished one can be unfinished.
 */
export async function deployInProgress(
  github: GitHub,
  repo: RepoRef,
  component: string,
  ownId?: number,
): Promise<StagingDeployment | undefined> {
  const seen: StagingDeployment[] = [];
  await walkDeployments(github, repo, component, (deployment) => {
    if (deployment.id === ownId) return 'continue';
    seen.push(deployment);
    return deployment.progress === 'unfinished' ? 'continue' : 'stop';
  });
  return blockingDeployment(seen, ownId);
}

/**
 * One walk for a deploy: what staging runs now (the newest success) and the deploys still
 * unfinished before the newest finished one, which a new deploy must wait for.
 */
export async function componentStaging(
  github: GitHub,
  repo: RepoRef,
  component: string,
): Promise<{ current: StagingDeployment | undefined; blocking: StagingDeployment | undefined }> {
  const unfinished: StagingDeployment[] = [];
  let finishedSeen = false;
  let current: StagingDeployment | undefined;
  await walkDeployments(github, repo, component, (deployment) => {
    if (deployment.progress === 'unfinished') {
      if (!finishedSeen) unfinished.push(deployment);
      return 'continue';
    }
    finishedSeen = true;
    if (deployment.progress !== 'succeeded') return 'continue';
    current = deployment;
    return 'stop';
  });
  return { current, blocking: blockingDeployment(unfinished) };
}

/** One deployment by id, if it is a staging deployment of release-train's. */
export async function readStagingDeployment(
  github: GitHub,
  repo: RepoRef,
  id: number,
): Promise<StagingDeployment | undefined> {
  let raw: RawDeployment;
  try {
    raw = (await github.rest.repos.getDeployment({ ...repo, deployment_id: id })).data;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  const payload = readStagingPayload(raw.payload);
  if (raw.environment !== STAGING_ENVIRONMENT || !payload || raw.task !== deploymentTask(payload.component)) {
    return undefined;
  }
  return toStagingDeployment(github, repo, raw, payload);
}

export interface DeploymentOpening {
  component: string;
  sha: string;
  payload: StagingPayload;
  description: string;
  logUrl: string;
}

/**
 * Opens the Deployment for a staging deploy and marks it in progress. The Deployment names the
 * exact commit (not the branch, which may move meanwhile); auto-merge is off and no status checks
 * are required: what to deploy was decided before, by the person who dispatched it.
 */
export async function openStagingDeployment(
  github: GitHub,
  repo: RepoRef,
  opening: DeploymentOpening,
): Promise<number> {
  const response = await github.rest.repos.createDeployment({
    ...repo,
    ref: opening.sha,
    task: deploymentTask(opening.component),
    environment: STAGING_ENVIRONMENT,
    auto_merge: false,
    required_contexts: [],
    payload: { ...opening.payload },
    description: opening.description.slice(0, 140),
    transient_environment: false,
    production_environment: false,
  });
  const id = (response.data as { id?: number }).id;
  if (typeof id !== 'number') {
    throw new Error(`GitHub did not create the deployment: ${JSON.stringify(response.data)}`);
  }
  await recordDeploymentState(github, repo, id, 'in_progress', opening.description, opening.logUrl);
  return id;
}

/**
 * Adds a status to a deployment. `auto_inactive` is off: every component shares the environment
 * `staging`, and GitHub would otherwise mark the other components' deployments inactive.
 */
export async function recordDeploymentState(
  github: GitHub,
  repo: RepoRef,
  id: number,
  state: 'in_progress' | 'success' | 'failure' | 'error',
  description: string,
  logUrl: string,
): Promise<void> {
  await github.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: id,
    state,
    description: description.slice(0, 140),
    ...(logUrl && { log_url: logUrl }),
    auto_inactive: false,
  });
}

/**
 * For `require-staging`: what each component's staging runs and whether it contains `target`.
 * Per component, the deployments walk plus one compare request.
 */
export async function componentsOnStaging(
  github: GitHub,
  repo: RepoRef,
  components: readonly string[],
  target: string,
): Promise<ComponentOnStaging[]> {
  const found: ComponentOnStaging[] = [];
  for (const component of components) {
    const { deployment } = await stagingStateOf(github, repo, component);
    const containsTarget = deployment ? await isAncestor(github, repo, target, deployment.sha) : false;
    found.push({ component, staging: deployment, containsTarget });
  }
  return found;
}
