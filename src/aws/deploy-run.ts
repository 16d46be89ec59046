import { ReleaseTrainError } from '../action/failure.js';
import { AutoScalingGroups } from './auto-scaling-groups.js';
import type { AwsClients } from './clients.js';
import { GroupObserver, type Observation, type ObserveOptions } from './group-observer.js';
import { LoadBalancers } from './load-balancers.js';
import { type PollOptions, type PollResult, pollUntil } from './poll.js';

/** Everything a deploy step needs: the adapters, how often to look, and how long a group may take. */
export interface DeployRun {
  groups: AutoScalingGroups;
  balancers: LoadBalancers;
  observer: GroupObserver;
  pollMs: number;
  /** How long one group's deploy may take (and, separately, its rollback). */
  timeoutMs: number;
  now: () => number;
}

export function createDeployRun(aws: AwsClients, options: { pollMs: number; timeoutMs: number }): DeployRun {
  const groups = new AutoScalingGroups(aws);
  const balancers = new LoadBalancers(aws);
  return {
    groups,
    balancers,
    observer: new GroupObserver(groups, balancers),
    pollMs: options.pollMs,
    timeoutMs: options.timeoutMs,
    now: Date.now,
  };
}

export async function observe(run: DeployRun, name: string, options?: ObserveOptions): Promise<Observation> {
  const observation = await run.observer.observe(name, options);
  if (!observation) {
    throw new ReleaseTrainError(
      'group-not-found',
      `Auto Scaling group ${name} was not found in this account and region. Check the name and the region input.`,
      { group: name },
    );
  }
  return observation;
}

/** Polls the group until `isDone`, with our own deadline. */
export function watch(
  run: DeployRun,
  name: string,
  isDone: (observation: Observation) => boolean,
  options: Omit<PollOptions<Observation>, 'intervalMs' | 'now'>,
): Promise<PollResult<Observation>> {
  return pollUntil(() => observe(run, name), isDone, { ...options, intervalMs: run.pollMs, now: run.now });
}
