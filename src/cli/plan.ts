import type { CliCommand } from './command.js';
import { PROMOTION_OPTIONS, runPromotion } from './promotion-command.js';

export const planCommand: CliCommand = {
  summary: 'the production train: PRs, target, tag, CHANGELOG section and what blocks the rest (read-only)',
  usage: `release-train plan ${PROMOTION_OPTIONS}`,
  run: (args, io) => runPromotion(args, io, 'plan'),
};
