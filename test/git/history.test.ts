import { Git } from '../../src/git/git.js';
import {
  changedFiles,
  fetchDeployRefs,
  firstParentHistory,
  isAncestor,
  mergeBase,
  readRemoteRefs,
  tagMessage,
} from '../../src/git/history.js';
import { git } from '../support/git.js';
import { TrainRepo } from '../support/train-repo.js';

describe('reading the history', () => {
  let repo: TrainRepo;
  afterEach(() => repo.sandbox.cleanup());

  it('lists the first-parent commits after the merge base, oldest first, for all three merge methods', async () => {
    repo = await TrainRepo.create();
    const merge = await repo.mergeCommit(41, 'feat: sign in', { 'login.ts': 'a\n' });
    const squash = await repo.squash(42, 'fix: typo', { 'README.md': '# app!\n' });
    const [first, second] = await repo.rebase([
      { message: 'perf: faster', files: { 'perf.ts': '1\n' } },
      { message: 'perf: even faster', files: { 'perf.ts': '2\n' } },
    ]);
    const checkout = new Git(await repo.checkoutForRun());
    await fetchDeployRefs(checkout, 'origin', ['main', 'production']);
    const base = await mergeBase(checkout, 'refs/remotes/origin/production', 'refs/remotes/origin/main');
    expect(base).toBe(await repo.ref('production'));
    const history = await firstParentHistory(checkout, base!, 'refs/remotes/origin/main');
    expect(history.map((commit) => commit.sha)).toEqual([merge, squash, first, second]);
    expect(history[0]).toMatchObject({
      subject: 'Merge pull request #41 from octo-org/pr-41',
      body: 'feat: sign in',
    });
    expect(history[0]!.parents).toHaveLength(2);
    expect(history[1]!.subject).toBe('fix: typo (#42)');
    expect(await changedFiles(checkout, squash)).toEqual(['README.md']);
    expect(await isAncestor(checkout, base!, merge)).toBe(true);
    expect(await isAncestor(checkout, merge, base!)).toBe(false);
  });

  it('reads the remote branches and tags, peeling annotated tags to their commits', async () => {
    repo = await TrainRepo.create();
    await git(repo.work, ['tag', '-a', '-m', 'x', 'production-2024-05-01', 'HEAD']);
    await git(repo.work, ['push', '--quiet', 'origin', '--tags']);
    const refs = await readRemoteRefs(new Git(repo.work), 'origin');
    const head = await repo.ref('main');
    expect(refs.branches.get('production')).toBe(head);
    expect(refs.tags.get('production-2024-05-01')).toBe(head);
    const checkout = new Git(await repo.checkoutForRun());
    expect(await tagMessage(checkout, 'production-2024-05-01')).toBe('x\n');
  });

  it('deepens a shallow checkout so the history back to the merge base is there', async () => {
    repo = await TrainRepo.create();
    await repo.squash(1, 'feat: one', { a: '1' });
    await repo.squash(2, 'feat: two', { a: '2' });
    const shallow = `${repo.sandbox.root}/shallow`;
    await git(repo.sandbox.root, ['clone', '--quiet', '--depth=1', `file://${repo.origin}`, shallow]);
    const checkout = new Git(shallow);
    await fetchDeployRefs(checkout, 'origin', ['main', 'production']);
    const base = await mergeBase(checkout, 'refs/remotes/origin/production', 'refs/remotes/origin/main');
    expect(await firstParentHistory(checkout, base!, 'refs/remotes/origin/main')).toHaveLength(2);
  });
});
