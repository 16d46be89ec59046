import type { ActionLog } from '../action/run-action.js';
import type { Recipe } from '../config/schema.js';
import { remoteRunner } from './remote-runner.js';
import { rollingRunner } from './rolling-runner.js';

/**
 * The deploy recipes an action runs in-process (phase `all`). Each kind plugs in with one entry in
 * `recipeRunners`; a `workflow` recipe is never here, because the user's own steps run it.
 */

/** What the action knows besides the recipe: the deploy, and the secrets the recipe kinds need. */
export interface RecipeContext {
  component: string;
  environment: 'staging' | 'production';
  /** The exact commit being deployed. */
  sha: string;
  /** The ref as asked for (branch, tag or commit). */
  ref: string;
  /** A quorum service (`quorum: true` in the config). */
  quorum: boolean;
  /** The workflow run (recorded on what the recipe changes, e.g. a deploy record on a group). */
  runId: string;
  /** How long one unit may take: a group's rolling deploy, a host's command. */
  timeoutMs?: number;
  /** How often a rolling deploy looks at its groups. */
  pollMs?: number;
  /** SSH settings for `remote` recipes, from the action's inputs. */
  ssh: {
    privateKey?: string;
    passphrase?: string;
    knownHosts?: string;
    hostKeyFingerprints?: string[];
  };
}

export interface RecipeReport {
  ok: boolean;
  /** One line: what happened, for the deployment status and the outcome message. */
  message: string;
  /** Markdown for the job summary. */
  summary: string;
  details?: Record<string, unknown>;
}

/** A recipe checked and ready: everything it needs was there before anything changed. */
export interface PreparedRecipe {
  /** One line for the plan, e.g. "3 commands on 2 hosts". */
  description: string;
  /** Read-only checks against the outside system (groups exist, none mid-deploy), before anything changes. */
  preflight?(): Promise<void>;
  run(log: ActionLog): Promise<RecipeReport>;
}

export interface RecipeRunner<K extends Recipe['kind'] = Recipe['kind']> {
  kind: K;
  /** Checks the recipe and its inputs; throws ReleaseTrainError (before any change) when something is missing. */
  prepare(recipe: Extract<Recipe, { kind: K }>, context: RecipeContext): PreparedRecipe;
}

type Runners = { [K in Exclude<Recipe['kind'], 'workflow'>]?: RecipeRunner<K> };

/** In-process runners by recipe kind. */
export const recipeRunners: Runners = {
  remote: remoteRunner,
  'rolling-deploy': rollingRunner,
};

export function runnerFor(recipe: Recipe): RecipeRunner | undefined {
  if (recipe.kind === 'workflow') return undefined;
  return recipeRunners[recipe.kind] as RecipeRunner | undefined;
}
