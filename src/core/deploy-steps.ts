/**
 * The writes of a production deploy, in the order the runbook does them. Each is observable
 * afterwards (the tag on the remote, the deployment, the section in the CHANGELOG, the release,
 * the labels, the deployment's success), so a rerun after a failure asks which are done and does
 * only the rest. The GitHub Deployment is opened right after the push and closed last: while it
 * is in progress another run keeps off, and its success marks the whole deploy finished.
 */
export const DEPLOY_STEPS = [
  'move-production',
  'open-deployment',
  'changelog',
  'release',
  'labels',
  'close-deployment',
] as const;
export type DeployStep = (typeof DEPLOY_STEPS)[number];

export type DeployProgress = Record<DeployStep, boolean>;

export const STEP_TITLES: Record<DeployStep, string> = {
  'move-production': 'Move production and create the tag (one atomic push)',
  'open-deployment': 'Open the GitHub Deployment to production (in progress)',
  changelog: 'Commit the CHANGELOG section on the default branch',
  release: 'Publish the GitHub Release',
  labels: 'Move the PRs and their issues to done',
  'close-deployment': 'Mark the deployment successful',
};

export function nothingDone(): DeployProgress {
  return {
    'move-production': false,
    'open-deployment': false,
    changelog: false,
    release: false,
    labels: false,
    'close-deployment': false,
  };
}

/** The steps still to do, in order. */
export function remainingSteps(progress: DeployProgress): DeployStep[] {
  return DEPLOY_STEPS.filter((step) => !progress[step]);
}

export function isFinished(progress: DeployProgress): boolean {
  return remainingSteps(progress).length === 0;
}

/** How long an in-progress deployment of another run keeps a new run off (then it counts as abandoned). */
export const DEPLOY_LEASE_MS = 15 * 60_000;

/**
 * A run opens the production deployment right after its push. A deploy tag younger than this with
 * no deployment yet may belong to a run in that gap, so another run waits this long for the
 * deployment to appear before it takes the tag for an unfinished deploy of a run that died.
 */
export const DEPLOYMENT_GAP_MS = 10_000;

/** Whether a deploy tag without any deployment is young enough that its run may still be opening one. */
export function mayBeOpening(tagMadeAt: Date | undefined, now: Date): boolean {
  return tagMadeAt !== undefined && now.getTime() - tagMadeAt.getTime() < DEPLOY_LEASE_MS;
}

/**
 * Whether an unfinished deploy may be finished by this run: yes when its deployment is not open,
 * ended in an error, was opened by this very workflow run (a re-run), or was abandoned.
 */
export function mayResume(
  deployment:
    | { state: string | undefined; runUrl: string | undefined; updatedAt: string | undefined }
    | undefined,
  here: { runUrl: string | undefined; now: Date },
): boolean {
  if (deployment?.state !== 'in_progress') return true;
  if (here.runUrl && deployment.runUrl === here.runUrl) return true;
  const since = deployment.updatedAt ? Date.parse(deployment.updatedAt) : Number.NaN;
  return !Number.isFinite(since) || here.now.getTime() - since > DEPLOY_LEASE_MS;
}
