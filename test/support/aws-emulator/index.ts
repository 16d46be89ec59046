import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { type ActionRun, type RunActionOptions, runAction } from '../run-action.js';
import { AwsEmulator, type AwsEmulatorOptions } from './server.js';
import type { Group } from './world.js';

export { AwsEmulator, type AwsEmulatorOptions, type RecordedRequest } from './server.js';
export type { GroupSpec, Instance, Sample } from './world.js';

export function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
  return AwsEmulator.start(options);
}

/** Runs the bundled rolling-deploy action against the emulator, with dummy credentials. */
export function runRollingDeploy(
  emulator: AwsEmulator,
  inputs: Record<string, string | number | boolean>,
  options: RunActionOptions = {},
): Promise<ActionRun> {
  return runAction('rolling-deploy', {
    ...options,
    inputs: { endpoint: emulator.url, 'poll-interval': '20ms', timeout: '20s', ...inputs },
    env: { ...emulator.env(), ...options.env },
  });
}

/** What a test compares before and after: everything a deploy may touch on a group. */
export function groupSnapshot(group: Group) {
  return {
    desired: group.desired,
    min: group.min,
    max: group.max,
    suspended: [...group.suspended.keys()].sort(),
    tags: Object.fromEntries([...group.tags].map(([key, tag]) => [key, tag.value])),
    instances: group.instances
      .filter((instance) => instance.lifecycle === 'InService' || instance.lifecycle === 'Pending')
      .map((instance) => ({ id: instance.id, protected: instance.protected }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

const root = new URL('../../..', import.meta.url).pathname;

/** Runs `release-train doctor ...` (the bundled CLI) against the emulator. */
export function runDoctor(
  emulator: AwsEmulator,
  args: string[],
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        join(root, 'dist', 'cli.js'),
        'doctor',
        '--endpoint',
        emulator.url,
        '--poll-interval',
        '20ms',
        ...args,
      ],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...emulator.env() }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ exitCode: typeof code === 'number' ? code : 1, stdout, stderr });
      },
    );
  });
}
