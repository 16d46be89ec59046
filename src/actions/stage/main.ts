import { z } from 'zod';
import { ReleaseTrainError } from '../../action/failure.js';
import { booleanInput } from '../../action/input-types.js';
import { blocks, bullets, table } from '../../action/markdown.js';
import type { ActionOutcome } from '../../action/result.js';
import type { ActionDefinition } from '../../action/run-action.js';
import { formatIssue } from '../../core/linked-issues.js';
import { checkIssueLink, decideOnLabel, decideOnMerge } from '../../core/stage-decision.js';
import { resolveIssueLinks } from '../../github/linked-issues.js';
import { mergedPullsForCommits } from '../../github/merged-pulls.js';
import { openRepoRun, type RepoRun } from '../../github/repo-run.js';
import { moveToStage, removeLabel, type StageMove, syncStageLabels } from '../../github/stage-labels.js';
import { WriteAccess } from '../../github/write-access.js';

const inputs = z.object({
  'github-token': z.string({ message: 'a token is required (github-token)' }),
  task: z.enum(['auto', 'sync-labels']).default('auto'),
  'dry-run': booleanInput.default(false),
});
type Inputs = z.output<typeof inputs>;

type Run = RepoRun<Inputs>;

interface PullRequestPayload {
  number: number;
  title: string;
  body: string | null;
  merged?: boolean;
  base: { ref: string };
  labels: { name: string }[];
}

/**
 * Stage labels in place of the board:
 * 1. read the config from the default branch (never from the PR)
 * 2. make sure the stage labels exist
 * 3. act on the event: a PR changed (check it links an issue), a stage label applied (keep it as the
 *    only one and mirror it, or refuse it), a merge pushed (waiting for staging)
 * 4. report what changed and why
 */
export const stageAction: ActionDefinition<typeof inputs> = {
  name: 'stage',
  inputs,
  secrets: ['github-token'],
  async main(ctx) {
    const run = await openRepoRun(ctx);
    const { github, repo, settings } = run;

    const labels = await syncStageLabels(github, repo, settings.config.stages, run.dryRun);
    if (ctx.inputs.task === 'sync-labels') return labelsSynced(run, labels);

    const { eventName, event } = ctx.runner;
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
      const action = String(event.action ?? '');
      const pr = event.pull_request as PullRequestPayload | undefined;
      if (!pr)
        throw new ReleaseTrainError(
          'bad-event',
          `The ${eventName} event carries no pull_request. Nothing was changed.`,
        );
      if (action === 'labeled')
        return labelApplied(run, pr, String((event.label as { name?: string })?.name ?? ''), senderOf(event));
      if (action === 'closed') {
        return pr.merged && pr.base.ref === settings.defaultBranch
          ? merged(run, [pr])
          : nothingToDo('closed without merging');
      }
      if (['opened', 'edited', 'reopened', 'synchronize', 'ready_for_review'].includes(action))
        return checkLink(run, pr);
      return nothingToDo(`nothing to do for pull request action "${action}"`);
    }
    if (eventName === 'push') {
      if (ctx.runner.event.ref !== `refs/heads/${settings.defaultBranch}`) {
        return nothingToDo(
          `push to ${String(event.ref)}, not to the default branch ${settings.defaultBranch}`,
        );
      }
      return pushedToDefault(run);
    }
    return labelsSynced(run, labels);
  },
};

function senderOf(event: Record<string, unknown>): string {
  return String((event.sender as { login?: string } | undefined)?.login ?? '');
}

function nothingToDo(why: string): ActionOutcome {
  return {
    ok: true,
    reasonCode: 'nothing-to-do',
    message: `Nothing to do: ${why}.`,
    summary: `Nothing to do: ${why}.`,
  };
}

function labelsSynced(run: Run, labels: Awaited<ReturnType<typeof syncStageLabels>>): ActionOutcome {
  const changed = labels.filter((label) => label.change !== 'unchanged');
  const verb = run.dryRun ? 'would be' : 'were';
  return {
    ok: true,
    reasonCode: changed.length > 0 ? 'labels-synced' : 'labels-in-sync',
    message:
      changed.length > 0
        ? `${changed.length} stage label(s) ${verb} created or updated.`
        : 'The stage labels already match the config.',
    summary: table(
      ['Stage label', 'Change'],
      labels.map((label) => [label.name, label.change]),
    ),
    details: { labels },
  };
}

async function checkLink(run: Run, pr: PullRequestPayload): Promise<ActionOutcome> {
  const links = await resolveIssueLinks(run.github, run.repo, pr);
  const count = links.issues.length + links.elsewhere.length;
  const invalid = links.invalid.map(({ ref, reason }) => `${formatIssue(ref, run.repo)} is ${reason}`);
  const check = checkIssueLink(count, invalid, run.settings.config['require-linked-issue']);
  const linked = [...links.issues, ...links.elsewhere].map((ref) => formatIssue(ref, run.repo));
  return {
    ok: check.ok,
    reasonCode: check.ok ? 'issue-linked' : 'no-linked-issue',
    message: check.ok ? `#${pr.number} ${check.why}: ${linked.join(', ') || 'none'}.` : check.why,
    summary: blocks(
      check.ok ? `#${pr.number} ${check.why}.` : `**#${pr.number} links no issue.**\n\n${check.why}`,
      linked.length > 0 && bullets(linked),
    ),
    details: { pull_request: pr.number, linked_issues: linked, invalid_links: invalid },
  };
}

