import { toResult } from '../action/result.js';
import { promote } from '../actions/promote/main.js';
import { openPromotion, promotionClock } from '../actions/promote/promotion.js';
import type { CliIO } from './command.js';
import { parseCliOptions } from './options.js';

/**
 * `release-train plan` and `release-train promote`: the promote action from a terminal, run inside
 * a clone of the repository (its `origin` is where production is pushed).
 */
export async function runPromotion(args: string[], io: CliIO, mode: 'plan' | 'promote'): Promise<number> {
  const { common, values } = await parseCliOptions(args, io, {
    'dry-run': { type: 'boolean', default: false },
    fingerprint: { type: 'string' },
    component: { type: 'string' },
    'webhook-url': { type: 'string' },
    'server-url': { type: 'string' },
  });
  const dryRun = mode === 'plan' || values['dry-run'] === true;
  const quiet = common.json;
  const p = await openPromotion({
    checkout: io.cwd,
    token: common.token,
    ...(common.apiUrl ? { apiUrl: common.apiUrl } : {}),
    repo: common.repo,
    serverUrl:
      (values['server-url'] as string | undefined) ?? io.env.GITHUB_SERVER_URL ?? 'https://github.com',
    now: promotionClock(io.env),
    ...(values.component ? { component: String(values.component) } : {}),
    log: (message) => {
      if (!quiet) io.err(message);
    },
  });
  const outcome = await promote(p, {
    dryRun,
    fingerprint: values.fingerprint as string | undefined,
    webhookUrl: (values['webhook-url'] as string | undefined) ?? io.env.RELEASE_TRAIN_WEBHOOK_URL,
    warn: (message) => io.err(`warning: ${message}`),
  });
  if (common.json) io.out(JSON.stringify(toResult('promote', outcome, dryRun), null, 2));
  else {
    io.out(outcome.summary);
    io.out('');
    io.out(outcome.ok ? outcome.message : `[${outcome.reasonCode}] ${outcome.message}`);
    if (dryRun && outcome.outputs?.fingerprint && outcome.reasonCode === 'planned') {
      io.out(
        `\nTo apply exactly this plan: release-train promote --fingerprint ${outcome.outputs.fingerprint}`,
      );
    }
  }
  return outcome.ok ? 0 : 1;
}

export const PROMOTION_OPTIONS =
  '[--repo OWNER/NAME] [--json] [--component NAME] [--token T] [--api-url URL] [--server-url URL]';
