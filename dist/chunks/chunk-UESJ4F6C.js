import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/core/staging-deployment.ts
init_define_RELEASE_TRAIN_COMMANDS();
var STAGING_ENVIRONMENT = "staging";
var STAGING_ACTIONS = ["update", "switch-branch"];
function deploymentTask(component) {
  return `deploy:${component}`;
}
function readStagingPayload(payload) {
  let value = payload;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return void 0;
    }
  }
  if (typeof value !== "object" || value === null) return void 0;
  const record = value;
  const { component, action, ref, branch } = record;
  if (typeof component !== "string" || typeof ref !== "string" || typeof branch !== "string")
    return void 0;
  if (!STAGING_ACTIONS.includes(action)) return void 0;
  return {
    component,
    action,
    ref,
    branch,
    run_url: typeof record.run_url === "string" ? record.run_url : ""
  };
}
function progressOf(statesNewestFirst) {
  const latest = statesNewestFirst[0];
  if (latest === void 0 || latest === "queued" || latest === "pending" || latest === "in_progress") {
    return "unfinished";
  }
  if (latest === "success") return "succeeded";
  if (latest === "inactive" && statesNewestFirst.includes("success")) return "succeeded";
  return "failed";
}
function blockingDeployment(deployments, ownId) {
  return deployments.filter((deployment) => deployment.progress === "unfinished").filter((deployment) => ownId === void 0 || deployment.id < ownId).sort((a, b) => a.id - b.id)[0];
}
function shortSha(sha) {
  return sha.slice(0, 7);
}
function offBranchNotices(states, defaultBranch) {
  return states.filter((state) => state.deployment && state.deployment.branch !== defaultBranch).map(
    (state) => `staging/${state.component} is on branch ${state.deployment.branch} (since ${state.deployment.since}, commit ${shortSha(state.deployment.sha)}); run an update to bring it back to ${defaultBranch}`
  );
}

