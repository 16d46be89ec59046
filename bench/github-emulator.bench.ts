import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { createSandbox, git, gitEnv } from '../test/support/git.js';
import { gitProcessCount } from '../test/support/github-emulator/git-repository.js';
import { startGitHubEmulator } from '../test/support/github-emulator/index.js';
import { type Bench, medianMs } from './report.js';

/**
 * The GitHub emulator's cost per request, as the tests of every action pay it. The floor is a
 * request that touches neither git nor the OpenAPI validators (GET /users/{u} without
 * validation), measured in the same run. Counts: git processes started per request, the
 * machine-independent part of the cost.
 */

/** 30 branches of one commit each, written with one git fast-import. */
async function seed(bare: string, branches: number) {
  const main = await git(bare, ['rev-parse', 'main']);
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const stream = Array.from({ length: branches }, (_, i) =>
    [
      `commit refs/heads/feature/${i}\n`,
      'author Ada <ada@example.com> 1714550400 +0000\n',
      'committer Ada <ada@example.com> 1714550400 +0000\n',
      data(`feat: change ${i}`),
      `from ${main}\n`,
      `M 100644 inline f${i}.txt\n${data(`${i}\n`)}\n`,
    ].join(''),
  ).join('');
  const { spawn } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet'], { cwd: bare, env: gitEnv({ GIT_DIR: bare }) });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import ${code}`))));
    child.stdin.end(stream);
  });
}

const bench: Bench = async () => {
  const box = await createSandbox('release-train-bench-emulator-');
  const gh = await startGitHubEmulator({ gitDir: join(box.root, 'git'), validate: false });
  try {
    const origin = await gh.createRepo('octo-org', 'app');
    const work = join(box.root, 'work');
    await git(box.root, ['init', '--quiet', '-b', 'main', work]);
    await git(work, ['commit', '--quiet', '--allow-empty', '-m', 'chore: initial commit']);
    await git(work, ['push', '--quiet', origin, 'HEAD:main']);
    await seed(origin, 30);
    const octokit = new Octokit({ baseUrl: gh.url, auth: 'octo-org' });
    const repo = { owner: 'octo-org', repo: 'app' };
    for (let i = 0; i < 30; i++) {
      await octokit.pulls.create({ ...repo, title: `Change ${i}`, head: `feature/${i}`, base: 'main' });
    }
    const processes = async (body: () => Promise<unknown>) => {
      const before = gitProcessCount();
      await body();
      return gitProcessCount() - before;
    };

    const floor = await medianMs(21, () => octokit.users.getByUsername({ username: 'alice' }));
    const getPull = () => octokit.pulls.get({ ...repo, pull_number: 7 });
    const listPulls = () => octokit.pulls.list({ ...repo, per_page: 30 });
    const search = () => octokit.search.issuesAndPullRequests({ q: 'repo:octo-org/app is:pr is:open' });
    const branch = () => octokit.repos.getBranch({ ...repo, branch: 'main' });
    const plain = {
      pull: await medianMs(21, getPull),
      list: await medianMs(11, listPulls),
      search: await medianMs(11, search),
      branch: await medianMs(21, branch),
    };
    gh.validate = true;
    await getPull(); // compiles the validator once
    await listPulls();
    const validated = { pull: await medianMs(21, getPull), list: await medianMs(11, listPulls) };
    gh.validate = false;
    const counts = {
      pull: await processes(getPull),
      list: await processes(listPulls),
      search: await processes(search),
    };
    // A push to the head makes the answers about it new: what a request costs cold.
    const head = (await getPull()).data.head.ref;
    await git(work, ['fetch', '--quiet', origin, head]);
    await git(work, ['checkout', '--quiet', 'FETCH_HEAD']);
    await git(work, ['commit', '--quiet', '--allow-empty', '-m', 'feat: pushed after review']);
    await git(work, ['push', '--quiet', origin, `HEAD:refs/heads/${head}`]);
    const coldPull = await processes(getPull);
    let merged = 0;
    const merge = await medianMs(5, () =>
      octokit.pulls.merge({ ...repo, pull_number: 30 - merged++, merge_method: 'merge' }),
    );
    const mergeProcesses = await processes(() =>
      octokit.pulls.merge({ ...repo, pull_number: 20, merge_method: 'squash' }),
    );
    return {
      title: 'github-emulator: cost per request against a bare repository with 30 open pull requests',
      figures: [
        { name: 'GET /users/{u}, no git, not validated', value: floor, unit: 'ms', note: 'the floor' },
        { name: 'GET branches/{branch}', value: plain.branch / floor, unit: 'ratio', note: '/ floor' },
        {
          name: 'GET pulls/{n} (mergeable, stats)',
          value: plain.pull / floor,
          unit: 'ratio',
          note: '/ floor',
        },
        { name: 'GET pulls?per_page=30', value: plain.list / floor, unit: 'ratio', note: '/ floor' },
        {
          name: 'GET search/issues is:pr is:open',
          value: plain.search / floor,
          unit: 'ratio',
          note: '/ floor',
        },
        { name: 'PUT pulls/{n}/merge', value: merge / floor, unit: 'ratio', note: '/ floor' },
        {
          name: 'GET pulls/{n}, validated',
          value: validated.pull / plain.pull,
          unit: 'ratio',
          note: '/ not validated',
        },
        {
          name: 'GET pulls?per_page=30, validated',
          value: validated.list / plain.list,
          unit: 'ratio',
          note: '/ not validated',
        },
        { name: 'git processes: GET pulls/{n} after a push to its head', value: coldPull, unit: 'count' },
        { name: 'git processes: GET pulls/{n} (warm)', value: counts.pull, unit: 'count' },
        { name: 'git processes: GET pulls?per_page=30 (warm)', value: counts.list, unit: 'count' },
        { name: 'git processes: search (warm)', value: counts.search, unit: 'count' },
        { name: 'git processes: squash merge', value: mergeProcesses, unit: 'count' },
      ],
    };
  } finally {
    await gh.close();
    await box.cleanup();
  }
};

export default bench;
