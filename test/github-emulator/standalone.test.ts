import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { cloneRepo, commitFiles, createSandbox, git, initBare, type Sandbox } from '../support/git.js';
import { quiet } from './world.js';

const root = new URL('../..', import.meta.url).pathname;

/** Starts `npm run emulator` on its own and reads the base URL from its first line of output. */
async function startEmulatorCommand(
  gitDir: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn('npm', ['run', '--silent', 'emulator', '--', '--git-dir', gitDir], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

describe('the emulator started on its own', () => {
  let box: Sandbox;
  let emulator: Awaited<ReturnType<typeof startEmulatorCommand>> | undefined;

  beforeAll(async () => {
    box = await createSandbox('release-train-emulator-cli-');
  });

  afterAll(async () => {
    if (emulator?.child.pid) {
      const exited = new Promise((resolve) => emulator!.child.once('exit', resolve));
      process.kill(-emulator.child.pid, 'SIGTERM');
      await exited;
    }
    await box.cleanup();
  });

  it('serves DIR/OWNER/NAME.git so a plain Octokit client can push a branch, open a PR, merge it and label it', async () => {
    const gitDir = join(box.root, 'git');
    const origin = await initBare(join(gitDir, 'octo-org', 'app.git'), 'main');
    const work = await cloneRepo(origin, join(box.root, 'work'));
    await commitFiles(work, { 'README.md': 'app\n' }, 'chore: initial commit');
    await git(work, ['push', '--quiet', 'origin', 'HEAD:main']);

    emulator = await startEmulatorCommand(gitDir);
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const octokit = new Octokit({ baseUrl: emulator.url, auth: 'octo-org', log: quiet });
    expect((await octokit.repos.get({ owner: 'octo-org', repo: 'app' })).data.default_branch).toBe('main');

    await git(work, ['checkout', '--quiet', '-b', 'feature/greeting']);
    const head = await commitFiles(work, { 'hello.txt': 'hello\n' }, 'feat: greet');
    await git(work, ['push', '--quiet', 'origin', 'feature/greeting']);
    const { data: pull } = await octokit.pulls.create({
      owner: 'octo-org',
      repo: 'app',
      title: 'Greet',
      head: 'feature/greeting',
      base: 'main',
    });
    expect(pull.head.sha).toBe(head);
    const { data: merge } = await octokit.pulls.merge({
      owner: 'octo-org',
      repo: 'app',
      pull_number: pull.number,
    });
    await octokit.issues.addLabels({
      owner: 'octo-org',
      repo: 'app',
      issue_number: pull.number,
      labels: ['stage: waiting for staging'],
    });

    expect(await git(origin, ['log', '-1', '--format=%H %s', 'main'])).toBe(
      `${merge.sha} Merge pull request #${pull.number} from octo-org/feature/greeting`,
    );
    const { data: labelled } = await octokit.pulls.get({
      owner: 'octo-org',
      repo: 'app',
      pull_number: pull.number,
    });
    expect(labelled).toMatchObject({ merged: true, labels: [{ name: 'stage: waiting for staging' }] });
  });
});
