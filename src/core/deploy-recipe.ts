import type { Component, Recipe } from '../config/schema.js';

/**
 * How a deploy of one component runs. `rolling-deploy` and `remote` recipes are run by the action
 * itself (phase `all`); a `workflow` recipe is the user's own steps, which the workflow puts between
 * phase `start` (opens the Deployment) and phase `finish` (records the outcome).
 */
export type DeployPhase = 'all' | 'start' | 'finish';

export const DEPLOY_PHASES: readonly DeployPhase[] = ['all', 'start', 'finish'];

/** A component without a recipe for the environment is deployed by the user's own workflow steps. */
export function recipeFor(component: Component, environment: 'staging' | 'production'): Recipe {
  return component[environment] ?? { kind: 'workflow' };
}

export function runsInProcess(recipe: Recipe): boolean {
  return recipe.kind !== 'workflow';
}

export type PhaseFit = { ok: true } | { ok: false; reasonCode: 'wrong-phase'; message: string };

/** Whether `phase` fits how the component deploys; a mismatch is refused before anything changes. */
export function checkPhase(component: string, recipe: Recipe, phase: DeployPhase): PhaseFit {
  if (phase === 'finish') return { ok: true };
  if (phase === 'all' && !runsInProcess(recipe)) {
    return {
      ok: false,
      reasonCode: 'wrong-phase',
      message: `${component} deploys with your own workflow steps (its recipe is "workflow"), so this action cannot run it in one go. Nothing was changed. Use phase "start", then your deploy steps, then phase "finish" with the deployment id and \${{ job.status }} (see workflows/deploy-staging.yml), or give ${component} a rolling-deploy or remote recipe in .github/release-train.yml.`,
    };
  }
  if (phase === 'start' && runsInProcess(recipe)) {
    return {
      ok: false,
      reasonCode: 'wrong-phase',
      message: `${component} deploys with a ${recipe.kind} recipe, which this action runs itself. Nothing was changed. Use phase "all" (the default), or set its recipe to kind "workflow" to run your own steps between "start" and "finish".`,
    };
  }
  return { ok: true };
}

/**
 * A recipe's commands may name what is deployed: `{sha}` (the full commit), `{short-sha}` (its
 * first 7 characters) and `{component}`. These values are safe in a shell command line (hex digits;
 * a component name is `[a-z0-9._-]`). The ref is not offered: a branch name may hold `;` or `$`.
 */
export function expandRecipeCommand(command: string, values: { sha: string; component: string }): string {
  return command
    .replaceAll('{sha}', values.sha)
    .replaceAll('{short-sha}', values.sha.slice(0, 7))
    .replaceAll('{component}', values.component);
}

export type StrategyCheck = { ok: true } | { ok: false; reasonCode: 'quorum-unsafe'; message: string };

/**
 * A quorum service (`quorum: true`: etcd, consul) stays available only while a majority of its
 * members is up, so its rolling deploy must go one by one (the batch is then checked against the
 * group's size); a surge or an instance refresh could replace a majority at once.
 */
export function checkQuorumStrategy(component: string, quorum: boolean, strategy: string): StrategyCheck {
  if (!quorum || strategy === 'one-by-one') return { ok: true };
  return {
    ok: false,
    reasonCode: 'quorum-unsafe',
    message: `${component} is a quorum service (quorum: true), but its rolling-deploy recipe uses strategy "${strategy}", which could replace a majority of its members at once. Nothing was changed. Set \`strategy: one-by-one\` (and \`max-batch\` below a majority, if more than 1).`,
  };
}
