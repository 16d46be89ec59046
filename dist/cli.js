#!/usr/bin/env node
import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  containedIn,
  defaultBranchGap,
  waitingForStaging
} from "./chunks/chunk-4ZTKLD2U.js";
import {
  ACTIVE_REFRESH_STATUSES,
  Journal,
  connectAws,
  createDeployRun,
  describeRestore,
  isActive,
  midDeployReport,
  observe,
  pollUntil,
  restoreGroup
} from "./chunks/chunk-XT42V2U7.js";
import "./chunks/chunk-3FY2IZH4.js";
import {
  openPromotion,
  promote,
  promotionClock
} from "./chunks/chunk-UZDBJ4CP.js";
import "./chunks/chunk-DUPEL634.js";
import {
  offBranchNotices,
  shortSha,
  stagingStates
} from "./chunks/chunk-UESJ4F6C.js";
import {
  STAGES,
  configSchema,
  createGitHub,
  loadRepoSettings,
  syncStageLabels
} from "./chunks/chunk-Q5EG6WYO.js";
import "./chunks/chunk-HWTIFFZA.js";
import "./chunks/chunk-TCGWVG53.js";
import {
  ReleaseTrainError,
  external_exports,
  isReleaseTrainError,
  parseDuration,
  table,
  toResult
} from "./chunks/chunk-NWAPPGED.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/cli.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/cli/main.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/cli/doctor.ts
init_define_RELEASE_TRAIN_COMMANDS();
import { parseArgs } from "node:util";
var usage = `release-train doctor --group NAME [--group NAME ...] [--repair] [--region REGION] [--endpoint URL] [--timeout 30m] [--poll-interval 15s]

Finds an Auto Scaling group left in the middle of a deploy (a surge that did not finish: the
release-train tags on the group, raised max, suspended processes, scale-in protection; or an
instance refresh still going) and says what it found. With --repair it puts the group back:
the new instances are deregistered, drained and terminated, desired capacity, max, protection
and processes return to what the deploy record says, and an active instance refresh is cancelled.
Exit status: 0 when every group is clean (or repaired), 1 when one is still mid-deploy.`;
function duration(text, fallback, name) {
  if (text === void 0) return fallback;
  const parsed = parseDuration(text);
  if (parsed === void 0)
    throw new ReleaseTrainError("bad-input", `--${name}: expected a duration such as 90s or 15m`);
  return parsed;
}
async function examine(run, name, repair, io) {
  const { state } = await observe(run, name, { refresh: true });
  const report = midDeployReport(state);
  const serving = state.instances.filter((instance) => instance.traffic === "serving").length;
  const headline = `${name}: desired ${state.desired} (min ${state.min}, max ${state.max}), ${serving} of ${state.instances.filter(isActive).length} instance(s) serving`;
  if (report.findings.length === 0) {
    io.out(`${headline}. No deploy under way.`);
    return true;
  }
  io.out(`${headline}.${report.midDeploy ? " Left mid-deploy:" : ""}`);
  for (const finding of report.findings)
    io.out(`  - ${finding.what}${finding.repairable ? "" : " (left alone)"}`);
  if (!report.midDeploy) return true;
  if (!repair) {
    io.out(`  Run \`release-train doctor --group ${name} --repair\` to put it back.`);
    return false;
  }
  if (!report.record && !state.activeRefresh) {
    io.out(
      "  The release-train tags are damaged, so the group cannot be restored from them. Restore desired capacity, max, processes and protection by hand, then delete the release-train:* tags."
    );
    return false;
  }
  const journal = new Journal(name, run.now, (line) => io.out(`  ${line}`));
  if (state.activeRefresh) {
    io.out(`  cancelling instance refresh ${state.activeRefresh.id}`);
    await run.groups.cancelRefresh(name);
    const refreshId = state.activeRefresh.id;
    const settled = await pollUntil(
      () => run.groups.refresh(name, refreshId),
      (refresh) => refresh !== void 0 && !ACTIVE_REFRESH_STATUSES.includes(refresh.status),
      { deadline: run.now() + run.timeoutMs, intervalMs: run.pollMs }
    );
    io.out(`  instance refresh ${settled.value?.status ?? "still ending"}`);
    if (!settled.done) return false;
  }
  if (report.record) {
    const restored = await restoreGroup(run, name, report.record, journal);
    io.out(`  Repaired: ${describeRestore(restored)}.`);
    io.out(`  Instances now: ${restored.kept.join(", ") || "none"}.`);
  }
  return true;
}
var doctorCommand = {
  summary: "find an Auto Scaling group left mid-deploy and, with --repair, put it back",
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        group: { type: "string", multiple: true },
        repair: { type: "boolean", default: false },
        region: { type: "string" },
        endpoint: { type: "string" },
        timeout: { type: "string" },
        "poll-interval": { type: "string" }
      },
      allowPositionals: false
    });
    const groups = values.group ?? [];
    if (groups.length === 0) {
      io.err(`Name a group with --group.

Usage: ${usage}`);
      return 2;
    }
    const aws = connectAws({ region: values.region ?? io.env.AWS_REGION, endpoint: values.endpoint });
    const run = createDeployRun(aws, {
      pollMs: duration(values["poll-interval"], 15e3, "poll-interval"),
      timeoutMs: duration(values.timeout, 30 * 6e4, "timeout")
    });
    let clean = true;
    for (const name of groups) {
      if (!await examine(run, name, values.repair, io)) clean = false;
    }
    return clean ? 0 : 1;
  }
};

