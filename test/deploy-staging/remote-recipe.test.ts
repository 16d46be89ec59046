import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSandbox, type Sandbox } from '../support/git.js';
import { generateKeyPair, type KeyPair, type Sshd, startSshd } from '../support/sshd.js';
import { createStagingWorld, type StagingWorld, TESTING, WAITING } from './staging-world.js';

let keys: Sandbox;
let client: KeyPair;
let host: Sshd;

beforeAll(async () => {
  keys = await createSandbox('release-train-staging-ssh-');
  client = await generateKeyPair(join(keys.root, 'keys'), 'deploy');
  host = await startSshd({ authorizedKeys: [client.publicKey] });
});

afterAll(async () => {
  await host?.stop();
  await keys?.cleanup();
});

let world: StagingWorld;
afterEach(async () => {
  const { schemaViolations, unimplemented } = world.gh;
  await world.close();
  expect(schemaViolations).toEqual([]);
  expect(unimplemented).toEqual([]);
});

/** A component `proxy` whose staging recipe runs `commands` on the test's sshd. */
function remoteConfig(commands: string[]): string {
  return [
    'components:',
    '  proxy:',
    '    staging:',
    '      kind: remote',
    `      hosts: ["root@127.0.0.1:${host.port}"]`,
    '      commands:',
    ...commands.map((command) => `        - ${JSON.stringify(command)}`),
    '',
  ].join('\n');
}

const ssh = () => ({ 'private-key': client.privateKey, 'known-hosts': host.knownHostsLine });

describe('deploy-staging with a remote recipe (phase all) over a real sshd', () => {
  it('runs the commands on the host with the deployed commit, then moves the PRs to testing', async () => {
    const marker = join(keys.root, `deployed-${Date.now()}`);
    world = await createStagingWorld(
      remoteConfig(['echo "deploying {component} at {sha}"', `touch ${marker}-{short-sha}`]),
    );
    const pull = await world.mergePull('feat: proxy timeouts');
    const main = await world.tip('main');

    const run = await world.deploy({ component: 'proxy', ...ssh() });
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({
      ok: true,
      reason_code: 'deployed',
      sha: main,
      pull_requests: [pull.number],
    });
    expect(run.stdout).toContain(`deploying proxy at ${main}`);
    expect(existsSync(`${marker}-${main.slice(0, 7)}`)).toBe(true);
    // The key is masked line by line and never printed.
    const keyLine = client.privateKey.split('\n')[1]!;
    expect(run.masked).toContain(keyLine);
    expect(run.stdout.replace(/::add-mask::.*/g, '')).not.toContain(keyLine);
    expect(await world.labelsOf(pull.number)).toEqual([TESTING]);
    const [deployment] = await world.deployments();
    expect(deployment!.statuses.map((status) => status.state)).toEqual(['success', 'in_progress']);
  });

  it('a failing command marks the deployment failed and leaves the labels', async () => {
    world = await createStagingWorld(remoteConfig(['echo starting', 'exit 3']));
    const pull = await world.mergePull('feat: broken');
    const run = await world.deploy({ component: 'proxy', ...ssh() });
    expect(run.exitCode).toBe(1);
    expect(run.result).toMatchObject({
      ok: false,
      reason_code: 'deploy-failed',
      recipe: { recipe_reason_code: 'command-failed' },
    });
    expect(await world.labelsOf(pull.number)).toEqual([WAITING]);
    const [deployment] = await world.deployments();
    expect(deployment!.statuses.map((status) => status.state)).toEqual(['failure', 'in_progress']);
    expect(deployment!.statuses[0]!.description).toMatch(/command-failed on 127\.0\.0\.1:\d+/);
  });

  it('refuses before anything changes when no host key is pinned', async () => {
    world = await createStagingWorld(remoteConfig(['true']));
    await world.mergePull('feat: one');
    const before = await world.snapshot();
    const run = await world.deploy({ component: 'proxy', 'private-key': client.privateKey });
    expect(run.result).toMatchObject({ ok: false, reason_code: 'host-key-missing' });
    expect(await world.snapshot()).toEqual(before);
  });

  it('a recipe the action runs itself refuses phase start', async () => {
    world = await createStagingWorld(remoteConfig(['true']));
    const run = await world.deploy({ component: 'proxy', phase: 'start', ...ssh() });
    expect(run.result).toMatchObject({ ok: false, reason_code: 'wrong-phase' });
    expect(await world.deployments()).toEqual([]);
  });
});