// src/github/commit-graph.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function resolveRef(github, repo, ref) {
  const name = ref.replace(/^refs\/heads\//, "");
  if (!/^[0-9a-f]{40}$/i.test(name)) {
    try {
      const { data } = await github.rest.repos.getBranch({ ...repo, branch: name });
      return { name, sha: data.commit.sha, kind: "branch" };
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  try {
    const { data } = await github.rest.repos.getCommit({ ...repo, ref: name, per_page: 1 });
    return { name, sha: data.sha, kind: "tag-or-commit" };
  } catch (error) {
    if (isMissing(error)) return void 0;
    throw error;
  }
}
async function compareCommits(github, repo, base, head) {
  const commits = [];
  let status = "identical";
  for (let page = 1; ; page++) {
    const { data } = await github.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${base}...${head}`,
      per_page: 100,
      page
    });
    status = data.status;
    commits.push(
      ...data.commits.map((commit) => ({
        sha: commit.sha,
        parents: commit.parents.map((parent) => parent.sha),
        message: commit.commit.message
      }))
    );
    if (data.commits.length === 0 || commits.length >= data.total_commits) break;
  }
  return { status, commits };
}
async function isAncestor(github, repo, base, head) {
  if (base === head) return true;
  const { data } = await github.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${head}`,
    per_page: 1
  });
  return data.status === "ahead" || data.status === "identical";
}
function isMissing(error) {
  const status = error.status;
  return status === 404 || status === 422;
}

// src/github/staging-deployments.ts
init_define_RELEASE_TRAIN_COMMANDS();
var LOOK_BACK = 30;
async function statesOf(github, repo, id) {
  const { data } = await github.rest.repos.listDeploymentStatuses({
    ...repo,
    deployment_id: id,
    per_page: 100
  });
  const sorted = [...data].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  return { states: sorted.map((status) => status.state), newest: sorted[0]?.created_at };
}
async function toStagingDeployment(github, repo, raw, payload) {
  const { states, newest } = await statesOf(github, repo, raw.id);
  return {
    id: raw.id,
    component: payload.component,
    sha: raw.sha,
    ref: payload.ref,
    branch: payload.branch,
    action: payload.action,
    progress: progressOf(states),
    createdAt: raw.created_at,
    since: newest ?? raw.created_at,
    creator: raw.creator?.login ?? "",
    runUrl: payload.run_url
  };
}
async function walkDeployments(github, repo, component, visit) {
  const { data } = await github.rest.repos.listDeployments({
    ...repo,
    environment: STAGING_ENVIRONMENT,
    task: deploymentTask(component),
    per_page: LOOK_BACK
  });
  const newestFirst = [...data].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  for (const raw of newestFirst) {
    const payload = readStagingPayload(raw.payload);
    if (!payload || payload.component !== component) continue;
    if (visit(await toStagingDeployment(github, repo, raw, payload)) === "stop") return;
  }
}
async function stagingStateOf(github, repo, component) {
  let found;
  await walkDeployments(github, repo, component, (deployment) => {
    if (deployment.progress !== "succeeded") return "continue";
    found = deployment;
    return "stop";
  });
  return { component, deployment: found };
}
async function stagingStates(github, repo, components) {
  const states = [];
  for (const component of components) states.push(await stagingStateOf(github, repo, component));
  return states;
}
async function deployInProgress(github, repo, component, ownId) {
  const seen = [];
  await walkDeployments(github, repo, component, (deployment) => {
    if (deployment.id === ownId) return "continue";
    seen.push(deployment);
    return deployment.progress === "unfinished" ? "continue" : "stop";
  });
  return blockingDeployment(seen, ownId);
}
async function componentStaging(github, repo, component) {
  const unfinished = [];
  let finishedSeen = false;
  let current;
  await walkDeployments(github, repo, component, (deployment) => {
    if (deployment.progress === "unfinished") {
      if (!finishedSeen) unfinished.push(deployment);
      return "continue";
    }
    finishedSeen = true;
    if (deployment.progress !== "succeeded") return "continue";
    current = deployment;
    return "stop";
  });
  return { current, blocking: blockingDeployment(unfinished) };
}
async function readStagingDeployment(github, repo, id) {
  let raw;
  try {
    raw = (await github.rest.repos.getDeployment({ ...repo, deployment_id: id })).data;
  } catch (error) {
    if (error.status === 404) return void 0;
    throw error;
  }
  const payload = readStagingPayload(raw.payload);
  if (raw.environment !== STAGING_ENVIRONMENT || !payload || raw.task !== deploymentTask(payload.component)) {
    return void 0;
  }
  return toStagingDeployment(github, repo, raw, payload);
}
async function openStagingDeployment(github, repo, opening) {
  const response = await github.rest.repos.createDeployment({
    ...repo,
    ref: opening.sha,
    task: deploymentTask(opening.component),
    environment: STAGING_ENVIRONMENT,
    auto_merge: false,
    required_contexts: [],
    payload: { ...opening.payload },
    description: opening.description.slice(0, 140),
    transient_environment: false,
    production_environment: false
  });
  const id = response.data.id;
  if (typeof id !== "number") {
    throw new Error(`GitHub did not create the deployment: ${JSON.stringify(response.data)}`);
  }
  try {
    await recordDeploymentState(github, repo, id, "in_progress", opening.description, opening.logUrl);
  } catch (error) {
    await recordDeploymentState(github, repo, id, "error", "not started", opening.logUrl).catch(() => {
    });
    throw error;
  }
  return id;
}
async function recordDeploymentState(github, repo, id, state, description, logUrl) {
  await github.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: id,
    state,
    description: description.slice(0, 140),
    ...logUrl && { log_url: logUrl },
    auto_inactive: false
  });
}
async function componentsOnStaging(github, repo, components, target) {
  const found = [];
  for (const component of components) {
    const { deployment } = await stagingStateOf(github, repo, component);
    const containsTarget = deployment ? await isAncestor(github, repo, target, deployment.sha) : false;
    found.push({ component, staging: deployment, containsTarget });
  }
  return found;
}

export {
  STAGING_ENVIRONMENT,
  STAGING_ACTIONS,
  shortSha,
  offBranchNotices,
  resolveRef,
  compareCommits,
  isAncestor,
  stagingStates,
  deployInProgress,
  componentStaging,
  readStagingDeployment,
  openStagingDeployment,
  recordDeploymentState,
  componentsOnStaging
};
