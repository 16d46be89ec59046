/**
 * A staging deployment as release-train records it on GitHub: one Deployment per deploy of one
 * component to the environment `staging`, told apart by its task `deploy:<component>`, with what
 * was deployed (ref, branch, action) in its payload and the outcome in its statuses.
 */

export const STAGING_ENVIRONMENT = 'staging';

export const STAGING_ACTIONS = ['update', 'switch-branch'] as const;
export type StagingAction = (typeof STAGING_ACTIONS)[number];

export function deploymentTask(component: string): string {
  return `deploy:${component}`;
}

/** What the Deployment's payload carries, so that anyone reading it later knows what runs on staging. */
export interface StagingPayload {
  component: string;
  action: StagingAction;
  /** The ref as the person asked for it: a branch, a tag or a commit. */
  ref: string;
  /** The branch staging now follows: the default branch after an `update`. */
  branch: string;
  /** The workflow run that deployed it. */
  run_url: string;
}

/** The payload of a Deployment, if it is one of ours (GitHub may hand it back as a JSON string). */
export function readStagingPayload(payload: unknown): StagingPayload | undefined {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const { component, action, ref, branch } = record;
  if (typeof component !== 'string' || typeof ref !== 'string' || typeof branch !== 'string')
    return undefined;
  if (!STAGING_ACTIONS.includes(action as StagingAction)) return undefined;
  return {
    component,
    action: action as StagingAction,
    ref,
    branch,
    run_url: typeof record.run_url === 'string' ? record.run_url : '',
  };
}

/** The states GitHub allows on a deployment status. */
export type DeploymentState =
  | 'error'
  | 'failure'
  | 'inactive'
  | 'in_progress'
  | 'queued'
  | 'pending'
  | 'success';

export type DeploymentProgress = 'unfinished' | 'succeeded' | 'failed';

/**
 * Where a deployment stands, from its statuses (newest first). No status yet counts as unfinished:
 * a deploy that opened its Deployment and is about to start. `inactive` follows a success when a
 * newer deployment to the same environment replaced it (GitHub does this for jobs that declare
 * `environment:`), so a deployment that ever succeeded and was only made inactive still succeeded.
 */
export function progressOf(statesNewestFirst: readonly DeploymentState[]): DeploymentProgress {
  const latest = statesNewestFirst[0];
  if (latest === undefined || latest === 'queued' || latest === 'pending' || latest === 'in_progress') {
    return 'unfinished';
  }
  if (latest === 'success') return 'succeeded';
  if (latest === 'inactive' && statesNewestFirst.includes('success')) return 'succeeded';
  return 'failed';
}

/** A staging deployment of one component, as read back from GitHub. */
export interface StagingDeployment {
  id: number;
  component: string;
  sha: string;
  ref: string;
  branch: string;
  action: StagingAction;
  progress: DeploymentProgress;
  createdAt: string;
  /** When the newest status was set: for a success, since when staging runs this commit. */
  since: string;
  creator: string;
  runUrl: string;
}

/**
 * The deployment that stops a new deploy of the same component: the oldest one still unfinished.
 * `ownId` is the deployment this run just opened (when checking again after opening it): only
 * older ones count, so of two deploys that raced, the older goes on and the newer backs off.
 */
export function blockingDeployment(
  deployments: readonly StagingDeployment[],
  ownId?: number,
): StagingDeployment | undefined {
  return deployments
    .filter((deployment) => deployment.progress === 'unfinished')
    .filter((deployment) => ownId === undefined || deployment.id < ownId)
    .sort((a, b) => a.id - b.id)[0];
}

/** What a component's staging runs now: its newest successful deployment. */
export interface StagingState {
  component: string;
  deployment: StagingDeployment | undefined;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/**
 * "staging/api is on branch feature-x": one line per component whose staging does not follow the
 * default branch, shown by `release-train status` and every staging summary until an `update`
 * brings it back.
 */
export function offBranchNotices(states: readonly StagingState[], defaultBranch: string): string[] {
  return states
    .filter((state) => state.deployment && state.deployment.branch !== defaultBranch)
    .map(
      (state) =>
        `staging/${state.component} is on branch ${state.deployment!.branch} (since ${state.deployment!.since}, commit ${shortSha(state.deployment!.sha)}); run an update to bring it back to ${defaultBranch}`,
    );
}
