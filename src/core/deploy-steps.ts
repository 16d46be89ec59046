/**
 * The writes of a production deploy, in the order the runbook does them. Each is observable
 * afterwards (the tag on the remote, the section in the CHANGELOG, the release, the labels, the
 * deployment record), so a rerun after a failure asks which are done and does only the rest.
 */
export const DEPLOY_STEPS = ['move-production', 'changelog', 'release', 'labels', 'deployment'] as const;
export type DeployStep = (typeof DEPLOY_STEPS)[number];

export type DeployProgress = Record<DeployStep, boolean>;

export const STEP_TITLES: Record<DeployStep, string> = {
  'move-production': 'Move production and create the tag (one atomic push)',
  changelog: 'Commit the CHANGELOG section on the default branch',
  release: 'Publish the GitHub Release',
  labels: 'Move the PRs and their issues to done',
  deployment: 'Record the GitHub Deployment',
};

export function nothingDone(): DeployProgress {
  return { 'move-production': false, changelog: false, release: false, labels: false, deployment: false };
}

/** The steps still to do, in order. The deployment record comes last: it marks the deploy finished. */
export function remainingSteps(progress: DeployProgress): DeployStep[] {
  return DEPLOY_STEPS.filter((step) => !progress[step]);
}

export function isFinished(progress: DeployProgress): boolean {
  return remainingSteps(progress).length === 0;
}