// src/cli/labels.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/cli/options.ts
init_define_RELEASE_TRAIN_COMMANDS();
import { execFile } from "node:child_process";
import { parseArgs as parseArgs2, promisify } from "node:util";
var common = {
  repo: { type: "string" },
  token: { type: "string" },
  "api-url": { type: "string" },
  json: { type: "boolean", default: false }
};
async function parseCliOptions(args, io, own = {}) {
  let parsed;
  try {
    parsed = parseArgs2({ args, options: { ...common, ...own }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ReleaseTrainError("bad-input", error.message);
  }
  const values = parsed.values;
  const token = values.token ?? io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN;
  if (!token) {
    throw new ReleaseTrainError(
      "bad-input",
      "No GitHub token: pass --token or set GITHUB_TOKEN. Nothing was changed."
    );
  }
  const repo = values.repo ? parseRepo(String(values.repo)) : await repoFromOrigin(io.cwd);
  return {
    common: {
      repo,
      token,
      apiUrl: values["api-url"] ?? io.env.GITHUB_API_URL,
      json: values.json === true
    },
    values,
    positionals: parsed.positionals
  };
}
function parseRepo(text) {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text);
  if (!match) throw new ReleaseTrainError("bad-input", `--repo must be OWNER/NAME, got "${text}".`);
  return { owner: match[1], repo: match[2] };
}
async function repoFromOrigin(cwd) {
  let url;
  try {
    url = (await promisify(execFile)("git", ["remote", "get-url", "origin"], { cwd })).stdout.trim();
  } catch {
    throw new ReleaseTrainError(
      "bad-input",
      "Not in a git checkout with an origin remote: pass --repo OWNER/NAME."
    );
  }
  const match = /[/:]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  if (!match)
    throw new ReleaseTrainError("bad-input", `Cannot tell OWNER/NAME from origin ${url}: pass --repo.`);
  return { owner: match[1], repo: match[2] };
}

// src/cli/labels.ts
var labelsCommand = {
  summary: "create or update the stage labels to match the config (labels sync)",
  usage: "release-train labels sync [--repo OWNER/NAME] [--dry-run] [--json]",
  async run(args, io) {
    const { common: common2, values, positionals } = await parseCliOptions(args, io, {
      "dry-run": { type: "boolean", default: false }
    });
    if (positionals[0] !== "sync") throw new ReleaseTrainError("bad-input", `Usage: ${labelsCommand.usage}`);
    const github = createGitHub(common2.token, { baseUrl: common2.apiUrl });
    const { config } = await loadRepoSettings(github, common2.repo);
    const labels = await syncStageLabels(github, common2.repo, config.stages, values["dry-run"] === true);
    if (common2.json)
      io.out(JSON.stringify({ schema: 1, dry_run: values["dry-run"] === true, labels }, null, 2));
    else
      io.out(
        table(
          ["Stage label", "Change"],
          labels.map((label) => [label.name, label.change])
        )
      );
    return 0;
  }
};

// src/cli/plan.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/cli/promotion-command.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function runPromotion(args, io, mode) {
  const { common: common2, values } = await parseCliOptions(args, io, {
    "dry-run": { type: "boolean", default: false },
    fingerprint: { type: "string" },
    component: { type: "string" },
    "webhook-url": { type: "string" },
    "server-url": { type: "string" }
  });
  const dryRun = mode === "plan" || values["dry-run"] === true;
  const quiet = common2.json;
  const p = await openPromotion({
    checkout: io.cwd,
    token: common2.token,
    ...common2.apiUrl ? { apiUrl: common2.apiUrl } : {},
    repo: common2.repo,
    serverUrl: values["server-url"] ?? io.env.GITHUB_SERVER_URL ?? "https://github.com",
    now: promotionClock(io.env),
    ...values.component ? { component: String(values.component) } : {},
    log: (message) => {
      if (!quiet) io.err(message);
    }
  });
  const outcome = await promote(p, {
    dryRun,
    fingerprint: values.fingerprint,
    webhookUrl: values["webhook-url"] ?? io.env.RELEASE_TRAIN_WEBHOOK_URL,
    warn: (message) => io.err(`warning: ${message}`)
  });
  if (common2.json) io.out(JSON.stringify(toResult("promote", outcome, dryRun), null, 2));
  else {
    io.out(outcome.summary);
    io.out("");
    io.out(outcome.ok ? outcome.message : `[${outcome.reasonCode}] ${outcome.message}`);
    if (dryRun && outcome.outputs?.fingerprint && outcome.reasonCode === "planned") {
      io.out(
        `
To apply exactly this plan: release-train promote --fingerprint ${outcome.outputs.fingerprint}`
      );
    }
  }
  return outcome.ok ? 0 : 1;
}
var PROMOTION_OPTIONS = "[--repo OWNER/NAME] [--json] [--component NAME] [--token T] [--api-url URL] [--server-url URL]";

