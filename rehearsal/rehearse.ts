import { git } from '../test/support/git.js';
import { type ActionRun, type RunActionOptions, runAction } from '../test/support/run-action.js';
import { BOT, DEVELOPERS, openSandbox, QA_LEAD, type Sandbox } from './sandbox.js';

export interface RehearsalOptions {
  /** How many PRs the developers open and merge. */
  prs: number;
  /** The PR (1-based, in merge order) that stays in testing, so the train stops there. 0: none. */
  blockedAt: number;
  /** Where progress goes, a line at a time. */
  say: (line: string) => void;
}

export interface Rehearsal {
  /** The folder with the repositories, kept for `git log`. */
  root: string;
  /** PR numbers in merge order. */
  prs: number[];
  blocked: number | undefined;
  /** The PRs the promotion took to production. */
  train: number[];
  tag: string;
  notes: string;
  /** The production servers before and after the rolling deploy. */
  servers: { old: string[]; new: string[] };
  /** Every action run, in order, with its outcome: the rehearsal's record. */
  runs: { step: string; action: string; reasonCode: string; ok: boolean }[];
}

const TITLES = [
  ['feat(cart): remember the basket across devices', 'Basket is forgotten between phone and laptop'],
  ['fix(checkout): round VAT per line, not per order', 'Invoice totals are off by a cent'],
  ['perf(search): cache the product index', 'Search takes two seconds'],
  ['feat(orders): list orders by date', 'Cannot find last month’s orders'],
  ['fix(auth): end sessions after a password change', 'Old sessions survive a password change'],
  ['feat(ui): dark mode', 'Dark mode, please'],
  ['fix(payments): retry declined webhooks', 'Payments stuck in pending'],
  ['perf(images): serve WebP thumbnails', 'Product pages are heavy'],
] as const;
const MERGE_METHODS = ['merge', 'squash', 'rebase'] as const;

/**
 * The runbook end to end, on this machine, with the real actions run as a GitHub runner runs them:
 * 1. the stage labels
 * 2. developers open PRs linked to issues; they are merged (merge, squash, rebase in turn) and
 *    wait for staging
 * 3. the staging deploy of the shop onto its Auto Scaling group; the PRs move to testing
 * 4. QA moves every PR but one to waiting for production; the blocked one stays in testing
 * 5. the plan (read-only): the train stops at the blocked PR
 * 6. the promotion: production moved, dated tag, CHANGELOG commit, release, labels done
 * 7. the production servers rolled, with the online-devices guard before and after
 */
