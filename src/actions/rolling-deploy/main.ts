import { z } from 'zod';
import { ReleaseTrainError } from '../../action/failure.js';
import { booleanInput, durationInput, integerInput, listInput } from '../../action/input-types.js';
import type { ActionDefinition } from '../../action/run-action.js';
import { connectAws } from '../../aws/clients.js';
import { createDeployRun } from '../../aws/deploy-run.js';
import type { GroupOutcome } from '../../aws/group-outcome.js';
import type { Strategy } from '../../core/quorum.js';
import { deployGroup, failedOutcome } from './deploy-group.js';
import { describePlan } from './dry-run.js';
import { type Preflight, preflight } from './preflight.js';
import { deploySummary, planSummary } from './summary.js';

const inputs = z.object({
  group: z.string().trim().min(1).optional(),
  groups: listInput.optional(),
  strategy: z.enum(['surge', 'one-by-one', 'instance-refresh']).default('surge'),
  'max-batch': integerInput.pipe(z.number().int().positive()).optional(),
  'max-parallel': integerInput.pipe(z.number().int().positive()).default(4),
  timeout: durationInput.default(30 * 60_000),
  'poll-interval': durationInput.default(15_000),
  region: z.string().trim().min(1).optional(),
  endpoint: z.url().optional(),
  'dry-run': booleanInput.default(false),
});

type Inputs = z.output<typeof inputs>;

function groupsOf(inputs: Inputs): string[] {
  const names = [...(inputs.group ? [inputs.group] : []), ...(inputs.groups ?? [])];
  if (names.length === 0) {
    throw new ReleaseTrainError(
      'bad-input',
      'Name the Auto Scaling group(s) in `group` or `groups`. Nothing was changed.',
    );
  }
  if (inputs.strategy === 'instance-refresh' && inputs['max-batch'] !== undefined) {
    throw new ReleaseTrainError(
      'bad-input',
      '`max-batch` does not apply to instance-refresh (AWS replaces with MinHealthyPercentage 100, MaxHealthyPercentage 200). Nothing was changed.',
    );
  }
  return [...new Set(names)];
}

/**
 * Deploys groups `limit` at a time. After a failure no further group starts (those running finish):
 * a broken image should stop at the first group, not roll through all of them.
 */
async function deployAll(
  names: string[],
  limit: number,
  deploy: (name: string) => Promise<GroupOutcome>,
  strategy: Strategy,
): Promise<GroupOutcome[]> {
  const outcomes = new Map<string, GroupOutcome>();
  const queue = [...names];
  let failed: string | undefined;
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      if (failed) {
        outcomes.set(
          name,
          failedOutcome(
            name,
            strategy,
            new ReleaseTrainError('skipped', `not started because ${failed} failed`),
          ),
        );
        continue;
      }
      let outcome: GroupOutcome;
      try {
        outcome = await deploy(name);
      } catch (error) {
        outcome = failedOutcome(name, strategy, error);
      }
      outcomes.set(name, outcome);
      if (!outcome.ok) failed ??= name;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, names.length) }, worker));
  return names.map((name) => outcomes.get(name)!);
}

export const rollingDeployAction: ActionDefinition<typeof inputs> = {
  name: 'rolling-deploy',
  inputs,
  async main({ inputs, log, runner }) {
    // 1. Which groups, how, and with which AWS account (the SDK's credential chain).
    const names = groupsOf(inputs);
    const strategy = inputs.strategy;
    const aws = connectAws({ region: inputs.region, endpoint: inputs.endpoint });
    const run = createDeployRun(aws, { pollMs: inputs['poll-interval'], timeoutMs: inputs.timeout });

    // 2. Preflight every group before touching any: exists, not mid-deploy, quorum-safe batch.
    const ready: Map<string, Preflight> = await preflight(run, names, strategy, inputs['max-batch']);

    // 3. A dry run stops at the plan.
    if (inputs['dry-run']) {
      const plans = names.map((name) => {
        const { state, batch } = ready.get(name)!;
        return { group: name, lines: describePlan(state, strategy, batch) };
      });
      return {
        ok: true,
        reasonCode: 'dry-run',
        message: `Dry run: planned a ${strategy} of ${names.join(', ')}. Nothing was changed.`,
        summary: planSummary(
          `**Dry run**: ${strategy} of ${names.length} group(s); nothing was changed.`,
          plans,
        ),
        details: { strategy, groups: plans },
      };
    }

    // 4. Deploy, max-parallel groups at a time.
    const outcomes = await deployAll(
      names,
      inputs['max-parallel'],
      (name) =>
        deployGroup(run, {
          name,
          strategy,
          batch: ready.get(name)!.batch,
          run: runner.runId,
          print: (line) => log.info(line),
        }),
      strategy,
    );

    // 5. Report: per group, before and after, what was restored on a rollback.
    const failures = outcomes.filter((outcome) => !outcome.ok);
    const ok = failures.length === 0;
    const headline = ok
      ? `**Deployed** ${names.join(', ')} (${strategy}${names.length > 1 ? `, max-parallel ${inputs['max-parallel']}` : ''}).`
      : `**Failed**: ${failures.map((outcome) => `${outcome.group} (\`${outcome.reasonCode}\`)`).join(', ')}.`;
    const replaced = Object.fromEntries(
      outcomes.map((outcome) => [outcome.group, { old: outcome.before, new: outcome.after }]),
    );
    return {
      ok,
      reasonCode: ok ? 'deployed' : failures[0]!.reasonCode,
      message: ok
        ? outcomes.map((outcome) => outcome.message).join('\n')
        : failures.map((outcome) => outcome.message).join('\n'),
      summary: deploySummary(headline, outcomes),
      details: {
        strategy,
        requests: aws.stats.requests,
        groups: outcomes.map((outcome) => ({
          group: outcome.group,
          strategy: outcome.strategy,
          ok: outcome.ok,
          reason_code: outcome.reasonCode,
          message: outcome.message,
          before: outcome.before,
          after: outcome.after,
          terminated: outcome.terminated,
          ...(outcome.progress && { progress: outcome.progress }),
          ...(outcome.restored && { restored: outcome.restored }),
        })),
      },
      outputs: { replaced: JSON.stringify(replaced) },
    };
  },
};