// src/cli/plan.ts
var planCommand = {
  summary: "the production train: PRs, target, tag, CHANGELOG section and what blocks the rest (read-only)",
  usage: `release-train plan ${PROMOTION_OPTIONS}`,
  run: (args, io) => runPromotion(args, io, "plan")
};

// src/cli/promote.ts
init_define_RELEASE_TRAIN_COMMANDS();
var promoteCommand = {
  summary: "promote the train to production: atomic push with the tag, CHANGELOG commit, release, labels",
  usage: `release-train promote [--dry-run] [--fingerprint F] [--webhook-url URL] ${PROMOTION_OPTIONS}`,
  run: (args, io) => runPromotion(args, io, "promote")
};

// src/cli/schema.ts
init_define_RELEASE_TRAIN_COMMANDS();
function configJsonSchema() {
  return {
    ...external_exports.toJSONSchema(configSchema, { io: "input", target: "draft-7" }),
    title: "release-train configuration (.github/release-train.yml)"
  };
}
var schemaCommand = {
  summary: "print the JSON schema of .github/release-train.yml",
  usage: "release-train schema",
  async run(_args, io) {
    io.out(JSON.stringify(configJsonSchema(), null, 2));
    return 0;
  }
};

// src/cli/status.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/github/stage-board.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function readBoard(github, repo, stages, options = { doneLimit: 10 }) {
  const board = {};
  for (const stage of STAGES) {
    const q = `repo:${repo.owner}/${repo.repo} is:pr label:"${stages[stage].name}"`;
    const items = stage === "done" ? (await github.rest.search.issuesAndPullRequests({
      q,
      sort: "updated",
      order: "desc",
      per_page: options.doneLimit
    })).data.items : await github.paginate(github.rest.search.issuesAndPullRequests, {
      q,
      sort: "created",
      order: "asc",
      per_page: 100
    });
    board[stage] = items.map((item) => ({
      number: item.number,
      title: item.title,
      author: item.user?.login ?? "",
      mergedAt: item.pull_request?.merged_at ?? null,
      createdAt: item.created_at,
      url: item.html_url
    })).sort((a, b) => (a.mergedAt ?? a.createdAt).localeCompare(b.mergedAt ?? b.createdAt));
  }
  return board;
}

// src/github/staging-overview.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function stagingOverview(github, repo, settings) {
  const components = Object.keys(settings.config.components);
  if (components.length === 0) return [];
  const candidates = await waitingForStaging(github, repo, settings.config.stages);
  const overview = [];
  for (const state of await stagingStates(github, repo, components)) {
    if (!state.deployment) {
      overview.push({ ...state, waiting: candidates.map((candidate) => candidate.number) });
      continue;
    }
    const { sha } = state.deployment;
    const gap = await defaultBranchGap(github, repo, sha, settings.defaultBranch);
    const pulls = await containedIn(github, repo, candidates, sha, gap, settings.defaultBranch);
    overview.push({ ...state, waiting: pulls.filter((pull) => !pull.contained).map((pull) => pull.number) });
  }
  return overview;
}

