import { parseConfig } from '../../src/config/load.js';
import {
  type Approval,
  approvalCandidates,
  blockerSentence,
  buildTrain,
  type Car,
  CHANGELOG_COMMIT_SUBJECT,
  commitsToReplay,
  type HistoryCommit,
  originOf,
  type TrainPullRequest,
  type TrainRules,
} from '../../src/core/train.js';

const { stages } = parseConfig(undefined);
const rules: TrainRules = { stages, directPushes: 'block' };
const READY = 'stage: waiting for production';

function commit(sha: string, subject: string, extra: Partial<HistoryCommit> = {}): HistoryCommit {
  return { sha: sha.padEnd(40, '0'), parents: ['p'], subject, body: '', ...extra };
}

/** A situation in a few lines: `#41 testing`, `#42 ready`, `push`, `changelog`, `deployed`. */
function situation(lines: string[]) {
  const cars: Car[] = [];
  const pullRequests = new Map<number, TrainPullRequest>();
  const approvals = new Map<number, Approval>();
  lines.forEach((line, index) => {
    const sha = `c${index}`;
    const [what, state, by] = line.split(' ');
    if (what === 'push') cars.push({ commit: commit(sha, 'hotfix typo'), origin: { kind: 'direct-push' } });
    else if (what === 'changelog')
      cars.push({ commit: commit(sha, CHANGELOG_COMMIT_SUBJECT), origin: { kind: 'changelog' } });
    else if (what === 'deployed')
      cars.push({ commit: commit(sha, 'feat: old'), origin: { kind: 'deployed' } });
    else {
      const number = Number(what!.slice(1));
      cars.push({ commit: commit(sha, `feat: change ${number}`), origin: { kind: 'pull-request', number } });
      const label = state === 'ready' ? READY : state === 'none' ? 'bug' : `stage: ${state}`;
      pullRequests.set(number, { number, title: `feat: change ${number}`, labels: [label] });
      if (state === 'ready') approvals.set(number, { appliedBy: by ?? 'alice', byWriter: by !== 'mallory' });
    }
  });
  return { cars, pullRequests, approvals };
}

function train(lines: string[], overrides: Partial<TrainRules> = {}) {
  const { cars, pullRequests, approvals } = situation(lines);
  return buildTrain(cars, pullRequests, approvals, { ...rules, ...overrides });
}

