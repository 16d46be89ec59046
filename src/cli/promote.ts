import type { CliCommand } from './command.js';
import { PROMOTION_OPTIONS, runPromotion } from './promotion-command.js';

export const promoteCommand: CliCommand = {
  summary: 'promote the train to production: atomic push with the tag, CHANGELOG commit, release, labels',
  usage: `release-train promote [--dry-run] [--fingerprint F] [--webhook-url URL] ${PROMOTION_OPTIONS}`,
  run: (args, io) => runPromotion(args, io, 'promote'),
};
