import { ReleaseTrainError } from '../action/failure.js';
import { bullets, table } from '../action/markdown.js';
import { hostLog } from '../actions/remote/host-log.js';
import type { Recipe } from '../config/schema.js';
import { expandRecipeCommand } from '../core/deploy-recipe.js';
import { parseFingerprintPins, parseKnownHosts } from '../core/host-key-pin.js';
import { type HostTarget, readHostTarget } from '../core/host-target.js';
import { formatDuration, hostExitStatus, remoteOutcome } from '../core/remote-outcome.js';
import { userCommands } from '../core/remote-recipe.js';
import { runOnFleet } from '../ssh/fleet.js';
import { readPrivateKey } from '../ssh/private-key.js';
import type { RecipeContext, RecipeRunner } from './recipe-runner.js';

type RemoteRecipe = Extract<Recipe, { kind: 'remote' }>;

/**
 * A `remote` recipe from the config (`hosts`, `user`, `commands`) run through the same SSH code as
 * the remote action: host keys pinned by the action's `known-hosts` or `host-key-fingerprints`,
 * one host at a time, the first failing command stopping everything after it.
 */
export const remoteRunner: RecipeRunner<'remote'> = {
  kind: 'remote',
  prepare(recipe: RemoteRecipe, context: RecipeContext) {
    const { ssh } = context;
    const where = `${context.component}'s ${context.environment} recipe (remote)`;
    if (!ssh.privateKey) {
      throw new ReleaseTrainError(
        'bad-input',
        `${where} needs the input \`private-key\` to log in to its hosts. Nothing was changed.`,
      );
    }
    readPrivateKey('private-key', ssh.privateKey, ssh.passphrase);
    const known = parseKnownHosts(ssh.knownHosts ?? '');
    const printed = parseFingerprintPins(ssh.hostKeyFingerprints ?? []);
    const problems = [...known.problems, ...printed.problems];
    if (problems.length > 0) {
      throw new ReleaseTrainError(
        'bad-input',
        `Some pinned host keys could not be read. Nothing was changed.\n${bullets(problems)}`,
      );
    }
    const pins = [...known.pins, ...printed.pins];
    if (pins.length === 0) {
      throw new ReleaseTrainError(
        'host-key-missing',
        `${where} needs its hosts' keys pinned: give \`known-hosts\` or \`host-key-fingerprints\`. Hosts are never trusted on first use. Nothing was changed.`,
      );
    }
    const targets: HostTarget[] = [];
    for (const entry of recipe.hosts) {
      const reading = readHostTarget(entry);
      if (!reading.ok)
        throw new ReleaseTrainError('bad-config', `${where}: ${reading.problem}. Nothing was changed.`);
      if (!reading.target.user && !recipe.user) {
        throw new ReleaseTrainError(
          'bad-config',
          `${where}: host "${entry}" has no user; write user@host or set \`user\` in the recipe. Nothing was changed.`,
        );
      }
      targets.push(reading.target);
    }
    const commands = userCommands(
      recipe.commands.map((command) =>
        expandRecipeCommand(command, { sha: context.sha, component: context.component }),
      ),
    );
    return {
      description: `${commands.length} command(s) on ${targets.map((target) => target.label).join(', ')}`,
      async run(log) {
        const reports = await runOnFleet(
          {
            targets,
            commands,
            credentials: {
              user: recipe.user ?? '',
              privateKey: ssh.privateKey!,
              ...(ssh.passphrase !== undefined && { passphrase: ssh.passphrase }),
            },
            pins,
            maxParallel: 1,
            failFast: true,
            commandTimeoutMs: context.timeoutMs ?? 600_000,
            connectTimeoutMs: 30_000,
          },
          hostLog(log, true),
        );
        const outcome = remoteOutcome(reports);
        const failing = reports.find((report) => report.status !== 'succeeded');
        return {
          ok: outcome.ok,
          message: outcome.ok
            ? `ran ${commands.length} command(s) on ${reports.length} host(s)`
            : `${outcome.reasonCode} on ${failing?.label ?? 'a host'}: ${failing?.detail ?? 'see the log'}`,
          summary: table(
            ['Host', 'Status', 'Exit status', 'Duration', 'Detail'],
            reports.map((report) => [
              report.label,
              report.status,
              hostExitStatus(report),
              formatDuration(report.durationMs),
              report.detail ?? '',
            ]),
          ),
          details: {
            hosts: reports.map((report) => ({ host: report.label, status: report.status })),
            recipe_reason_code: outcome.reasonCode,
          },
        };
      },
    };
  },
};
