import { type StagingDeployment, shortSha } from './staging-deployment.js';

/**
 * The order of environments (`require-staging: true`, the default): production only gets a commit
 * that staging has run. For each promoted component, the newest successful staging deployment must
 * contain the train's target commit.
 */

/** What staging runs for one component, and whether that contains the target. */
export interface ComponentOnStaging {
  component: string;
  /** The newest successful staging deployment; undefined when there never was one. */
  staging: StagingDeployment | undefined;
  /** Whether `staging.sha` contains the target (is the target or a descendant of it). */
  containsTarget: boolean;
}

export type StagingOrder =
  | { ok: true; why: string }
  | {
      ok: false;
      reasonCode: 'not-on-staging';
      message: string;
      /** One command per component that lacks the target: what would fix it. */
      commands: string[];
      components: string[];
    };

export interface StagingOrderInput {
  requireStaging: boolean;
  target: string;
  components: readonly ComponentOnStaging[];
  /** The staging workflow's file name in .github/workflows. */
  workflowFile?: string;
}

export function stagingFixCommand(
  component: string,
  target: string,
  workflowFile = 'deploy-staging.yml',
): string {
  return `gh workflow run ${workflowFile} -f action=update -f component=${component} -f ref=${target}`;
}

export function checkStagingOrder(input: StagingOrderInput): StagingOrder {
  const { target } = input;
  if (!input.requireStaging) return { ok: true, why: 'require-staging is off in the config' };
  if (input.components.length === 0) {
    return { ok: true, why: 'the config names no components, so there is no staging deployment to require' };
  }
  const missing = input.components.filter((entry) => !entry.staging || !entry.containsTarget);
  if (missing.length === 0) {
    return {
      ok: true,
      why: `staging contains ${shortSha(target)} for ${input.components.map((entry) => entry.component).join(', ')}`,
    };
  }
  const lines = missing.map((entry) =>
    entry.staging
      ? `staging/${entry.component} runs ${shortSha(entry.staging.sha)} (branch ${entry.staging.branch}, since ${entry.staging.since}), which does not contain ${shortSha(target)}`
      : `${entry.component} was never deployed to staging`,
  );
  const commands = missing.map((entry) => stagingFixCommand(entry.component, target, input.workflowFile));
  return {
    ok: false,
    reasonCode: 'not-on-staging',
    message: [
      `The train's target ${shortSha(target)} was never deployed to staging: ${lines.join('; ')}. Nothing was changed.`,
      `Deploy it to staging first (require-staging is on), then promote again:`,
      ...commands.map((command) => `  ${command}`),
    ].join('\n'),
    commands,
    components: missing.map((entry) => entry.component),
  };
}
