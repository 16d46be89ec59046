import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseKnownHosts } from '../src/core/host-key-pin.js';
import { readHostTarget } from '../src/core/host-target.js';
import { userCommands } from '../src/core/remote-recipe.js';
import { type FleetObserver, type FleetPlan, runOnFleet } from '../src/ssh/fleet.js';
import { generateKeyPair, startSshd } from '../test/support/sshd.js';
import { type Bench, medianMs } from './report.js';

/**
 * The remote action's fan-out against real sshds on 127.0.0.1: how much longer four hosts take
 * than one, one at a time and in parallel, and through a jump host. The floor is one host, one
 * command, measured in the same run. Counts: connections opened and commands run per fan-out.
 */
const bench: Bench = async () => {
  const dir = join(tmpdir(), `release-train-bench-remote-${process.pid}`);
  const key = await generateKeyPair(dir, 'bench');
  const servers = await Promise.all(
    Array.from({ length: 5 }, () => startSshd({ authorizedKeys: [key.publicKey] })),
  );
  try {
    const [jump, ...hosts] = servers as [(typeof servers)[0], ...typeof servers];
    const pins = parseKnownHosts(servers.map((sshd) => sshd.knownHostsLine).join('\n')).pins;
    const target = (port: number) => {
      const reading = readHostTarget(`127.0.0.1:${port}`);
      if (!reading.ok) throw new Error(reading.problem);
      return reading.target;
    };
    let connections = 0;
    let commands = 0;
    const quiet: FleetObserver = {
      aroundHost: (_label, body) => body(),
      connected: () => {
        connections++;
      },
      commandStarted: () => {
        commands++;
      },
      output: () => {},
      commandFinished: () => {},
      hostFinished: () => {},
    };
    const plan = (count: number, maxParallel: number, viaJump = false): FleetPlan => ({
      targets: hosts.slice(0, count).map((sshd) => target(sshd.port)),
      commands: userCommands(['true', 'echo done']),
      ...(viaJump && { jump: target(jump.port) }),
      credentials: { user: 'root', privateKey: key.privateKey },
      pins,
      maxParallel,
      failFast: true,
      commandTimeoutMs: 30_000,
      connectTimeoutMs: 10_000,
    });
    const run = async (fleet: FleetPlan) => {
      const reports = await runOnFleet(fleet, quiet);
      if (reports.some((report) => report.status !== 'succeeded')) throw new Error('a bench host failed');
    };

    await run(plan(1, 1)); // warm-up
    const floor = await medianMs(5, () => run(plan(1, 1)));
    const sequential = await medianMs(5, () => run(plan(4, 1)));
    const parallel = await medianMs(5, () => run(plan(4, 4)));
    const jumped = await medianMs(5, () => run(plan(4, 4, true)));
    connections = 0;
    commands = 0;
    await run(plan(4, 4, true));
    return {
      title: 'remote: SSH fan-out against real sshds on 127.0.0.1',
      figures: [
        { name: 'one host, two commands', value: floor, unit: 'ms', note: 'the floor' },
        { name: '4 hosts, one at a time', value: sequential / floor, unit: 'ratio', note: '/ one host' },
        { name: '4 hosts, max-parallel 4', value: parallel / floor, unit: 'ratio', note: '/ one host' },
        {
          name: '4 hosts via a jump host, max-parallel 4',
          value: jumped / floor,
          unit: 'ratio',
          note: '/ one host',
        },
        {
          name: 'connections per 4-host run via a jump host',
          value: connections,
          unit: 'count',
          note: '4 hosts + 1 jump',
        },
        { name: 'commands per 4-host run', value: commands, unit: 'count', note: 'one exec channel each' },
      ],
    };
  } finally {
    await Promise.all(servers.map((sshd) => sshd.stop()));
    await rm(dir, { recursive: true, force: true });
  }
};

export default bench;
