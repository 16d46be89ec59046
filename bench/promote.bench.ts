import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type PromotionPlan, planPromotion } from '../src/actions/promote/plan.js';
import { openPromotion } from '../src/actions/promote/promotion.js';
import { parseConfig } from '../src/config/load.js';
import { requestStats } from '../src/github/client.js';
import { type GitHubEmulator, startGitHubEmulator } from '../test/support/github-emulator/index.js';
import type { IssueRecord, LabelRecord, RepoState } from '../test/support/github-emulator/state.js';
import { type Bench, medianMs } from './report.js';

/**
 * The plan for a repository with 2,000 merged PRs since production, all ready: merge commits and
 * squash merges alternating, and every 50th a rebase merge of two commits. The history is built
 * with one `git fast-import`, the PRs and their label events are written straight into the
 * emulator's state. Figures: the plan's wall time as a ratio to `git rev-list --first-parent`
 * over the same range (the floor any plan pays), and the GitHub API requests it made.
 */

const PRS = 2000;
const OWNER = 'octo-org';
const REPO = 'app';
const T0 = Date.parse('2024-04-01T00:00:00Z');
const run = promisify(execFile);

type Kind = 'merge' | 'squash' | 'rebase';
const kindOf = (number: number): Kind =>
  number % 50 === 0 ? 'rebase' : number % 2 === 1 ? 'merge' : 'squash';

interface Landed {
  number: number;
  kind: Kind;
  /** Marks of the commits the PR put on main (the last is the merge_commit_sha). */
  marks: number[];
  at: number;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/** One fast-import stream: an initial commit on main and production, then every PR landing on main. */
function history(): { stream: string; landed: Landed[] } {
  const parts: string[] = [];
  let mark = 0;
  const commit = (ref: string, message: string, at: number, parents: number[], file: string) => {
    mark++;
    parts.push(
      `commit ${ref}\nmark :${mark}\ncommitter Ada <ada@example.com> ${Math.floor(at / 1000)} +0000\n${data(message)}`,
      ...(parents[0] ? [`from :${parents[0]}\n`] : []),
      ...parents.slice(1).map((parent) => `merge :${parent}\n`),
      `M 100644 inline ${file}\n${data(`${message}\n`)}`,
    );
    return mark;
  };
  let tip = commit('refs/heads/main', 'chore: initial commit', T0, [], 'README.md');
  parts.push(`reset refs/heads/production\nfrom :${tip}\n`);
  const landed: Landed[] = [];
  for (let number = 1; number <= PRS; number++) {
    const at = T0 + number * 60_000;
    const kind = kindOf(number);
    const title = `feat: change ${number}`;
    const file = `src/change-${number}.txt`;
    if (kind === 'merge') {
      const side = commit('refs/heads/topic', title, at - 30_000, [tip], file);
      tip = commit(
        'refs/heads/main',
        `Merge pull request #${number} from ${OWNER}/topic-${number}\n\n${title}`,
        at,
        [tip, side],
        `merges/${number}.txt`,
      );
      landed.push({ number, kind, marks: [tip], at });
    } else if (kind === 'squash') {
      tip = commit('refs/heads/main', `${title} (#${number})`, at, [tip], file);
      landed.push({ number, kind, marks: [tip], at });
    } else {
      const first = commit('refs/heads/main', `${title}, part 1`, at, [tip], file);
      tip = commit('refs/heads/main', `${title}, part 2`, at, [first], `${file}.2`);
      landed.push({ number, kind, marks: [first, tip], at });
    }
  }
  return { stream: parts.join(''), landed };
}

async function fastImport(gitDir: string, stream: string): Promise<Map<number, string>> {
  const marksFile = join(gitDir, 'bench-marks');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet', `--export-marks=${marksFile}`], { cwd: gitDir });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)),
    );
    child.stdin.end(stream);
  });
  await run('git', ['update-ref', '-d', 'refs/heads/topic'], { cwd: gitDir });
  const { readFile } = await import('node:fs/promises');
  const marks = new Map<number, string>();
  for (const line of (await readFile(marksFile, 'utf8')).split('\n').filter(Boolean)) {
    const [mark, sha] = line.split(' ') as [string, string];
    marks.set(Number(mark.slice(1)), sha);
  }
  return marks;
}