describe('the train', () => {
  it('takes every PR while each waits for production, and targets the last commit taken', () => {
    const result = train(['#40 ready', '#41 ready', '#42 ready']);
    expect(result.pullRequests).toEqual([40, 41, 42]);
    expect(result.target).toBe('c2'.padEnd(40, '0'));
    expect(result.blocker).toBeUndefined();
  });

  it('a PR still in testing blocks every PR behind it', () => {
    const result = train([
      '#40 ready',
      '#41 testing',
      '#42 ready',
      '#43 waiting-for-staging',
      '#44 ready',
      '#45 ready',
    ]);
    expect(result.pullRequests).toEqual([40]);
    expect(result.target).toBe('c0'.padEnd(40, '0'));
    expect(result.waiting).toEqual([42, 44, 45]);
    expect(blockerSentence(result, stages)).toBe(
      '#41 is in stage: testing; 3 ready PRs wait behind it: #42 #44 #45',
    );
  });

  it('a train blocked at its first PR is empty and says why', () => {
    const result = train(['#41 testing', '#42 ready']);
    expect(result.target).toBeUndefined();
    expect(result.cars).toEqual([]);
    expect(result.anythingNew).toBe(true);
    expect(blockerSentence(result, stages)).toBe('#41 is in stage: testing; 1 ready PR waits behind it: #42');
  });

  it('nothing new on the default branch means nothing to promote', () => {
    const result = train(['changelog']);
    expect(result.target).toBeUndefined();
    expect(result.anythingNew).toBe(false);
    expect(result.blocker).toBeUndefined();
  });

  it('a PR without any stage label blocks', () => {
    expect(blockerSentence(train(['#41 none']), stages)).toBe(
      '#41 carries no stage label; no ready PR waits behind it',
    );
  });

  it('a ready label applied by someone without write access does not count', () => {
    const result = train(['#40 ready', '#41 ready mallory', '#42 ready']);
    expect(result.pullRequests).toEqual([40]);
    expect(blockerSentence(result, stages)).toBe(
      '#41 is in stage: waiting for production, but @mallory who applied that label has no write access; 1 ready PR waits behind it: #42',
    );
  });

  it('a ready label nobody is known to have applied does not count', () => {
    const { cars, pullRequests } = situation(['#41 ready']);
    const result = buildTrain(cars, pullRequests, new Map(), rules);
    expect(result.blocker).toMatchObject({ kind: 'approval', pullRequest: 41, appliedBy: undefined });
  });

  it('a direct push blocks the train unless the config allows direct pushes', () => {
    const blocked = train(['#40 ready', 'push', '#42 ready']);
    expect(blocked.pullRequests).toEqual([40]);
    expect(blockerSentence(blocked, stages)).toMatch(
      /^c100000 "hotfix typo" was pushed without a pull request \(config direct-pushes: block\); 1 ready PR/,
    );
    const allowed = train(['#40 ready', 'push', '#42 ready'], { directPushes: 'allow' });
    expect(allowed.pullRequests).toEqual([40, 42]);
    expect(allowed.cars).toHaveLength(3);
  });

  it("release-train's own CHANGELOG commits and commits production already has are transparent", () => {
    const result = train(['deployed', 'changelog', '#42 ready', 'changelog', '#43 testing']);
    expect(result.pullRequests).toEqual([42]);
    expect(result.cars.map((car) => car.origin.kind)).toEqual([
      'deployed',
      'changelog',
      'pull-request',
      'changelog',
    ]);
    expect(commitsToReplay(result).map((each) => each.subject)).toEqual([
      CHANGELOG_COMMIT_SUBJECT,
      'feat: change 42',
      CHANGELOG_COMMIT_SUBJECT,
    ]);
  });

  it('every commit of a rebase-merged PR rides with it', () => {
    const { cars, pullRequests, approvals } = situation(['#42 ready']);
    cars.push({ commit: commit('c1', 'fix: second commit'), origin: { kind: 'pull-request', number: 42 } });
    const result = buildTrain(cars, pullRequests, approvals, rules);
    expect(result.pullRequests).toEqual([42]);
    expect(result.target).toBe('c1'.padEnd(40, '0'));
  });

  it('only the PRs the stage labels would let ride need their label approval checked', () => {
    const { cars, pullRequests } = situation(['#40 ready', '#41 ready', '#42 testing', '#43 ready']);
    expect(approvalCandidates(cars, pullRequests, rules)).toEqual([40, 41]);
  });

  it('a PR the API could not return blocks instead of riding unseen', () => {
    const cars: Car[] = [{ commit: commit('c0', 'feat: x'), origin: { kind: 'pull-request', number: 9 } }];
    expect(buildTrain(cars, new Map(), new Map(), rules).blocker).toMatchObject({
      kind: 'unknown-pull-request',
      pullRequest: 9,
    });
  });
});

describe('what a commit is', () => {
  const known = {
    pullRequestBySha: new Map([['s'.padEnd(40, '0'), 7]]),
    deployed: new Set<string>(),
    changelog: 'CHANGELOG.md',
  };

  it('a merge commit names its PR in the subject', () => {
    expect(originOf(commit('m', 'Merge pull request #12 from octo/login'), known)).toEqual({
      kind: 'pull-request',
      number: 12,
    });
  });

  it('a squash or rebase commit is mapped through the API association', () => {
    expect(originOf(commit('s', 'feat: login (#7)'), known)).toEqual({ kind: 'pull-request', number: 7 });
  });

  it('a CHANGELOG commit is transparent only when it touches nothing but the CHANGELOG', () => {
    expect(
      originOf(commit('x', CHANGELOG_COMMIT_SUBJECT, { changedFiles: ['CHANGELOG.md'] }), known),
    ).toEqual({
      kind: 'changelog',
    });
    expect(
      originOf(
        commit('x', CHANGELOG_COMMIT_SUBJECT, { changedFiles: ['CHANGELOG.md', 'src/app.ts'] }),
        known,
      ),
    ).toEqual({ kind: 'direct-push' });
  });

  it('a commit an earlier replay put on production is transparent', () => {
    const sha = 'd'.padEnd(40, '0');
    expect(originOf(commit('d', 'feat: x'), { ...known, deployed: new Set([sha]) })).toEqual({
      kind: 'deployed',
    });
  });
});
