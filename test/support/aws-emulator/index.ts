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
