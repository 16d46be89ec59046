import { ReleaseTrainError } from '../action/failure.js';
import { deployGroup, failedOutcome } from '../actions/rolling-deploy/deploy-group.js';
import type { Preflight } from '../actions/rolling-deploy/preflight.js';
import { preflight } from '../actions/rolling-deploy/preflight.js';
import { deploySummary } from '../actions/rolling-deploy/summary.js';
import { connectAws, resolveRegion } from '../aws/clients.js';
import { createDeployRun, type DeployRun } from '../aws/deploy-run.js';
import type { GroupOutcome } from '../aws/group-outcome.js';
import type { Recipe } from '../config/schema.js';
import { checkQuorumStrategy } from '../core/deploy-recipe.js';
import type { RecipeContext, RecipeRunner } from './recipe-runner.js';

type RollingRecipe = Extract<Recipe, { kind: 'rolling-deploy' }>;

/**
 * A `rolling-deploy` recipe from the config (`groups`, `region`, `strategy`, `max-batch`) run
 * through the same AWS code as the rolling-deploy action, one group after another; after a failure
 * (rolled back by the strategy itself) no further group starts. Credentials come from the SDK's
 * default chain, as for the rolling-deploy action.
 */
export const rollingRunner: RecipeRunner<'rolling-deploy'> = {
  kind: 'rolling-deploy',
  prepare(recipe: RollingRecipe, context: RecipeContext) {
    const quorum = checkQuorumStrategy(context.component, context.quorum, recipe.strategy);
    if (!quorum.ok) throw new ReleaseTrainError(quorum.reasonCode, quorum.message);
    resolveRegion(recipe.region);
    const groups = [...new Set(recipe.groups)];
    let run: DeployRun | undefined;
    let ready: Map<string, Preflight> | undefined;
    const connect = () => {
      run ??= createDeployRun(connectAws({ region: recipe.region }), {
        pollMs: context.pollMs ?? 15_000,
        timeoutMs: context.timeoutMs ?? 30 * 60_000,
      });
      return run;
    };
    return {
      description: `${recipe.strategy} of ${groups.join(', ')}`,
      async preflight() {
        // Every group exists, none is mid-deploy, the batch is quorum-safe: before anything changes.
        ready = await preflight(connect(), groups, recipe.strategy, recipe['max-batch']);
      },
      async run(log) {
        const deployRun = connect();
        ready ??= await preflight(deployRun, groups, recipe.strategy, recipe['max-batch']);
        const outcomes: GroupOutcome[] = [];
        for (const name of groups) {
          if (outcomes.some((outcome) => !outcome.ok)) {
            const failed = outcomes.find((outcome) => !outcome.ok)!.group;
            outcomes.push(
              failedOutcome(
                name,
                recipe.strategy,
                new ReleaseTrainError('skipped', `not started because ${failed} failed`),
              ),
            );
            continue;
          }
          try {
            outcomes.push(
              await deployGroup(deployRun, {
                name,
                strategy: recipe.strategy,
                batch: ready.get(name)!.batch,
                run: context.runId,
                print: (line) => log.info(line),
              }),
            );
          } catch (error) {
            outcomes.push(failedOutcome(name, recipe.strategy, error));
          }
        }
        const failures = outcomes.filter((outcome) => !outcome.ok);
        const ok = failures.length === 0;
        return {
          ok,
          message: ok
            ? `${recipe.strategy} of ${groups.join(', ')} replaced every instance`
            : failures.map((outcome) => `${outcome.group}: ${outcome.reasonCode}`).join(', '),
          summary: deploySummary(
            ok
              ? `**Rolled** ${groups.join(', ')} (${recipe.strategy}).`
              : `**Failed**: ${failures.map((outcome) => `${outcome.group} (\`${outcome.reasonCode}\`)`).join(', ')}.`,
            outcomes,
          ),
          details: {
            recipe_reason_code: ok ? 'deployed' : failures[0]!.reasonCode,
            groups: outcomes.map((outcome) => ({
              group: outcome.group,
              ok: outcome.ok,
              reason_code: outcome.reasonCode,
              before: outcome.before,
              after: outcome.after,
            })),
          },
        };
      },
    };
  },
};
