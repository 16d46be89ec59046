import { join } from 'node:path';
import { type AwsEmulator, startAwsEmulator } from '../test/support/aws-emulator/index.js';
import { cloneRepo, git } from '../test/support/git.js';
import { type LocalServer, startLocalServer } from '../test/support/local-server.js';
import { createScenario, type Scenario } from '../test/support/scenario.js';

export const OWNER = 'acme';
export const REPO = 'shop';
/** The workflow's token acts as this bot, with write access, as GITHUB_TOKEN does. */
export const BOT = 'github-actions[bot]';
/** The person who moves PRs to waiting for production (write access). */
export const QA_LEAD = 'qa-lead';
export const DEVELOPERS = ['ada', 'grace', 'linus', 'margaret'];

export const CONFIG = `# release-train configuration (the rehearsal's)
production-branch: production
components:
  shop:
    description: The web shop
    staging:
      kind: rolling-deploy
      groups: [shop-staging]
    production:
      kind: rolling-deploy
      groups: [shop-production]
`;

export interface Metric extends LocalServer {
  /** The next readings, then the last of them from then on. */
  dip(values: number[]): void;
}

/**
 * Everything the rehearsal runs against, on this machine: a GitHub emulator backed by a real bare
 * repository, an AWS emulator with the staging and production Auto Scaling groups, and the admin
 * page that reports online devices. The folder is kept so the user can look at it afterwards.
 */
export interface Sandbox extends Scenario {
  aws: AwsEmulator;
  metric: Metric;
  /** The checkout the deploy workflow makes (actions/checkout with fetch-depth 0). */
  checkout: string;
  stop(): Promise<void>;
}

export async function openSandbox(): Promise<Sandbox> {
  const collaborators = Object.fromEntries([BOT, QA_LEAD, ...DEVELOPERS].map((login) => [login, 'write']));
  const scenario = await createScenario({
    owner: OWNER,
    repo: REPO,
    now: new Date().toISOString(),
    collaborators,
    files: { 'README.md': '# shop\n', 'CHANGELOG.md': '# Changelog\n', '.github/release-train.yml': CONFIG },
  });
  await git(scenario.work, ['push', '-q', 'origin', 'main:production']);

  const aws = await startAwsEmulator();
  aws.world.addGroup({ name: 'shop-staging', desired: 2, max: 4, loadBalancers: ['shop-staging-elb'] });
  aws.world.addGroup({
    name: 'shop-production',
    desired: 3,
    max: 6,
    zones: ['eu-west-1a', 'eu-west-1b'],
    targetGroups: ['shop-production-tg'],
  });

  // The admin page: "number of online devices".
  let online = 1_200;
  let next: number[] = [];
  const server = await startLocalServer((request) => {
    if (request.method !== 'GET' || request.path !== '/api/stats')
      throw new Error(`unexpected ${request.path}`);
    return { body: { devices: { online: next.shift() ?? online } } };
  });
  const metric: Metric = Object.assign(server, {
    dip(values: number[]) {
      next = [...values];
      online = values.at(-1) ?? online;
    },
  });

  const checkout = await cloneRepo(scenario.origin, join(scenario.sandbox.root, 'checkout'));
  return {
    ...scenario,
    aws,
    metric,
    checkout,
    async stop() {
      await Promise.all([scenario.gh.close(), aws.close(), metric.close()]);
    },
  };
}