/** The PRs, merged and labelled "waiting for production" by alice, written into the emulator's memory. */
function seed(github: GitHubEmulator, landed: Landed[], marks: Map<number, string>): void {
  const state = (
    github as unknown as { state: { repo(owner: string, name: string): RepoState; nextId(): number } }
  ).state;
  const repo = state.repo(OWNER, REPO);
  const stages = parseConfig(undefined).stages;
  const labels: LabelRecord[] = Object.values(stages).map((stage) => ({
    id: state.nextId(),
    name: stage.name,
    color: stage.color,
    description: stage.description,
  }));
  repo.labels.push(...labels);
  const [staging, testing, ready] = labels as [LabelRecord, LabelRecord, LabelRecord];
  for (const pr of landed) {
    const shas = pr.marks.map((mark) => marks.get(mark)!);
    const mergedAt = new Date(pr.at);
    const updatedAt = new Date(pr.at + 3 * 3_600_000);
    const issue: IssueRecord = {
      id: state.nextId(),
      number: pr.number,
      title: `feat: change ${pr.number}`,
      body: null,
      state: 'closed',
      stateReason: null,
      user: 'alice',
      labelIds: [ready.id],
      assignees: [],
      locked: false,
      createdAt: new Date(pr.at - 3_600_000),
      updatedAt,
      closedAt: mergedAt,
      closedBy: 'alice',
      pull: {
        id: state.nextId(),
        headOwner: OWNER,
        headRepo: REPO,
        headRef: `topic-${pr.number}`,
        headSha: shas.at(-1)!,
        baseRef: 'main',
        baseSha: shas.at(-1)!,
        draft: false,
        maintainerCanModify: false,
        merged: true,
        mergedAt,
        mergedBy: 'alice',
        mergeCommitSha: shas.at(-1)!,
        mergeMethod: pr.kind,
        commits: shas,
        landed: shas,
        stats: { additions: 1, deletions: 0, changedFiles: 1 },
      },
    };
    repo.issues.set(pr.number, issue);
    const event = (label: LabelRecord, actor: string, at: number) =>
      repo.events.push({
        id: state.nextId(),
        issueNumber: pr.number,
        event: 'labeled',
        actor,
        createdAt: new Date(at),
        label: { name: label.name, color: label.color },
      });
    event(staging, 'github-actions[bot]', pr.at + 60_000);
    event(testing, 'bob', pr.at + 3_600_000);
    event(ready, 'alice', pr.at + 3 * 3_600_000);
  }
  repo.nextNumber = PRS + 1;
}

const bench: Bench = async () => {
  const root = await mkdtemp(join(tmpdir(), 'release-train-bench-promote-'));
  const github = await startGitHubEmulator({
    gitDir: join(root, 'git'),
    validate: false,
    now: '2024-06-01T00:00:00Z',
  });
  try {
    const origin = await github.createRepo(OWNER, REPO);
    const { stream, landed } = history();
    const marks = await fastImport(origin, stream);
    seed(github, landed, marks);
    github.grant(OWNER, REPO, 'alice', 'write');
    github.grant(OWNER, REPO, 'release-bot', 'write');
    const checkout = join(root, 'checkout');
    await run('git', ['clone', '--quiet', origin, checkout]);
    await run(
      'git',
      ['fetch', '--quiet', 'origin', '+refs/heads/production:refs/remotes/origin/production'],
      {
        cwd: checkout,
      },
    );

    const floor = await medianMs(5, () =>
      run('git', ['rev-list', '--first-parent', 'origin/production..origin/main'], {
        cwd: checkout,
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
    let plan: PromotionPlan | undefined;
    let requests = 0;
    const apiWaits: number[] = [];
    const wall = await medianMs(1, async () => {
      const p = await openPromotion({
        checkout,
        token: 'release-bot',
        apiUrl: github.url,
        repo: { owner: OWNER, repo: REPO },
        serverUrl: 'https://github.com',
        now: new Date('2024-06-01T00:00:00Z'),
        log: () => {},
      });
      let waited = 0;
      p.github.hook.wrap('request', async (request, options) => {
        const start = performance.now();
        try {
          return await request(options);
        } finally {
          waited += performance.now() - start;
        }
      });
      plan = await planPromotion(p);
      requests = requestStats(p.github).requests;
      apiWaits.push(waited);
    });
    // The emulator's own serving time is not release-train's.
    const ownWork = wall - apiWaits[0]!;
    if (plan?.kind !== 'train' || plan.train.pullRequests.length !== PRS) {
      throw new Error(
        `the bench's train should carry all ${PRS} PRs; it has ${plan?.kind === 'train' ? plan.train.pullRequests.length : plan?.kind}`,
      );
    }
    return {
      title: `promote: the plan for ${PRS} merged PRs since production`,
      figures: [
        {
          name: 'plan wall time',
          value: wall / floor,
          unit: 'ratio',
          note: 'plan / git rev-list --first-parent over the same range',
        },
        {
          name: 'plan time outside the API',
          value: ownWork / floor,
          unit: 'ratio',
          note: 'the same, without the time spent waiting for (emulated) GitHub',
        },
        {
          name: 'GitHub API requests',
          value: requests,
          unit: 'count',
          note: `for ${PRS} PRs (${landed.filter((pr) => pr.kind === 'rebase').length} rebase merges)`,
        },
        { name: 'plan wall time', value: wall, unit: 'ms', note: 'this machine' },
        { name: 'rev-list floor', value: floor, unit: 'ms', note: 'this machine' },
      ],
    };
  } finally {
    await github.close();
    await rm(root, { recursive: true, force: true });
  }
};

export default bench;
