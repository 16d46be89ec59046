import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  openRepoRun
} from "./chunks/chunk-GKQKOONC.js";
import {
  WriteAccess
} from "./chunks/chunk-DUPEL634.js";
import {
  formatIssue,
  moveToStage,
  removeLabel,
  resolveIssueLinks,
  stageIndex,
  stageOf,
  stageOfLabel,
  syncStageLabels
} from "./chunks/chunk-Q5EG6WYO.js";
import {
  runAction
} from "./chunks/chunk-OU4ZASUX.js";
import "./chunks/chunk-MQQPBGEG.js";
import {
  ReleaseTrainError,
  blocks,
  booleanInput,
  bullets,
  external_exports,
  table
} from "./chunks/chunk-NWAPPGED.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/actions/stage/run.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/actions/stage/main.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/stage-decision.ts
init_define_RELEASE_TRAIN_COMMANDS();
var GATED_STAGES = ["waiting-for-production"];
function decideOnLabel(label, actor, actorCanWrite, stages) {
  const stage = stageOfLabel(label, stages);
  if (!stage) return { kind: "ignore", why: `"${label}" is not a stage label` };
  if (GATED_STAGES.includes(stage) && !actorCanWrite) {
    return {
      kind: "refuse",
      stage,
      why: `@${actor} applied "${label}" without write access to the repository; only people with write access may mark a pull request ready for production`
    };
  }
  return { kind: "move", stage, why: `@${actor} applied "${label}"` };
}
function decideOnMerge(labels, stages) {
  const current = stageOf(labels, stages);
  if (current && stageIndex(current) >= stageIndex("waiting-for-staging")) {
    return { kind: "keep", why: `already in "${stages[current].name}"` };
  }
  return { kind: "move", stage: "waiting-for-staging", why: "merged into the default branch" };
}
function checkIssueLink(linkedCount, invalid, required) {
  if (linkedCount > 0) return { ok: true, why: `links ${linkedCount} issue${linkedCount === 1 ? "" : "s"}` };
  if (!required) return { ok: true, why: "links no issue (not required by the config)" };
  const also = invalid.length > 0 ? ` (${invalid.join("; ")})` : "";
  return {
    ok: false,
    why: `This pull request does not link an issue${also}. Add a closing keyword to its description, e.g. "Fixes #123", "Closes owner/repo#123" or "Resolves https://github.com/owner/repo/issues/123", so the issue follows the PR through the stages.`
  };
}

// src/github/merged-pulls.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function mergedPullsForCommits(github, repo, shas, base) {
  const found = /* @__PURE__ */ new Map();
  for (const sha of shas) {
    const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({
      ...repo,
      commit_sha: sha
    });
    for (const pr of data) {
      if (!pr.merged_at || pr.base.ref !== base || found.has(pr.number)) continue;
      found.set(pr.number, {
        number: pr.number,
        title: pr.title,
        body: pr.body,
        labels: pr.labels.map((label) => label.name),
        mergedAt: pr.merged_at,
        mergeCommitSha: pr.merge_commit_sha
      });
    }
  }
  return [...found.values()].sort((a, b) => a.mergedAt.localeCompare(b.mergedAt));
}