export async function rehearse(options: RehearsalOptions): Promise<Rehearsal> {
  const box = await openSandbox();
  const runs: Rehearsal['runs'] = [];
  const act = actionRunner(box, runs, options.say);
  const { say } = options;
  try {
    say(`Sandbox: ${box.sandbox.root}`);
    say(`GitHub emulator ${box.gh.url} serving ${box.repository}; AWS emulator ${box.aws.url}`);

    step(say, 1, 'Stage labels');
    await act('labels', 'stage', { task: 'sync-labels' }, { event: { name: 'workflow_dispatch' } });

    step(say, 2, `${options.prs} pull requests, each linked to an issue, reviewed and merged`);
    const prs: number[] = [];
    for (let i = 0; i < options.prs; i++) prs.push(await developAndMerge(box, act, i, say));

    step(say, 3, 'Staging deploy of shop (rolling deploy of shop-staging)');
    const staging = await act(
      'staging',
      'deploy-staging',
      { action: 'update', component: 'shop' },
      awsEnv(box),
    );
    say(`  ${staging.result?.message}`);

    const blocked =
      options.blockedAt > 0 && options.blockedAt <= prs.length ? prs[options.blockedAt - 1] : undefined;
    step(say, 4, `QA approves the PRs${blocked ? `, except #${blocked}, which stays in testing` : ''}`);
    for (const pr of prs.filter((number) => number !== blocked)) {
      await box.label(pr, ['stage: waiting for production'], QA_LEAD);
      await act(
        `approve #${pr}`,
        'stage',
        {},
        {
          actor: QA_LEAD,
          event: {
            name: 'pull_request_target',
            payload: {
              ...(await box.gh.pullRequestEvent(box.owner, box.repo, pr, 'labeled')),
              label: { name: 'stage: waiting for production' },
              sender: { login: QA_LEAD },
            },
          },
        },
      );
      say(`  #${pr} -> stage: waiting for production (by @${QA_LEAD})`);
    }

    step(say, 5, 'The plan (read-only)');
    await git(box.checkout, [
      'fetch',
      '-q',
      '--prune',
      'origin',
      '+refs/heads/*:refs/remotes/origin/*',
      '--tags',
    ]);
    const plan = await act(
      'plan',
      'promote',
      { 'dry-run': 'true', component: 'shop', path: box.checkout },
      {
        workspace: box.checkout,
      },
    );
    say(`  ${plan.result?.message}`);
    if (plan.result?.blocker) say(`  What waits: ${String(plan.result.blocker)}`);

    step(say, 6, 'Promotion to production');
    const promotion = await act(
      'promote',
      'promote',
      { fingerprint: plan.outputs.fingerprint ?? '', component: 'shop', path: box.checkout },
      { workspace: box.checkout },
    );
    say(`  ${promotion.result?.message}`);
    const tag = promotion.outputs.tag ?? '';
    const train = JSON.parse(promotion.outputs.prs || '[]') as number[];

    step(say, 7, 'Production servers rolled, guarded by the number of online devices');
    const metric = {
      url: `${box.metric.url}/api/stats`,
      'json-path': '$.devices.online',
      name: 'online devices',
    };
    const before = await act('guard before', 'guard', { ...metric, phase: 'before' });
    say(`  online devices before: ${before.outputs.value}`);
    const old = box.aws.world.activeIds('shop-production');
    box.metric.dip([1_090, 1_150, 1_188, 1_199]);
    const roll = await act(
      'roll',
      'rolling-deploy',
      { group: 'shop-production', ...fastAws(box) },
      awsEnv(box),
    );
    say(`  ${roll.result?.message}`);
    const after = await act(
      'guard after',
      'guard',
      { ...metric, phase: 'after', baseline: before.outputs.value ?? '', interval: '100ms', timeout: '20s' },
      {},
    );
    say(`  ${after.result?.message}`);

    const notes = await git(box.origin, ['tag', '-l', '--format=%(contents)', tag]);
    return {
      root: box.sandbox.root,
      prs,
      blocked,
      train,
      tag,
      notes,
      servers: { old, new: box.aws.world.activeIds('shop-production') },
      runs,
    };
  } finally {
    await box.stop();
  }
}

type Act = (
  step: string,
  action: string,
  inputs: Record<string, string>,
  options?: RunActionOptions,
) => Promise<ActionRun>;

/** Runs a bundled action as the runner would; a refusal ends the rehearsal with the action's own words. */
function actionRunner(box: Sandbox, runs: Rehearsal['runs'], say: (line: string) => void): Act {
  return async (stepName, action, inputs, options = {}) => {
    const run = await runAction(action, {
      repository: box.repository,
      apiUrl: box.gh.url,
      actor: BOT,
      ...options,
      env: { ...options.env },
      inputs: { 'github-token': BOT, ...inputs },
    });
    const reasonCode = String(run.result?.reason_code ?? 'no-result');
    runs.push({ step: stepName, action, reasonCode, ok: run.exitCode === 0 });
    if (run.exitCode !== 0) {
      say(run.stdout);
      throw new Error(
        `${action} (${stepName}) failed with ${reasonCode}: ${String(run.result?.message ?? run.stderr)}`,
      );
    }
    return run;
  };
}

async function developAndMerge(
  box: Sandbox,
  act: Act,
  index: number,
  say: (line: string) => void,
): Promise<number> {
  const [title, issueTitle] = TITLES[index % TITLES.length]!;
  const developer = DEVELOPERS[index % DEVELOPERS.length]!;
  const method = MERGE_METHODS[index % MERGE_METHODS.length]!;
  const issue = await box.createIssue(
    `${issueTitle}${index >= TITLES.length ? ` (${index + 1})` : ''}`,
    developer,
  );
  const pr = await box.openPr({
    branch: `change-${index + 1}`,
    title,
    body: `Fixes #${issue}`,
    author: developer,
    commits: method === 'rebase' ? [title, `test: cover ${title.split(': ')[1]}`] : [title],
  });
  await act(
    `link check #${pr}`,
    'stage',
    {},
    {
      actor: developer,
      event: {
        name: 'pull_request_target',
        payload: await box.gh.pullRequestEvent(box.owner, box.repo, pr, 'opened'),
      },
    },
  );
  box.gh.advance(15 * 60_000);
  const before = await git(box.origin, ['rev-parse', 'main']);
  const merged = await box.merge(pr, method, 'qa-lead');
  await act(
    `merge #${pr}`,
    'stage',
    {},
    {
      event: { name: 'push', payload: await box.gh.pushEvent(box.owner, box.repo, before, merged) },
    },
  );
  say(
    `  #${pr} ${title} (fixes #${issue}, by @${developer}) merged with ${method} -> stage: waiting for staging`,
  );
  return pr;
}

function step(say: (line: string) => void, number: number, title: string): void {
  say('');
  say(`[${number}/7] ${title}`);
}

/** AWS credentials and endpoint for the emulator, as configure-aws-credentials would set them. */
function awsEnv(box: Sandbox): RunActionOptions {
  return { env: { ...box.aws.env(), AWS_ENDPOINT_URL: box.aws.url } };
}

function fastAws(box: Sandbox): Record<string, string> {
  return { endpoint: box.aws.url, 'poll-interval': '20ms', timeout: '60s' };
}
