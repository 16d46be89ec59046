import { Git } from '../../src/git/git.js';
import { fetchDeployRefs, firstParentHistory } from '../../src/git/history.js';
import { createGitHub } from '../../src/github/client.js';
import { indexPullRequests, pullRequestOfCommit } from '../../src/github/commit-pulls.js';
import { labelAppliersInRepo } from '../../src/github/label-events.js';
import { OWNER, PromoteScenario, REPO } from '../support/promote-scenario.js';

const repo = { owner: OWNER, repo: REPO };

describe('reading the train from GitHub', () => {
  let scenario: PromoteScenario;
  beforeEach(async () => {
    scenario = await PromoteScenario.start();
  });
  afterEach(() => scenario.stop());

  async function history() {
    const git = new Git(await scenario.checkout());
    await fetchDeployRefs(git, 'origin', ['main', 'production']);
    return firstParentHistory(git, 'origin/production', 'origin/main');
  }

  function requestsTo(pattern: RegExp, since: number) {
    return scenario.github.requests.slice(since).filter((request) => pattern.test(request.path));
  }

  it('maps merge, squash and rebase merges to their PRs with one listing request per 100 PRs', async () => {
    const merged = await scenario.merged('merge', 'feat: one', { 'one.ts': '1\n' });
    const squashed = await scenario.merged('squash', 'fix: two', { 'two.ts': '2\n' });
    const rebased = await scenario.mergedPullRequest('rebase', 'perf: three', [
      { message: 'perf: three, part 1', files: { 'three.ts': '1\n' } },
      { message: 'perf: three, part 2', files: { 'three.ts': '2\n' } },
    ]);
    const commits = await history();
    const since = scenario.github.requests.length;

    const index = await indexPullRequests(
      createGitHub('release-bot', { baseUrl: scenario.github.url }),
      repo,
      {
        base: 'main',
        history: commits,
        named: [merged],
        skip: new Set([commits[0]!.sha]),
      },
    );

    expect(requestsTo(/\/pulls$/, since)).toHaveLength(1);
    expect(commits.map((commit) => index.bySha.get(commit.sha))).toEqual([
      merged,
      squashed,
      undefined,
      rebased,
    ]);
    expect([...index.pulls.keys()].sort()).toEqual([merged, squashed, rebased]);
    expect(index.pulls.get(squashed)).toMatchObject({ title: 'fix: two', labels: [] });
  });

  it("finds a rebase merge's earlier commits through GitHub's commit association", async () => {
    const rebased = await scenario.mergedPullRequest('rebase', 'perf: three', [
      { message: 'perf: three, part 1', files: { 'three.ts': '1\n' } },
      { message: 'perf: three, part 2', files: { 'three.ts': '2\n' } },
    ]);
    const [first] = await history();
    const github = createGitHub('release-bot', { baseUrl: scenario.github.url });
    expect(await pullRequestOfCommit(github, repo, first!.sha, 'main')).toMatchObject({ number: rebased });
  });

  it('who applied a label to many PRs costs one request per page of events, not one per PR', async () => {
    const numbers: number[] = [];
    for (let i = 1; i <= 6; i++)
      numbers.push(await scenario.merged('squash', `feat: ${i}`, { [`f${i}.ts`]: `${i}\n` }));
    await scenario.label(numbers[0]!, 'testing');
    await scenario.ready(...numbers.slice(0, 5));
    await scenario.label(numbers[5]!, 'waiting-for-production', 'mallory');
    const since = scenario.github.requests.length;

    const appliers = await labelAppliersInRepo(
      createGitHub('release-bot', { baseUrl: scenario.github.url }),
      repo,
      {
        label: 'stage: waiting for production',
        numbers,
      },
    );

    expect(requestsTo(/\/issues\/events$/, since)).toHaveLength(1);
    expect(requestsTo(/\/issues\/\d+\/events$/, since)).toHaveLength(0);
    expect(numbers.map((number) => appliers.get(number))).toEqual([
      'alice',
      'alice',
      'alice',
      'alice',
      'alice',
      'mallory',
    ]);
  });
});