// src/actions/stage/main.ts
var inputs = external_exports.object({
  "github-token": external_exports.string({ message: "a token is required (github-token)" }),
  task: external_exports.enum(["auto", "sync-labels"]).default("auto"),
  "dry-run": booleanInput.default(false)
});
var stageAction = {
  name: "stage",
  inputs,
  secrets: ["github-token"],
  async main(ctx) {
    const run = await openRepoRun(ctx);
    const { github, repo, settings } = run;
    const labels = await syncStageLabels(github, repo, settings.config.stages, run.dryRun);
    if (ctx.inputs.task === "sync-labels") return labelsSynced(run, labels);
    const { eventName, event } = ctx.runner;
    if (eventName === "pull_request" || eventName === "pull_request_target") {
      const action = String(event.action ?? "");
      const pr = event.pull_request;
      if (!pr)
        throw new ReleaseTrainError(
          "bad-event",
          `The ${eventName} event carries no pull_request. Nothing was changed.`
        );
      if (action === "labeled")
        return labelApplied(run, pr, String(event.label?.name ?? ""), senderOf(event));
      if (action === "closed") {
        return pr.merged && pr.base.ref === settings.defaultBranch ? merged(run, [pr]) : nothingToDo("closed without merging");
      }
      if (["opened", "edited", "reopened", "synchronize", "ready_for_review"].includes(action))
        return checkLink(run, pr);
      return nothingToDo(`nothing to do for pull request action "${action}"`);
    }
    if (eventName === "push") {
      if (ctx.runner.event.ref !== `refs/heads/${settings.defaultBranch}`) {
        return nothingToDo(
          `push to ${String(event.ref)}, not to the default branch ${settings.defaultBranch}`
        );
      }
      return pushedToDefault(run);
    }
    return labelsSynced(run, labels);
  }
};
function senderOf(event) {
  return String(event.sender?.login ?? "");
}
function nothingToDo(why) {
  return {
    ok: true,
    reasonCode: "nothing-to-do",
    message: `Nothing to do: ${why}.`,
    summary: `Nothing to do: ${why}.`
  };
}
function labelsSynced(run, labels) {
  const changed = labels.filter((label) => label.change !== "unchanged");
  const verb = run.dryRun ? "would be" : "were";
  return {
    ok: true,
    reasonCode: changed.length > 0 ? "labels-synced" : "labels-in-sync",
    message: changed.length > 0 ? `${changed.length} stage label(s) ${verb} created or updated.` : "The stage labels already match the config.",
    summary: table(
      ["Stage label", "Change"],
      labels.map((label) => [label.name, label.change])
    ),
    details: { labels }
  };
}
async function checkLink(run, pr) {
  const links = await resolveIssueLinks(run.github, run.repo, pr);
  const count = links.issues.length + links.elsewhere.length;
  const invalid = links.invalid.map(({ ref, reason }) => `${formatIssue(ref, run.repo)} is ${reason}`);
  const check = checkIssueLink(count, invalid, run.settings.config["require-linked-issue"]);
  const linked = [...links.issues, ...links.elsewhere].map((ref) => formatIssue(ref, run.repo));
  return {
    ok: check.ok,
    reasonCode: check.ok ? "issue-linked" : "no-linked-issue",
    message: check.ok ? `#${pr.number} ${check.why}: ${linked.join(", ") || "none"}.` : check.why,
    summary: blocks(
      check.ok ? `#${pr.number} ${check.why}.` : `**#${pr.number} links no issue.**

${check.why}`,
      linked.length > 0 && bullets(linked)
    ),
    details: { pull_request: pr.number, linked_issues: linked, invalid_links: invalid }
  };
}
async function labelApplied(run, pr, label, actor) {
  const { stages } = run.settings.config;
  const canWrite = actor ? await new WriteAccess(run.github, run.repo).has(actor) : false;
  const decision = decideOnLabel(label, actor || "someone", canWrite, stages);
  if (decision.kind === "ignore") return nothingToDo(decision.why);
  const target = { ...run.repo, number: pr.number };
  if (decision.kind === "refuse") {
    if (!run.dryRun) {
      await removeLabel(run.github, target, label);
      await run.github.rest.issues.createComment({
        ...run.repo,
        issue_number: pr.number,
        body: `release-train removed the label **${label}**: ${decision.why}. Ask someone with write access to apply it.`
      });
    }
    return {
      ok: true,
      reasonCode: "label-refused",
      message: `Removed "${label}" from #${pr.number}: ${decision.why}.`,
      summary: table(["Target", "Change", "Why"], [[`#${pr.number}`, `removed ${label}`, decision.why]]),
      details: { pull_request: pr.number, label, actor, refused: true }
    };
  }
  const moves = [
    await moveToStage(run.github, target, "pull request", decision.stage, stages, {
      dryRun: run.dryRun,
      currentLabels: pr.labels.map((each) => each.name)
    }),
    ...await mirrorToIssues(run, pr, decision.stage)
  ];
  return movedOutcome(run, moves, decision.why, [pr.number]);
}
async function pushedToDefault(run) {
  const { event } = run.ctx.runner;
  const commits = (event.commits ?? []).map((commit) => commit.id);
  const head = event.head_commit?.id ?? String(event.after ?? "");
  const shas = [...new Set([...commits, head].filter((sha) => /^[0-9a-f]{40}$/.test(sha)))];
  const prs = await mergedPullsForCommits(run.github, run.repo, shas, run.settings.defaultBranch);
  if (prs.length === 0) return nothingToDo("the push contains no merged pull request (a direct push)");
  return merged(
    run,
    prs.map((pr) => ({
      ...pr,
      merged: true,
      base: { ref: run.settings.defaultBranch },
      labels: pr.labels.map((name) => ({ name }))
    }))
  );
}
async function merged(run, prs) {
  const { stages } = run.settings.config;
  const moves = [];
  const kept = [];
  for (const pr of prs) {
    const decision = decideOnMerge(
      pr.labels.map((label) => label.name),
      stages
    );
    if (decision.kind === "keep") {
      kept.push(`#${pr.number} ${decision.why}`);
      continue;
    }
    moves.push(
      await moveToStage(
        run.github,
        { ...run.repo, number: pr.number },
        "pull request",
        decision.stage,
        stages,
        {
          dryRun: run.dryRun,
          currentLabels: pr.labels.map((label) => label.name)
        }
      ),
      ...await mirrorToIssues(run, pr, decision.stage)
    );
  }
  const outcome = movedOutcome(
    run,
    moves,
    "merged into the default branch",
    prs.map((pr) => pr.number)
  );
  return kept.length > 0 ? { ...outcome, summary: blocks(outcome.summary, bullets(kept)) } : outcome;
}
async function mirrorToIssues(run, pr, stage) {
  const links = await resolveIssueLinks(run.github, run.repo, pr);
  const moves = [];
  for (const issue of links.issues) {
    moves.push(
      await moveToStage(run.github, issue, "issue", stage, run.settings.config.stages, {
        dryRun: run.dryRun,
        currentLabels: issue.labels
      })
    );
  }
  return moves;
}
function movedOutcome(run, moves, why, prs) {
  const { stages } = run.settings.config;
  const changed = moves.filter((move) => move.added.length > 0 || move.removed.length > 0);
  const verb = run.dryRun ? "would move" : "moved";
  const rows = moves.map((move) => [
    `${move.kind === "issue" ? "issue" : "PR"} ${formatIssue(move.target, run.repo)}`,
    stages[move.stage].name,
    [...move.added.map((name) => `+ ${name}`), ...move.removed.map((name) => `- ${name}`)].join(", ") || "already there"
  ]);
  const stageNames = [...new Set(moves.map((move) => stages[move.stage].name))];
  return {
    ok: true,
    reasonCode: changed.length > 0 ? "stage-moved" : "stage-unchanged",
    message: changed.length > 0 ? `${changed.length} item(s) ${verb} to ${stageNames.join(", ")} (${why}).` : `Everything already carries the right stage label (${why}).`,
    summary: blocks(`Why: ${why}.`, table(["Item", "Stage", "Labels"], rows)),
    details: {
      pull_requests: prs,
      moves: moves.map((move) => ({
        target: formatIssue(move.target, run.repo),
        kind: move.kind,
        stage: move.stage,
        added: move.added,
        removed: move.removed
      }))
    }
  };
}

// src/actions/stage/run.ts
await runAction(stageAction);