async function labelApplied(
  run: Run,
  pr: PullRequestPayload,
  label: string,
  actor: string,
): Promise<ActionOutcome> {
  const { stages } = run.settings.config;
  const canWrite = actor ? await new WriteAccess(run.github, run.repo).has(actor) : false;
  const decision = decideOnLabel(label, actor || 'someone', canWrite, stages);
  if (decision.kind === 'ignore') return nothingToDo(decision.why);
  const target = { ...run.repo, number: pr.number };

  if (decision.kind === 'refuse') {
    if (!run.dryRun) {
      await removeLabel(run.github, target, label);
      await run.github.rest.issues.createComment({
        ...run.repo,
        issue_number: pr.number,
        body: `release-train removed the label **${label}**: ${decision.why}. Ask someone with write access to apply it.`,
      });
    }
    return {
      ok: true,
      reasonCode: 'label-refused',
      message: `Removed "${label}" from #${pr.number}: ${decision.why}.`,
      summary: table(['Target', 'Change', 'Why'], [[`#${pr.number}`, `removed ${label}`, decision.why]]),
      details: { pull_request: pr.number, label, actor, refused: true },
    };
  }

  // The label is already on the PR (the event says so); make it the only stage label, then mirror it.
  const moves = [
    await moveToStage(run.github, target, 'pull request', decision.stage, stages, {
      dryRun: run.dryRun,
      currentLabels: pr.labels.map((each) => each.name),
    }),
    ...(await mirrorToIssues(run, pr, decision.stage)),
  ];
  return movedOutcome(run, moves, decision.why, [pr.number]);
}

async function pushedToDefault(run: Run): Promise<ActionOutcome> {
  const { event } = run.ctx.runner;
  const commits = ((event.commits as { id: string }[] | undefined) ?? []).map((commit) => commit.id);
  const head = (event.head_commit as { id?: string } | null | undefined)?.id ?? String(event.after ?? '');
  const shas = [...new Set([...commits, head].filter((sha) => /^[0-9a-f]{40}$/.test(sha)))];
  const prs = await mergedPullsForCommits(run.github, run.repo, shas, run.settings.defaultBranch);
  if (prs.length === 0) return nothingToDo('the push contains no merged pull request (a direct push)');
  return merged(
    run,
    prs.map((pr) => ({
      ...pr,
      merged: true,
      base: { ref: run.settings.defaultBranch },
      labels: pr.labels.map((name) => ({ name })),
    })),
  );
}

async function merged(run: Run, prs: PullRequestPayload[]): Promise<ActionOutcome> {
  const { stages } = run.settings.config;
  const moves: StageMove[] = [];
  const kept: string[] = [];
  for (const pr of prs) {
    const decision = decideOnMerge(
      pr.labels.map((label) => label.name),
      stages,
    );
    if (decision.kind === 'keep') {
      kept.push(`#${pr.number} ${decision.why}`);
      continue;
    }
    moves.push(
      await moveToStage(
        run.github,
        { ...run.repo, number: pr.number },
        'pull request',
        decision.stage,
        stages,
        {
          dryRun: run.dryRun,
          currentLabels: pr.labels.map((label) => label.name),
        },
      ),
      ...(await mirrorToIssues(run, pr, decision.stage)),
    );
  }
  const outcome = movedOutcome(
    run,
    moves,
    'merged into the default branch',
    prs.map((pr) => pr.number),
  );
  return kept.length > 0 ? { ...outcome, summary: blocks(outcome.summary, bullets(kept)) } : outcome;
}

async function mirrorToIssues(
  run: Run,
  pr: PullRequestPayload,
  stage: StageMove['stage'],
): Promise<StageMove[]> {
  const links = await resolveIssueLinks(run.github, run.repo, pr);
  const moves: StageMove[] = [];
  for (const issue of links.issues) {
    moves.push(
      await moveToStage(run.github, issue, 'issue', stage, run.settings.config.stages, {
        dryRun: run.dryRun,
        currentLabels: issue.labels,
      }),
    );
  }
  return moves;
}

function movedOutcome(run: Run, moves: StageMove[], why: string, prs: number[]): ActionOutcome {
  const { stages } = run.settings.config;
  const changed = moves.filter((move) => move.added.length > 0 || move.removed.length > 0);
  const verb = run.dryRun ? 'would move' : 'moved';
  const rows = moves.map((move) => [
    `${move.kind === 'issue' ? 'issue' : 'PR'} ${formatIssue(move.target, run.repo)}`,
    stages[move.stage].name,
    [...move.added.map((name) => `+ ${name}`), ...move.removed.map((name) => `- ${name}`)].join(', ') ||
      'already there',
  ]);
  const stageNames = [...new Set(moves.map((move) => stages[move.stage].name))];
  return {
    ok: true,
    reasonCode: changed.length > 0 ? 'stage-moved' : 'stage-unchanged',
    message:
      changed.length > 0
        ? `${changed.length} item(s) ${verb} to ${stageNames.join(', ')} (${why}).`
        : `Everything already carries the right stage label (${why}).`,
    summary: blocks(`Why: ${why}.`, table(['Item', 'Stage', 'Labels'], rows)),
    details: {
      pull_requests: prs,
      moves: moves.map((move) => ({
        target: formatIssue(move.target, run.repo),
        kind: move.kind,
        stage: move.stage,
        added: move.added,
        removed: move.removed,
      })),
    },
  };
}
