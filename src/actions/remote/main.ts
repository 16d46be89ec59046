import { z } from 'zod';
import { ReleaseTrainError } from '../../action/failure.js';
import {
  booleanInput,
  durationInput,
  integerInput,
  linesInput,
  listInput,
} from '../../action/input-types.js';
import { blocks, bullets, details, table } from '../../action/markdown.js';
import type { ActionOutcome } from '../../action/result.js';
import type { ActionDefinition, ActionLog } from '../../action/run-action.js';
import {
  type HostKeyPin,
  parseFingerprintPins,
  parseKnownHosts,
  pinCoversHost,
} from '../../core/host-key-pin.js';
import { type HostTarget, readHostTarget } from '../../core/host-target.js';
import { formatDuration, type HostReport, hostExitStatus, remoteOutcome } from '../../core/remote-outcome.js';
import {
  agentKeyCommands,
  containerRestartCommands,
  RecipeInputError,
  type RemoteCommand,
  userCommands,
} from '../../core/remote-recipe.js';
import { runOnFleet } from '../../ssh/fleet.js';
import { readPrivateKey, secretLines } from '../../ssh/private-key.js';
import { hostLog } from './host-log.js';

const inputs = z.object({
  hosts: listInput.pipe(z.array(z.string()).min(1, { message: 'give at least one host' })),
  user: z.string().optional(),
  'private-key': z.string().min(1),
  passphrase: z.string().optional(),
  'jump-host': z.string().optional(),
  'known-hosts': z.string().optional(),
  'host-key-fingerprints': linesInput.optional(),
  commands: linesInput.optional(),
  recipe: z.enum(['container-restart', 'agent-key']).optional(),
  image: z.string().optional(),
  tag: z.string().optional(),
  unit: z.string().optional(),
  'agent-key': z.string().optional(),
  'agent-socket': z.string().optional(),
  'agent-key-lifetime': durationInput.optional(),
  timeout: durationInput.default(600_000),
  'connect-timeout': durationInput.default(30_000),
  'max-parallel': integerInput.pipe(z.number().int().min(1).max(64)).default(1),
  'fail-fast': booleanInput.default(true),
  'dry-run': booleanInput.default(false),
});

type Inputs = z.output<typeof inputs>;

export const remoteAction: ActionDefinition<typeof inputs> = {
  name: 'remote',
  inputs,
  secrets: ['private-key', 'passphrase', 'agent-key'],
  async main({ inputs, log }): Promise<ActionOutcome> {
    // 1. keys stay secret line by line; the runner masks multi-line values per line
    maskKeys(inputs, log);
    // 2. read the hosts, the pinned host keys and the commands (a recipe's inputs are validated here)
    const targets = readTargets(inputs.hosts, inputs.user);
    const jump = inputs['jump-host'] ? readTargets([inputs['jump-host']], inputs.user)[0] : undefined;
    const pins = readPins(inputs);
    const commands = planCommands(inputs);
    const user = inputs.user ?? '';
    readPrivateKey('private-key', inputs['private-key'], inputs.passphrase);

    // 3. dry run: what would run where, with the key each host is pinned to
    if (inputs['dry-run']) return dryRun(targets, jump, pins, commands, inputs);

    // 4. connect to every host (keys verified before anything is sent), then run the commands
    const reports = await runOnFleet(
      {
        targets,
        commands,
        ...(jump && { jump }),
        credentials: {
          user,
          privateKey: inputs['private-key'],
          ...(inputs.passphrase !== undefined && { passphrase: inputs.passphrase }),
        },
        pins,
        maxParallel: inputs['max-parallel'],
        failFast: inputs['fail-fast'],
        commandTimeoutMs: inputs.timeout,
        connectTimeoutMs: inputs['connect-timeout'],
      },
      hostLog(log, inputs['max-parallel'] === 1 || targets.length === 1),
    );

    // 5. the outcome: every command's exit status counts
    return outcomeOf(reports, commands);
  },
};

