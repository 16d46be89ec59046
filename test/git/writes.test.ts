import { isReleaseTrainError, type ReleaseTrainError } from '../../src/action/failure.js';
import { commitChangelog } from '../../src/git/changelog-commit.js';
import { createDeployTag, pushDeploy } from '../../src/git/deploy-push.js';
import { Git, type GitResult, type RunOptions } from '../../src/git/git.js';
import { fetchDeployRefs, firstParentHistory, replayedCommits, tagMessage } from '../../src/git/history.js';
import { replayOnto } from '../../src/git/replay.js';
import { cloneRepo, commitFiles, git, refSnapshot } from '../support/git.js';
import { TrainRepo } from '../support/train-repo.js';

const who = { name: 'release-train', email: 'rt@example.com' };
const now = new Date('2024-05-02T10:00:00Z');
const section =
  '## production-2024-05-02 (2024-05-02)\n\nDeployed [`abc1234`](x).\n\n### Features\n\n* a thing\n';

async function caught(promise: Promise<unknown>): Promise<ReleaseTrainError> {
  try {
    await promise;
  } catch (error) {
    if (isReleaseTrainError(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The worktrees of a checkout besides itself: a replay must leave none behind. */
async function extraWorktrees(checkout: Git): Promise<string[]> {
  const out = await git(checkout.cwd, ['worktree', 'list', '--porcelain']);
  return out
    .split('\n')
    .filter((line) => line.startsWith('worktree '))
    .slice(1);
}

describe('replaying the train onto production', () => {
  let repo: TrainRepo;
  afterEach(() => repo.sandbox.cleanup());

  it('cherry-picks merge, squash and rebase commits onto the hotfixes, marking each as picked', async () => {
    repo = await TrainRepo.create();
    await repo.hotfix('fix: hotfix on production', { 'hotfix.txt': 'urgent\n' });
    await repo.mergeCommit(41, 'feat: sign in', { 'login.ts': 'a\n' });
    await repo.squash(42, 'fix: typo', { 'README.md': '# app!\n' });
    await repo.rebase([{ message: 'perf: faster', files: { 'perf.ts': '1\n' } }]);
    const checkout = new Git(await repo.checkoutForRun());
    await fetchDeployRefs(checkout, 'origin', ['main', 'production']);
    const production = await repo.ref('production');
    const base = (await git(checkout.cwd, ['merge-base', 'origin/main', 'origin/production'])).trim();
    const history = await firstParentHistory(checkout, base, 'origin/main');

    const head = await replayOnto(checkout, { onto: production, commits: history, committer: who });

    expect(await git(checkout.cwd, ['rev-list', '--count', `${production}..${head}`])).toBe('3');
    expect(await git(checkout.cwd, ['show', `${head}:login.ts`])).toBe('a');
    expect(await git(checkout.cwd, ['show', `${head}:hotfix.txt`])).toBe('urgent');
    expect(await replayedCommits(checkout, base, head)).toEqual(new Set(history.map((commit) => commit.sha)));
    expect(await extraWorktrees(checkout)).toEqual([]);
    // Deterministic: the plan's replay and the apply's replay are the same commits.
    expect(await replayOnto(checkout, { onto: production, commits: history, committer: who })).toBe(head);
  });

  it('a conflict stops before anything is pushed, names the files and leaves no worktree behind', async () => {
    repo = await TrainRepo.create();
    await repo.hotfix('fix: hotfix the readme', { 'README.md': '# app (hotfixed)\n' });
    await repo.squash(42, 'docs: better readme', { 'README.md': '# the app\n' });
    const checkout = new Git(await repo.checkoutForRun());
    await fetchDeployRefs(checkout, 'origin', ['main', 'production']);
    const remoteBefore = await refSnapshot(repo.origin);
    const base = (await git(checkout.cwd, ['merge-base', 'origin/main', 'origin/production'])).trim();
    const history = await firstParentHistory(checkout, base, 'origin/main');

    const refusal = await caught(
      replayOnto(checkout, { onto: await repo.ref('production'), commits: history, committer: who }),
    );

    expect(refusal.reasonCode).toBe('conflict-on-replay');
    expect(refusal.message).toMatch(
      /conflicts at [0-9a-f]{7} "docs: better readme \(#42\)" in: README.md\. Nothing was pushed/,
    );
    expect(refusal.details).toMatchObject({ conflict: { files: ['README.md'] } });
    expect(await refSnapshot(repo.origin)).toEqual(remoteBefore);
    expect(await extraWorktrees(checkout)).toEqual([]);
  });
});

describe('the atomic deploy push', () => {
  let repo: TrainRepo;
  afterEach(() => repo.sandbox.cleanup());

  async function prepared() {
    repo = await TrainRepo.create();
    const target = await repo.squash(42, 'feat: a thing', { 'a.txt': 'a\n' });
    const checkout = new Git(await repo.checkoutForRun());
    await fetchDeployRefs(checkout, 'origin', ['main', 'production']);
    const expected = await repo.ref('production');
    await createDeployTag(checkout, {
      name: 'production-2024-05-02',
      target,
      message: section,
      tagger: who,
      now,
    });
    return { checkout, target, expected };
  }

  it('moves production and creates the tag whose message is exactly the section', async () => {
    const { checkout, target, expected } = await prepared();
    await pushDeploy(checkout, {
      remote: 'origin',
      productionBranch: 'production',
      expected,
      target,
      tag: 'production-2024-05-02',
    });
    expect(await repo.ref('production')).toBe(target);
    expect(await repo.ref('production-2024-05-02^{commit}')).toBe(target);
    const fresh = new Git(await cloneRepo(repo.origin, `${repo.sandbox.root}/fresh`));
    expect(await tagMessage(fresh, 'production-2024-05-02')).toBe(section);
  });

  it('when someone moved production meanwhile, the lease fails and nothing is written', async () => {
    const { checkout, target, expected } = await prepared();
    await repo.hotfix('fix: sneaky hotfix', { 'b.txt': 'b\n' });
    const before = await refSnapshot(repo.origin);
    const refusal = await caught(
      pushDeploy(checkout, {
        remote: 'origin',
        productionBranch: 'production',
        expected,
        target,
        tag: 'production-2024-05-02',
      }),
    );
    expect(refusal.reasonCode).toBe('lease-lost');
    expect(refusal.message).toMatch(/Nothing was written/);
    expect(await refSnapshot(repo.origin)).toEqual(before);
  });

  it('a second push of the very same deploy (another run was first) is not taken for success', async () => {
    const { checkout, target, expected } = await prepared();
    const push = {
      remote: 'origin',
      productionBranch: 'production',
      expected,
      target,
      tag: 'production-2024-05-02',
    };
    await pushDeploy(checkout, push);
    const refusal = await caught(pushDeploy(checkout, push));
    expect(refusal.reasonCode).toBe('lease-lost');
    expect(refusal.message).toMatch(/Another run moved production/);
  });

  it('when the remote refuses one of the refs, neither is written', async () => {
    const { checkout, target, expected } = await prepared();
    await repo.hook(
      'pre-receive',
      '#!/bin/sh\nwhile read old new ref; do case "$ref" in refs/tags/*) echo "no tags today" >&2; exit 1;; esac; done\n',
    );
    const before = await refSnapshot(repo.origin);
    const refusal = await caught(
      pushDeploy(checkout, {
        remote: 'origin',
        productionBranch: 'production',
        expected,
        target,
        tag: 'production-2024-05-02',
      }),
    );
    expect(refusal.reasonCode).toBe('push-rejected');
    expect(await refSnapshot(repo.origin)).toEqual(before);
  });
});

/** A checkout whose first push to main is preceded by someone else's merge: a real race. */
class RacedGit extends Git {
  races = 0;
  constructor(
    cwd: string,
    private readonly rival: string,
    private readonly times: number,
  ) {
    super(cwd);
  }
  override async attempt(args: string[], options?: RunOptions): Promise<GitResult> {
    if (args[0] === 'push' && args.at(-1)?.endsWith(':refs/heads/main') && this.races < this.times) {
      this.races++;
      await git(this.rival, ['pull', '--quiet', '--rebase', 'origin', 'main']);
      await commitFiles(
        this.rival,
        { [`rival-${this.races}.txt`]: 'x\n' },
        `feat: rival merge ${this.races}`,
      );
      await git(this.rival, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    }
    return super.attempt(args, options);
  }
}

describe('the CHANGELOG commit on the default branch', () => {
  let repo: TrainRepo;
  afterEach(() => repo.sandbox.cleanup());
  const options = {
    remote: 'origin',
    branch: 'main',
    path: 'CHANGELOG.md',
    section,
    tag: 'production-2024-05-02',
    author: who,
    now,
  };

  it('prepends the section in one commit on top of the branch', async () => {
    repo = await TrainRepo.create();
    const before = await repo.ref('main');
    const checkout = new Git(await repo.checkoutForRun());
    const result = await commitChangelog(checkout, options);
    expect(result).toMatchObject({ alreadyThere: false, attempts: 1 });
    expect(await repo.ref('main')).toBe(result.sha);
    expect(await repo.ref('main^')).toBe(before);
    expect(await git(repo.origin, ['log', '-1', '--format=%s', 'main'])).toBe(
      'chore(deploy): Update CHANGELOG',
    );
    expect(await repo.show('main', 'CHANGELOG.md')).toBe(`# Changelog\n\n${section.trimEnd()}`);
    expect(await git(repo.origin, ['diff-tree', '--no-commit-id', '--name-only', '-r', 'main'])).toBe(
      'CHANGELOG.md',
    );
  });

  it('a rerun finds the section there and writes nothing', async () => {
    repo = await TrainRepo.create();
    const checkout = new Git(await repo.checkoutForRun());
    await commitChangelog(checkout, options);
    const after = await refSnapshot(repo.origin);
    expect(await commitChangelog(checkout, options)).toMatchObject({ alreadyThere: true, sha: undefined });
    expect(await refSnapshot(repo.origin)).toEqual(after);
  });

  it('when the branch moved meanwhile, the commit is made again on the new tip and the other merge is kept', async () => {
    repo = await TrainRepo.create();
    const rival = await cloneRepo(repo.origin, `${repo.sandbox.root}/rival`);
    const checkout = new RacedGit(await repo.checkoutForRun(), rival, 2);
    const result = await commitChangelog(checkout, options);
    expect(result.attempts).toBe(3);
    expect(await git(repo.origin, ['log', '--format=%s', '-3', 'main'])).toBe(
      'chore(deploy): Update CHANGELOG\nfeat: rival merge 2\nfeat: rival merge 1',
    );
  });

  it('gives up after a bounded number of lost races, without forcing', async () => {
    repo = await TrainRepo.create();
    const rival = await cloneRepo(repo.origin, `${repo.sandbox.root}/rival`);
    const checkout = new RacedGit(await repo.checkoutForRun(), rival, 10);
    const refusal = await caught(commitChangelog(checkout, { ...options, maxAttempts: 2 }));
    expect(refusal.reasonCode).toBe('changelog-race');
    expect(await git(repo.origin, ['log', '-1', '--format=%s', 'main'])).toBe('feat: rival merge 2');
  });
});
