import type { ActionLog } from '../action/run-action.js';
import type { Recipe } from '../config/schema.js';

/**
 * The deploy recipes an action runs in-process (phase `all`). Each kind plugs in with one entry in
 * `recipeRunners`; a `workflow` recipe is never here, because the user's own steps run it.
 */

export interface RecipeRun {
  component: string;
  environment: 'staging' | 'production';
  /** The exact commit being deployed. */
  sha: string;
  /** The ref as asked for (branch, tag or commit). */
  ref: string;
  dryRun: boolean;
  log: ActionLog;
}

export interface RecipeReport {
  ok: boolean;
  /** One line: what happened, for the deployment status and the outcome message. */
  message: string;
  /** Markdown for the job summary. */
  summary: string;
  details?: Record<string, unknown>;
}

export interface RecipeRunner<K extends Recipe['kind'] = Recipe['kind']> {
  kind: K;
  /** Runs the recipe; a failure it can describe is a report with `ok: false`, not a throw. */
  run(recipe: Extract<Recipe, { kind: K }>, run: RecipeRun): Promise<RecipeReport>;
}

type Runners = { [K in Exclude<Recipe['kind'], 'workflow'>]?: RecipeRunner<K> };

/** In-process runners by recipe kind. */
export const recipeRunners: Runners = {};

export function runnerFor(recipe: Recipe): RecipeRunner | undefined {
  if (recipe.kind === 'workflow') return undefined;
  return recipeRunners[recipe.kind] as RecipeRunner | undefined;
}