function maskKeys(inputs: Inputs, log: ActionLog): void {
  for (const secret of [inputs['private-key'], inputs['agent-key']]) {
    if (secret) for (const line of secretLines(secret)) log.mask(line);
  }
}

function readTargets(entries: string[], user: string | undefined): HostTarget[] {
  const targets: HostTarget[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    const reading = readHostTarget(entry);
    if (!reading.ok) problems.push(reading.problem);
    else if (!reading.target.user && !user)
      problems.push(`"${entry}": no user (give \`user\` or write user@host)`);
    else targets.push(reading.target);
  }
  if (problems.length > 0) {
    throw new ReleaseTrainError('bad-input', `Invalid hosts. Nothing was sent.\n${bullets(problems)}`);
  }
  return targets;
}

function readPins(inputs: Inputs): HostKeyPin[] {
  const known = parseKnownHosts(inputs['known-hosts'] ?? '');
  const printed = parseFingerprintPins(inputs['host-key-fingerprints'] ?? []);
  const problems = [...known.problems, ...printed.problems];
  if (problems.length > 0) {
    throw new ReleaseTrainError(
      'bad-input',
      `Some pinned host keys could not be read. Nothing was sent.\n${bullets(problems)}`,
    );
  }
  const pins = [...known.pins, ...printed.pins];
  if (pins.length === 0) {
    throw new ReleaseTrainError(
      'host-key-missing',
      'No host key is pinned: give `known-hosts` (OpenSSH known_hosts lines) or `host-key-fingerprints` (SHA256:...). ' +
        'Hosts are never trusted on first use. Nothing was sent.',
    );
  }
  return pins;
}