// src/cli/status.ts
function age(iso, now) {
  const hours = Math.max(0, (now.getTime() - Date.parse(iso)) / 36e5);
  return hours < 48 ? `${Math.round(hours)}h` : `${Math.round(hours / 24)}d`;
}
var statusCommand = {
  summary: "the pull requests in each stage, oldest first, and what each component runs on staging",
  usage: "release-train status [--repo OWNER/NAME] [--json] [--done N] [--token T] [--api-url URL]",
  async run(args, io) {
    const { common: common2, values } = await parseCliOptions(args, io, { done: { type: "string", default: "10" } });
    const github = createGitHub(common2.token, { baseUrl: common2.apiUrl });
    const settings = await loadRepoSettings(github, common2.repo);
    const { config } = settings;
    const board = await readBoard(github, common2.repo, config.stages, {
      doneLimit: Number(values.done) || 10
    });
    const staging = await stagingOverview(github, common2.repo, settings);
    if (common2.json) {
      io.out(
        JSON.stringify(
          {
            schema: 1,
            repository: `${common2.repo.owner}/${common2.repo.repo}`,
            stages: board,
            staging: staging.map((entry) => ({
              component: entry.component,
              sha: entry.deployment?.sha ?? null,
              branch: entry.deployment?.branch ?? null,
              on_default_branch: entry.deployment ? entry.deployment.branch === settings.defaultBranch : null,
              since: entry.deployment?.since ?? null,
              deployment_id: entry.deployment?.id ?? null,
              waiting_for_staging: entry.waiting
            })),
            notices: offBranchNotices(staging, settings.defaultBranch)
          },
          null,
          2
        )
      );
      return 0;
    }
    const now = /* @__PURE__ */ new Date();
    for (const stage of STAGES) {
      const items = board[stage];
      const name = config.stages[stage].name;
      io.out(`${name} (${items.length}${stage === "done" ? " most recent" : ""})`);
      io.out(
        items.length === 0 ? "  (none)" : table(
          ["PR", "Title", "Author", "Merged", "Age"],
          items.map((item) => [
            `#${item.number}`,
            item.title,
            item.author,
            item.mergedAt ? item.mergedAt.slice(0, 10) : "open",
            age(item.mergedAt ?? item.createdAt, now)
          ])
        )
      );
      io.out("");
    }
    for (const line of stagingLines(staging, settings.defaultBranch, now)) io.out(line);
    return 0;
  }
};
function stagingLines(staging, defaultBranch, now) {
  if (staging.length === 0) return [];
  return [
    "staging",
    table(
      ["Component", "Commit", "Branch", "Since", "Waiting for staging"],
      staging.map(
        (entry) => entry.deployment ? [
          entry.component,
          shortSha(entry.deployment.sha),
          entry.deployment.branch,
          `${entry.deployment.since.slice(0, 16).replace("T", " ")} (${age(entry.deployment.since, now)} ago)`,
          String(entry.waiting.length)
        ] : [entry.component, "-", "-", "never deployed", String(entry.waiting.length)]
      )
    ),
    ...offBranchNotices(staging, defaultBranch)
  ];
}

// src/cli/main.ts
var commands = {
  labels: labelsCommand,
  plan: planCommand,
  promote: promoteCommand,
  schema: schemaCommand,
  status: statusCommand,
  doctor: doctorCommand
};
function help() {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    "release-train: stage labels, staging deploys, production promotion and rolling deploys.",
    "",
    "Usage: release-train <command> [options]",
    "",
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    "",
    "Run `release-train <command> --help` for its options."
  ].join("\n");
}
async function runCli(argv, io) {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`Unknown command "${name}".

${help()}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(`${command.summary}

Usage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (isReleaseTrainError(error)) {
      io.err(`[${error.reasonCode}] ${error.message}`);
      return 1;
    }
    io.err(error instanceof Error ? error.stack ?? error.message : String(error));
    return 1;
  }
}

// src/cli.ts
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}
`),
  err: (text) => process.stderr.write(`${text}
`),
  env: process.env,
  cwd: process.cwd()
});
