import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  compareCommits,
  isAncestor,
  shortSha
} from "./chunk-UESJ4F6C.js";
import {
  stageIndex,
  stageOf
} from "./chunk-Q5EG6WYO.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/core/staging-plan.ts
init_define_RELEASE_TRAIN_COMMANDS();
function checkComponent(name, components) {
  const component = components[name];
  if (component) return { kind: "ok", component };
  const known = Object.keys(components);
  return {
    kind: "refuse",
    reasonCode: "unknown-component",
    message: known.length === 0 ? `Unknown component "${name}": .github/release-train.yml on the default branch lists no components. Nothing was changed. Add it under \`components:\`, e.g. \`${name || "api"}: { staging: { kind: workflow } }\`.` : `Unknown component "${name}". Nothing was changed. The config names: ${known.join(", ")}.`
  };
}
function unknownRef(ref) {
  return {
    kind: "refuse",
    reasonCode: "unknown-ref",
    message: `"${ref}" is not a branch, tag or commit of this repository. Nothing was changed; check the spelling, or push the branch first.`
  };
}
function planStagingDeploy(input) {
  const { request, resolved, defaultBranch, current } = input;
  const warnings = [];
  let branch;
  if (request.action === "update") {
    if (!resolved.onDefaultBranch) {
      return {
        kind: "refuse",
        reasonCode: "not-on-default-branch",
        message: `"${resolved.name}" (${shortSha(resolved.sha)}) is not on ${defaultBranch}, and an update only deploys ${defaultBranch}. Nothing was changed. To put staging/${request.component} on another branch, run the action "switch-branch" (inadvisable: staging then no longer tests what goes to production).`
      };
    }
    branch = defaultBranch;
    if (current && current.branch !== defaultBranch) {
      warnings.push(
        `This update brings staging/${request.component} back to ${defaultBranch} from branch ${current.branch}.`
      );
    }
  } else {
    branch = resolved.name;
    if (branch !== defaultBranch) {
      warnings.push(
        `staging/${request.component} will be on branch ${branch}, not ${defaultBranch}: it no longer tests what goes to production, and every staging summary and \`release-train status\` will say so until an update brings it back.`
      );
    }
  }
  if (current && current.sha === resolved.sha) {
    warnings.push(
      `staging/${request.component} already runs ${shortSha(resolved.sha)}; this deploys it again.`
    );
  }
  return {
    kind: "deploy",
    plan: {
      component: request.component,
      action: request.action,
      ref: resolved.name,
      sha: resolved.sha,
      branch,
      take: input.waiting.filter((pull) => pull.contained),
      leave: input.waiting.filter((pull) => !pull.contained),
      rideAlong: input.rideAlong,
      current,
      warnings
    }
  };
}
function containsMerge(mergeSha, missingFromCommit) {
  return mergeSha !== null && !missingFromCommit.has(mergeSha);
}
function ridingPulls(numbers, waiting, known) {
  const seen = new Set(waiting);
  const riding = [];
  for (const number of numbers) {
    if (seen.has(number)) continue;
    seen.add(number);
    const found = known.get(number);
    riding.push({ number, title: found?.title ?? "", stage: found?.stage });
  }
  return riding;
}
function movesToTesting(kind, labels, stages) {
  const stage = stageOf(labels, stages);
  if (kind === "pull request") return stage === "waiting-for-staging";
  return stage === void 0 || stageIndex(stage) <= stageIndex("testing");
}

// src/github/staging-pulls.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/pull-reference.ts
init_define_RELEASE_TRAIN_COMMANDS();
function pullNumberOfCommit(message) {
  const subject = message.split("\n", 1)[0].trim();
  const merge = /^Merge pull request #(\d+) from \S+/.exec(subject);
  if (merge) return Number(merge[1]);
  const squash = /\(#(\d+)\)$/.exec(subject);
  return squash ? Number(squash[1]) : void 0;
}
function pullsAlongFirstParents(commits, head) {
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const chain = [];
  for (let at = bySha.get(head); at; at = bySha.get(at.parents[0] ?? "")) chain.push(at);
  chain.reverse();
  const named = chain.map((commit) => pullNumberOfCommit(commit.message));
  return {
    pulls: named.filter((number) => number !== void 0),
    unnamed: named.filter((number) => number === void 0).length
  };
}

// src/github/staging-pulls.ts
async function waitingForStaging(github, repo, stages) {
  const found = await github.paginate(github.rest.search.issuesAndPullRequests, {
    q: `repo:${repo.owner}/${repo.repo} is:pr label:"${stages["waiting-for-staging"].name}"`,
    sort: "created",
    order: "asc",
    per_page: 100
  });
  const candidates = [];
  for (const item of found) {
    const { data: pr } = await github.rest.pulls.get({ ...repo, pull_number: item.number });
    if (!pr.merged_at) continue;
    const labels = pr.labels.map((label) => label.name);
    if (stageOf(labels, stages) !== "waiting-for-staging") continue;
    candidates.push({
      number: pr.number,
      title: pr.title,
      body: pr.body,
      labels,
      mergeSha: pr.merge_commit_sha,
      base: pr.base.ref
    });
  }
  return candidates.sort((a, b) => a.number - b.number);
}
async function defaultBranchGap(github, repo, sha, defaultBranch) {
  const comparison = await compareCommits(github, repo, sha, defaultBranch);
  return {
    onDefaultBranch: comparison.status === "ahead" || comparison.status === "identical",
    missing: new Set(comparison.commits.map((commit) => commit.sha))
  };
}
async function containedIn(github, repo, candidates, sha, gap, defaultBranch) {
  const pulls = [];
  for (const candidate of candidates) {
    const contained = candidate.base === defaultBranch || candidate.mergeSha === null ? containsMerge(candidate.mergeSha, gap.missing) : await isAncestor(github, repo, candidate.mergeSha, sha);
    pulls.push({ number: candidate.number, title: candidate.title, mergeSha: candidate.mergeSha, contained });
  }
  return pulls;
}
var RIDING_LOOKUPS = 25;
async function rideAlong(github, repo, from, to, waiting, stages) {
  const { commits } = await compareCommits(github, repo, from, to);
  const { pulls: named, unnamed: directPushes } = pullsAlongFirstParents(commits, to);
  const riding = ridingPulls(named, waiting, /* @__PURE__ */ new Map());
  const known = /* @__PURE__ */ new Map();
  const titles = /* @__PURE__ */ new Map();
  for (const pull of riding.slice(0, RIDING_LOOKUPS)) {
    try {
      const { data } = await github.rest.issues.get({ ...repo, issue_number: pull.number });
      titles.set(pull.number, data.title);
      const labels = data.labels.map((label) => typeof label === "string" ? label : label.name ?? "");
      const stage = stageOf(labels, stages);
      if (stage) known.set(pull.number, { title: data.title, stage });
    } catch (error) {
      if (error.status !== 404) throw error;
    }
  }
  return {
    pulls: riding.map((pull) => ({
      number: pull.number,
      title: titles.get(pull.number) ?? "",
      stage: known.get(pull.number)?.stage
    })),
    directPushes
  };
}

export {
  checkComponent,
  unknownRef,
  planStagingDeploy,
  movesToTesting,
  waitingForStaging,
  defaultBranchGap,
  containedIn,
  rideAlong
};