function planCommands(inputs: Inputs): RemoteCommand[] {
  const commands: RemoteCommand[] = [];
  try {
    if (inputs.recipe === 'container-restart') {
      const missing = (['image', 'tag', 'unit'] as const).filter((name) => !inputs[name]);
      if (missing.length > 0) {
        throw new ReleaseTrainError(
          'bad-recipe-input',
          `The container-restart recipe needs ${missing.map((name) => `\`${name}\``).join(', ')}. Nothing was sent.`,
        );
      }
      commands.push(
        ...containerRestartCommands({ image: inputs.image!, tag: inputs.tag!, unit: inputs.unit! }),
      );
    } else if (inputs.recipe === 'agent-key') {
      if (!inputs['agent-key'] || !inputs['agent-socket']) {
        throw new ReleaseTrainError(
          'bad-recipe-input',
          'The agent-key recipe needs `agent-key` (the private key to load) and `agent-socket` (SSH_AUTH_SOCK on the host). Nothing was sent.',
        );
      }
      const key = readPrivateKey('agent-key', inputs['agent-key']);
      commands.push(
        ...agentKeyCommands({
          privateKey: inputs['agent-key'],
          fingerprint: key.fingerprint,
          socket: inputs['agent-socket'],
          ...(inputs['agent-key-lifetime'] !== undefined && {
            lifetimeSeconds: Math.max(1, Math.round(inputs['agent-key-lifetime'] / 1000)),
          }),
        }),
      );
    }
  } catch (error) {
    if (error instanceof RecipeInputError) {
      throw new ReleaseTrainError(
        'bad-recipe-input',
        `${error.message}. It would reach the remote shell, so nothing was sent to any host.`,
        { input: error.input },
      );
    }
    throw error;
  }
  commands.push(...userCommands(inputs.commands ?? []));
  if (commands.length === 0) {
    throw new ReleaseTrainError(
      'bad-input',
      'Nothing to run: give `commands` or a `recipe`. Nothing was sent.',
    );
  }
  return commands;
}

function pinnedFor(pins: HostKeyPin[], target: HostTarget): string {
  const covering = pins.filter((pin) => !pin.revoked && pinCoversHost(pin.hosts, target.host, target.port));
  if (covering.length === 0) return 'none: would be refused';
  return covering.map((pin) => `${pin.fingerprint} (${pin.source})`).join('<br>');
}

function dryRun(
  targets: HostTarget[],
  jump: HostTarget | undefined,
  pins: HostKeyPin[],
  commands: RemoteCommand[],
  inputs: Inputs,
): ActionOutcome {
  const rows = [
    ...(jump
      ? [[`${jump.label} (jump host)`, jump.user ?? inputs.user ?? '', pinnedFor(pins, jump), '(forwards)']]
      : []),
    ...targets.map((target) => [
      target.label,
      target.user ?? inputs.user ?? '',
      pinnedFor(pins, target),
      commands.map((command) => command.shown).join('<br>'),
    ]),
  ];
  const unpinned = [...(jump ? [jump] : []), ...targets].filter(
    (target) => pinnedFor(pins, target) === 'none: would be refused',
  );
  return {
    ok: true,
    reasonCode: 'dry-run',
    message: `Dry run: would run ${commands.length} command(s) on ${targets.length} host(s)${jump ? ` through ${jump.label}` : ''}, ${inputs['max-parallel']} at a time. Nothing was sent.${
      unpinned.length > 0
        ? ` No key is pinned for ${unpinned.map((target) => target.label).join(', ')}: a real run would refuse.`
        : ''
    }`,
    summary: blocks(
      table(['Host', 'User', 'Pinned host key', 'Would run'], rows),
      `Fail-fast: ${inputs['fail-fast'] ? 'on' : 'off'}; max-parallel: ${inputs['max-parallel']}; timeout per command: ${formatDuration(inputs.timeout)}.`,
    ),
    details: {
      hosts: targets.map((target) => target.label),
      commands: commands.map((command) => command.shown),
    },
  };
}

const statusIcon: Record<HostReport['status'], string> = {
  succeeded: '✅ succeeded',
  failed: '❌ failed',
  'timed-out': '⏱️ timed out',
  refused: '⛔ refused',
  unreachable: '🔌 unreachable',
  skipped: '⏭️ skipped',
};

function outcomeOf(reports: HostReport[], commands: RemoteCommand[]): ActionOutcome {
  const outcome = remoteOutcome(reports);
  const rows = reports.map((report) => [
    report.label,
    statusIcon[report.status],
    hostExitStatus(report),
    formatDuration(report.durationMs),
    report.detail ?? '',
  ]);
  const perHost = reports
    .filter((report) => report.commands.length > 0)
    .map((report) =>
      details(
        `${report.label}: ${report.commands.length} of ${commands.length} command(s) ran`,
        table(
          ['Command', 'Exit status', 'Duration'],
          report.commands.map((command) => [
            command.shown,
            command.timedOut ? 'timeout' : (command.signal ?? String(command.exitCode ?? '?')),
            formatDuration(command.durationMs),
          ]),
        ),
      ),
    );
  const counts = Object.entries(outcome.counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
  const failing = reports.find((report) => report.reasonCode === outcome.reasonCode);
  const message = outcome.ok
    ? `Ran ${commands.length} command(s) on ${reports.length} host(s): ${counts}.`
    : `${counts} of ${reports.length} host(s). ${failing?.label}: ${failing?.detail ?? outcome.reasonCode}` +
      (failing?.detail?.endsWith('.') ? '' : '.') +
      (outcome.counts.succeeded > 0
        ? ' Hosts that succeeded keep what they ran; fix the failure and run again.'
        : '');
  return {
    ok: outcome.ok,
    reasonCode: outcome.reasonCode,
    message,
    summary: blocks(table(['Host', 'Status', 'Exit status', 'Duration', 'Detail'], rows), ...perHost),
    details: {
      hosts: reports.map((report) => ({
        host: report.label,
        status: report.status,
        exit_status: hostExitStatus(report),
        duration_ms: Math.round(report.durationMs),
        ...(report.reasonCode && { reason_code: report.reasonCode }),
        ...(report.fingerprint && { host_key: report.fingerprint }),
        commands: report.commands.map((command) => ({
          command: command.shown,
          exit_code: command.exitCode,
          ...(command.signal && { signal: command.signal }),
          timed_out: command.timedOut,
          duration_ms: Math.round(command.durationMs),
        })),
      })),
    },
  };
}
