import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  deployGroup,
  deploySummary,
  failedOutcome,
  preflight
} from "./chunks/chunk-L6DU7W3G.js";
import {
  openRepoRun
} from "./chunks/chunk-GKQKOONC.js";
import {
  checkComponent,
  containedIn,
  defaultBranchGap,
  movesToTesting,
  planStagingDeploy,
  rideAlong,
  unknownRef,
  waitingForStaging
} from "./chunks/chunk-4ZTKLD2U.js";
import {
  connectAws,
  createDeployRun,
  resolveRegion
} from "./chunks/chunk-XT42V2U7.js";
import "./chunks/chunk-3FY2IZH4.js";
import {
  STAGING_ACTIONS,
  STAGING_ENVIRONMENT,
  componentStaging,
  deployInProgress,
  offBranchNotices,
  openStagingDeployment,
  readStagingDeployment,
  recordDeploymentState,
  resolveRef,
  shortSha,
  stagingStates
} from "./chunks/chunk-UESJ4F6C.js";
import {
  formatIssue,
  moveToStage,
  requestStats,
  resolveIssueLinks
} from "./chunks/chunk-Q5EG6WYO.js";
import {
  hostLog,
  parseFingerprintPins,
  parseKnownHosts,
  readHostTarget,
  readPrivateKey,
  runOnFleet,
  secretLines,
  userCommands
} from "./chunks/chunk-RLIB6R3Z.js";
import {
  formatDuration,
  hostExitStatus,
  remoteOutcome
} from "./chunks/chunk-HFAHTLKM.js";
import {
  runAction
} from "./chunks/chunk-OU4ZASUX.js";
import "./chunks/chunk-MQQPBGEG.js";
import {
  ReleaseTrainError,
  blocks,
  booleanInput,
  bullets,
  code,
  durationInput,
  external_exports,
  heading,
  integerInput,
  linesInput,
  mermaid,
  table
} from "./chunks/chunk-NWAPPGED.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/actions/deploy-staging/run.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/actions/deploy-staging/main.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/deploy-recipe.ts
init_define_RELEASE_TRAIN_COMMANDS();
function recipeFor(component, environment) {
  return component[environment] ?? { kind: "workflow" };
}
function runsInProcess(recipe) {
  return recipe.kind !== "workflow";
}
function checkPhase(component, recipe, phase) {
  if (phase === "finish") return { ok: true };
  if (phase === "all" && !runsInProcess(recipe)) {
    return {
      ok: false,
      reasonCode: "wrong-phase",
      message: `${component} deploys with your own workflow steps (its recipe is "workflow"), so this action cannot run it in one go. Nothing was changed. Use phase "start", then your deploy steps, then phase "finish" with the deployment id and \${{ job.status }} (see workflows/deploy-staging.yml), or give ${component} a rolling-deploy or remote recipe in .github/release-train.yml.`
    };
  }
  if (phase === "start" && runsInProcess(recipe)) {
    return {
      ok: false,
      reasonCode: "wrong-phase",
      message: `${component} deploys with a ${recipe.kind} recipe, which this action runs itself. Nothing was changed. Use phase "all" (the default), or set its recipe to kind "workflow" to run your own steps between "start" and "finish".`
    };
  }
  return { ok: true };
}
function expandRecipeCommand(command, values) {
  return command.replaceAll("{sha}", values.sha).replaceAll("{short-sha}", values.sha.slice(0, 7)).replaceAll("{component}", values.component);
}
function checkQuorumStrategy(component, quorum, strategy) {
  if (!quorum || strategy === "one-by-one") return { ok: true };
  return {
    ok: false,
    reasonCode: "quorum-unsafe",
    message: `${component} is a quorum service (quorum: true), but its rolling-deploy recipe uses strategy "${strategy}", which could replace a majority of its members at once. Nothing was changed. Set \`strategy: one-by-one\` (and \`max-batch\` below a majority, if more than 1).`
  };
}

// src/deploy/recipe-runner.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/deploy/remote-runner.ts
init_define_RELEASE_TRAIN_COMMANDS();
var remoteRunner = {
  kind: "remote",
  prepare(recipe, context) {
    const { ssh } = context;
    const where = `${context.component}'s ${context.environment} recipe (remote)`;
    if (!ssh.privateKey) {
      throw new ReleaseTrainError(
        "bad-input",
        `${where} needs the input \`private-key\` to log in to its hosts. Nothing was changed.`
      );
    }
    readPrivateKey("private-key", ssh.privateKey, ssh.passphrase);
    const known = parseKnownHosts(ssh.knownHosts ?? "");
    const printed = parseFingerprintPins(ssh.hostKeyFingerprints ?? []);
    const problems = [...known.problems, ...printed.problems];
    if (problems.length > 0) {
      throw new ReleaseTrainError(
        "bad-input",
        `Some pinned host keys could not be read. Nothing was changed.
${bullets(problems)}`
      );
    }
    const pins = [...known.pins, ...printed.pins];
    if (pins.length === 0) {
      throw new ReleaseTrainError(
        "host-key-missing",
        `${where} needs its hosts' keys pinned: give \`known-hosts\` or \`host-key-fingerprints\`. Hosts are never trusted on first use. Nothing was changed.`
      );
    }
    const targets = [];
    for (const entry of recipe.hosts) {
      const reading = readHostTarget(entry);
      if (!reading.ok)
        throw new ReleaseTrainError("bad-config", `${where}: ${reading.problem}. Nothing was changed.`);
      if (!reading.target.user && !recipe.user) {
        throw new ReleaseTrainError(
          "bad-config",
          `${where}: host "${entry}" has no user; write user@host or set \`user\` in the recipe. Nothing was changed.`
        );
      }
      targets.push(reading.target);
    }
    const commands = userCommands(
      recipe.commands.map(
        (command) => expandRecipeCommand(command, { sha: context.sha, component: context.component })
      )
    );
    return {
      description: `${commands.length} command(s) on ${targets.map((target) => target.label).join(", ")}`,
      async run(log) {
        const reports = await runOnFleet(
          {
            targets,
            commands,
            credentials: {
              user: recipe.user ?? "",
              privateKey: ssh.privateKey,
              ...ssh.passphrase !== void 0 && { passphrase: ssh.passphrase }
            },
            pins,
            maxParallel: 1,
            failFast: true,
            commandTimeoutMs: context.timeoutMs ?? 6e5,
            connectTimeoutMs: 3e4
          },
          hostLog(log, true)
        );
        const outcome = remoteOutcome(reports);
        const failing = reports.find((report) => report.status !== "succeeded");
        return {
          ok: outcome.ok,
          message: outcome.ok ? `ran ${commands.length} command(s) on ${reports.length} host(s)` : `${outcome.reasonCode} on ${failing?.label ?? "a host"}: ${failing?.detail ?? "see the log"}`,
          summary: table(
            ["Host", "Status", "Exit status", "Duration", "Detail"],
            reports.map((report) => [
              report.label,
              report.status,
              hostExitStatus(report),
              formatDuration(report.durationMs),
              report.detail ?? ""
            ])
          ),
          details: {
            hosts: reports.map((report) => ({ host: report.label, status: report.status })),
            recipe_reason_code: outcome.reasonCode
          }
        };
      }
    };
  }
};

// src/deploy/rolling-runner.ts
init_define_RELEASE_TRAIN_COMMANDS();
var rollingRunner = {
  kind: "rolling-deploy",
  prepare(recipe, context) {
    const quorum = checkQuorumStrategy(context.component, context.quorum, recipe.strategy);
    if (!quorum.ok) throw new ReleaseTrainError(quorum.reasonCode, quorum.message);
    resolveRegion(recipe.region);
    const groups = [...new Set(recipe.groups)];
    let run;
    let ready;
    const connect = () => {
      run ??= createDeployRun(connectAws({ region: recipe.region }), {
        pollMs: context.pollMs ?? 15e3,
        timeoutMs: context.timeoutMs ?? 30 * 6e4
      });
      return run;
    };
    return {
      description: `${recipe.strategy} of ${groups.join(", ")}`,
      async preflight() {
        ready = await preflight(connect(), groups, recipe.strategy, recipe["max-batch"]);
      },
      async run(log) {
        const deployRun = connect();
        ready ??= await preflight(deployRun, groups, recipe.strategy, recipe["max-batch"]);
        const outcomes = [];
        for (const name of groups) {
          if (outcomes.some((outcome) => !outcome.ok)) {
            const failed = outcomes.find((outcome) => !outcome.ok).group;
            outcomes.push(
              failedOutcome(
                name,
                recipe.strategy,
                new ReleaseTrainError("skipped", `not started because ${failed} failed`)
              )
            );
            continue;
          }
          try {
            outcomes.push(
              await deployGroup(deployRun, {
                name,
                strategy: recipe.strategy,
                batch: ready.get(name).batch,
                run: context.runId,
                print: (line) => log.info(line)
              })
            );
          } catch (error) {
            outcomes.push(failedOutcome(name, recipe.strategy, error));
          }
        }
        const failures = outcomes.filter((outcome) => !outcome.ok);
        const ok = failures.length === 0;
        return {
          ok,
          message: ok ? `${recipe.strategy} of ${groups.join(", ")} replaced every instance` : failures.map((outcome) => `${outcome.group}: ${outcome.reasonCode}`).join(", "),
          summary: deploySummary(
            ok ? `**Rolled** ${groups.join(", ")} (${recipe.strategy}).` : `**Failed**: ${failures.map((outcome) => `${outcome.group} (\`${outcome.reasonCode}\`)`).join(", ")}.`,
            outcomes
          ),
          details: {
            recipe_reason_code: ok ? "deployed" : failures[0].reasonCode,
            groups: outcomes.map((outcome) => ({
              group: outcome.group,
              ok: outcome.ok,
              reason_code: outcome.reasonCode,
              before: outcome.before,
              after: outcome.after
            }))
          }
        };
      }
    };
  }
};

// src/deploy/recipe-runner.ts
var recipeRunners = {
  remote: remoteRunner,
  "rolling-deploy": rollingRunner
};
function runnerFor(recipe) {
  if (recipe.kind === "workflow") return void 0;
  return recipeRunners[recipe.kind];
}

// src/github/marked-comment.ts
init_define_RELEASE_TRAIN_COMMANDS();
async function commentOnce(github, target, marker, body, dryRun) {
  const tag = `<!-- ${marker} -->`;
  const repo = { owner: target.owner, repo: target.repo };
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...repo,
    issue_number: target.number,
    per_page: 100
  });
  if (comments.some((comment) => comment.body?.includes(tag))) return "already-there";
  if (dryRun) return "would-post";
  await github.rest.issues.createComment({ ...repo, issue_number: target.number, body: `${body}

${tag}` });
  return "posted";
}

// src/actions/deploy-staging/summary.ts
init_define_RELEASE_TRAIN_COMMANDS();
function headline(picture) {
  const what = picture.action === "switch-branch" ? `switch-branch to ${picture.branch}` : "update";
  return heading(3, `staging/${picture.component}: ${what} (${picture.ref} @ ${shortSha(picture.sha)})`);
}
function warningsBlock(warnings) {
  return warnings.map((warning) => `> [!WARNING]
> ${warning}`).join("\n\n");
}
function deployDiagram(picture, moving, riding) {
  const from = picture.fromSha ? `staging/${picture.component}<br/>${shortSha(picture.fromSha)} (${picture.fromBranch})` : `staging/${picture.component}<br/>(never deployed)`;
  const label = `${moving} PR(s) to testing, ${riding} riding along`;
  return mermaid(
    `flowchart LR
  now["${from}"] -->|"${label}"| next["${shortSha(picture.sha)} (${picture.branch})"]`
  );
}
function pullsTable(title, pulls, change, empty) {
  if (pulls.length === 0) return empty ? `${title}: ${empty}` : "";
  return blocks(
    `**${title}**`,
    table(
      ["PR", "Title", "Merge commit", "Stage"],
      pulls.map((pull) => [
        `#${pull.number}`,
        pull.title,
        pull.mergeSha ? shortSha(pull.mergeSha) : "?",
        change
      ])
    )
  );
}
function ridingTable(riding, directPushes, stages) {
  if (riding === void 0)
    return "First staging deploy of this component: everything up to this commit goes out.";
  const pushes = directPushes > 0 ? `${directPushes} commit(s) without a pull request (direct pushes) ride along too.` : "";
  if (riding.length === 0) return blocks("**Riding along:** no PR of another stage.", pushes);
  return blocks(
    "**Riding along** (PRs of other stages between what staging runs and this commit)",
    table(
      ["PR", "Title", "Stage"],
      riding.map((pull) => [
        `#${pull.number}`,
        pull.title,
        pull.stage ? stages[pull.stage].name : "no stage label"
      ])
    ),
    pushes
  );
}
function stagingNow(states, defaultBranch) {
  if (states.length === 0) return "";
  const rows = states.map(
    (state) => state.deployment ? [
      state.component,
      shortSha(state.deployment.sha),
      state.deployment.branch,
      state.deployment.since,
      state.deployment.runUrl ? `[run](${state.deployment.runUrl})` : ""
    ] : [state.component, "-", "-", "never deployed", ""]
  );
  const notices = offBranchNotices(states, defaultBranch);
  return blocks(
    heading(3, "Staging now"),
    table(["Component", "Commit", "Branch", "Since", "Deployed by"], rows),
    notices.length > 0 && bullets(notices.map((notice) => `:warning: ${notice}`))
  );
}

// src/actions/deploy-staging/main.ts
var inputs = external_exports.object({
  "github-token": external_exports.string({ message: "a token is required (github-token)" }),
  action: external_exports.enum(STAGING_ACTIONS).default("update"),
  component: external_exports.string().optional(),
  ref: external_exports.string().optional(),
  phase: external_exports.enum(["all", "start", "finish"]).default("all"),
  status: external_exports.enum(["success", "failure", "cancelled"]).optional(),
  "deployment-id": integerInput.optional(),
  "private-key": external_exports.string().optional(),
  passphrase: external_exports.string().optional(),
  "known-hosts": external_exports.string().optional(),
  "host-key-fingerprints": linesInput.optional(),
  timeout: durationInput.optional(),
  "poll-interval": durationInput.optional(),
  "dry-run": booleanInput.default(false)
});
var deployStagingAction = {
  name: "deploy-staging",
  inputs,
  secrets: ["github-token", "private-key", "passphrase"],
  async main(ctx) {
    for (const line of secretLines(ctx.inputs["private-key"] ?? "")) ctx.log.mask(line);
    const run = await openRepoRun(ctx);
    if (ctx.inputs.phase === "finish") return finishPhase(run);
    const { name, component, recipe } = componentToDeploy(run, ctx.inputs.phase);
    const plan = await planDeploy(run, name, component, recipe);
    if (run.dryRun) return planned(run, plan, recipe);
    const id = await openDeployment(run, plan);
    if (ctx.inputs.phase === "start") return started(run, plan, id, await stagingNowOf(run));
    const report = await runRecipe(run, plan, recipe);
    return conclude(run, { ...plan, id }, report.ok ? "success" : "failure", report, plan);
  }
};
function componentToDeploy(run, phase) {
  const name = run.ctx.inputs.component?.trim() ?? "";
  if (!name) {
    throw new ReleaseTrainError("bad-input", "The input `component` is required. Nothing was changed.");
  }
  const check = checkComponent(name, run.settings.config.components);
  if (check.kind === "refuse") throw new ReleaseTrainError(check.reasonCode, check.message);
  const recipe = recipeFor(check.component, "staging");
  const fit = checkPhase(name, recipe, phase);
  if (!fit.ok)
    throw new ReleaseTrainError(fit.reasonCode, fit.message, { component: name, recipe: recipe.kind });
  if (phase === "all" && !runnerFor(recipe)) {
    throw new ReleaseTrainError(
      "recipe-unavailable",
      `${name}'s staging recipe is "${recipe.kind}", which this version of release-train cannot run in-process yet. Nothing was changed. Use kind "workflow" and run it with your own steps between phase "start" and "finish".`,
      { component: name, recipe: recipe.kind }
    );
  }
  return { name, component: check.component, recipe };
}
async function planDeploy(run, component, componentConfig, recipe) {
  const { github, repo, settings, ctx } = run;
  const refName = ctx.inputs.ref?.trim() || settings.defaultBranch;
  const resolved = await resolveRef(github, repo, refName);
  if (!resolved) {
    const refusal = unknownRef(refName);
    throw new ReleaseTrainError(refusal.reasonCode, refusal.message, { component, ref: refName });
  }
  const prepared = ctx.inputs.phase === "all" ? runnerFor(recipe).prepare(recipe, {
    component,
    environment: "staging",
    sha: resolved.sha,
    ref: refName,
    quorum: componentConfig.quorum,
    runId: ctx.runner.runId,
    ...ctx.inputs.timeout !== void 0 && { timeoutMs: ctx.inputs.timeout },
    ...ctx.inputs["poll-interval"] !== void 0 && { pollMs: ctx.inputs["poll-interval"] },
    ssh: {
      privateKey: ctx.inputs["private-key"],
      passphrase: ctx.inputs.passphrase,
      knownHosts: ctx.inputs["known-hosts"],
      hostKeyFingerprints: ctx.inputs["host-key-fingerprints"]
    }
  }) : void 0;
  const { current, blocking } = await componentStaging(github, repo, component);
  if (blocking) throw inProgress(run, blocking);
  await prepared?.preflight?.();
  const gap = await defaultBranchGap(github, repo, resolved.sha, settings.defaultBranch);
  const candidates = await waitingForStaging(github, repo, settings.config.stages);
  const waiting = await containedIn(github, repo, candidates, resolved.sha, gap, settings.defaultBranch);
  const riding = current ? await rideAlong(
    github,
    repo,
    current.sha,
    resolved.sha,
    candidates.map((candidate) => candidate.number),
    settings.config.stages
  ) : void 0;
  const decision = planStagingDeploy({
    request: { action: ctx.inputs.action, component, ref: refName },
    resolved: { ...resolved, onDefaultBranch: gap.onDefaultBranch },
    defaultBranch: settings.defaultBranch,
    waiting,
    rideAlong: riding?.pulls,
    current
  });
  if (decision.kind === "refuse") {
    throw new ReleaseTrainError(decision.reasonCode, decision.message, {
      component,
      ref: refName,
      sha: resolved.sha
    });
  }
  for (const warning of decision.plan.warnings) ctx.log.warning(warning);
  return { ...decision.plan, candidates, directPushes: riding?.directPushes ?? 0, prepared };
}
function inProgress(run, blocking) {
  const { owner, repo } = run.repo;
  const by = blocking.runUrl ? ` (${blocking.runUrl})` : "";
  return new ReleaseTrainError(
    "deploy-in-progress",
    [
      `Deployment ${blocking.id} of ${blocking.component} (${blocking.ref} @ ${shortSha(blocking.sha)}) has been in progress since ${blocking.since}${by}. Nothing was changed.`,
      "Deploys of one component run one at a time: wait for it to finish, then run this again.",
      `If that run is no longer running, mark its deployment failed first: gh api --method POST repos/${owner}/${repo}/deployments/${blocking.id}/statuses -f state=error -f description=abandoned`
    ].join("\n"),
    { component: blocking.component, blocking_deployment_id: blocking.id }
  );
}
async function openDeployment(run, plan) {
  const { github, repo, ctx } = run;
  const payload = {
    component: plan.component,
    action: plan.action,
    ref: plan.ref,
    branch: plan.branch,
    run_url: ctx.runner.runUrl
  };
  const description = `${plan.action} ${plan.component} to ${plan.ref} @ ${shortSha(plan.sha)}`;
  const id = await openStagingDeployment(github, repo, {
    component: plan.component,
    sha: plan.sha,
    payload,
    description,
    logUrl: ctx.runner.runUrl
  });
  ctx.log.info(`Opened deployment ${id}: ${description} (${STAGING_ENVIRONMENT}, in progress).`);
  const older = await deployInProgress(github, repo, plan.component, id);
  if (older) {
    await recordDeploymentState(
      github,
      repo,
      id,
      "error",
      `not deployed: deployment ${older.id} started first`,
      ctx.runner.runUrl
    );
    throw inProgress(run, older);
  }
  return id;
}
async function runRecipe(run, plan, recipe) {
  run.ctx.log.info(
    `${recipe.kind} recipe of ${plan.component} @ ${shortSha(plan.sha)}: ${plan.prepared.description}`
  );
  try {
    return await plan.prepared.run(run.ctx.log);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `${recipe.kind} failed: ${message}`, summary: code(message) };
  }
}
function planBlocks(run, plan, change) {
  const stages = run.settings.config.stages;
  return blocks(
    headline({ ...plan, fromSha: plan.current?.sha, fromBranch: plan.current?.branch }),
    warningsBlock(plan.warnings),
    deployDiagram(
      { ...plan, fromSha: plan.current?.sha, fromBranch: plan.current?.branch },
      plan.take.length,
      plan.rideAlong?.length ?? 0
    ),
    pullsTable(
      "Taken to staging",
      plan.take,
      change,
      "none of the PRs waiting for staging is in this commit"
    ),
    pullsTable(
      `Still ${stages["waiting-for-staging"].name} (not in this commit)`,
      plan.leave,
      "stays",
      void 0
    ),
    ridingTable(plan.rideAlong, plan.directPushes, stages)
  );
}
function planDetails(plan) {
  return {
    ...deployedDetails(plan),
    pull_requests: plan.take.map((pull) => pull.number),
    left_waiting: plan.leave.map((pull) => pull.number),
    riding_along: plan.rideAlong?.map((pull) => pull.number) ?? null,
    direct_pushes: plan.directPushes,
    staging_before: plan.current ? { sha: plan.current.sha, branch: plan.current.branch } : null,
    warnings: plan.warnings
  };
}
function planOutputs(plan, id) {
  return {
    "deployment-id": id === void 0 ? "" : String(id),
    sha: plan.sha,
    prs: JSON.stringify(plan.take.map((pull) => pull.number))
  };
}
async function planned(run, plan, recipe) {
  const states = await stagingStates(run.github, run.repo, Object.keys(run.settings.config.components));
  return {
    ok: true,
    reasonCode: "dry-run",
    message: `Dry run: would ${plan.action} staging/${plan.component} to ${plan.ref} @ ${shortSha(plan.sha)} with its ${recipe.kind} recipe${plan.prepared ? ` (${plan.prepared.description})` : ""} and move ${plan.take.length} PR(s) to testing. Nothing was changed.`,
    summary: blocks(
      planBlocks(run, plan, "would move to testing"),
      stagingNow(states, run.settings.defaultBranch)
    ),
    details: {
      ...planDetails(plan),
      phase: run.ctx.inputs.phase,
      github_requests: requestStats(run.github).requests
    },
    outputs: planOutputs(plan, void 0)
  };
}
async function stagingNowOf(run) {
  const states = await stagingStates(run.github, run.repo, Object.keys(run.settings.config.components));
  return stagingNow(states, run.settings.defaultBranch);
}
function started(run, plan, id, now) {
  return {
    ok: true,
    reasonCode: "deploy-started",
    message: `Deployment ${id} opened: ${plan.action} staging/${plan.component} to ${plan.ref} @ ${shortSha(plan.sha)}. Run your deploy steps on ${plan.sha}, then this action with phase "finish", deployment-id ${id} and the job's status.`,
    summary: blocks(
      planBlocks(run, plan, "moves to testing when the deploy succeeds"),
      `Deployment **${id}** is in progress; your deploy steps run next on \`${plan.sha}\`.`,
      now
    ),
    details: { ...planDetails(plan), phase: "start", deployment_id: id },
    outputs: planOutputs(plan, id)
  };
}
async function finishPhase(run) {
  const { inputs: inputs2 } = run.ctx;
  const id = inputs2["deployment-id"];
  if (id === void 0) {
    if (run.dryRun) {
      return {
        ok: true,
        reasonCode: "dry-run",
        message: "Dry run: phase start opened no deployment, so there is nothing to finish. Nothing was changed.",
        summary: "Dry run: nothing to finish."
      };
    }
    throw new ReleaseTrainError(
      "bad-input",
      "Phase finish needs `deployment-id` (the `deployment-id` output of phase start). Nothing was changed."
    );
  }
  if (!inputs2.status) {
    throw new ReleaseTrainError(
      "bad-input",
      `Phase finish needs \`status\`: success, failure or cancelled (pass \${{ job.status }}). Nothing was changed.`
    );
  }
  const deployment = await readStagingDeployment(run.github, run.repo, id);
  if (!deployment) {
    throw new ReleaseTrainError(
      "unknown-deployment",
      `Deployment ${id} is not a staging deployment opened by release-train in this repository. Nothing was changed; pass the \`deployment-id\` output of phase start.`,
      { deployment_id: id }
    );
  }
  if (inputs2.component && inputs2.component !== deployment.component) {
    throw new ReleaseTrainError(
      "bad-input",
      `Deployment ${id} deploys ${deployment.component}, not ${inputs2.component}. Nothing was changed.`,
      { deployment_id: id }
    );
  }
  const wanted = inputs2.status === "success" ? "success" : "failure";
  const already = deployment.progress;
  if (already === "succeeded" && wanted === "failure" || already === "failed" && wanted === "success") {
    throw new ReleaseTrainError(
      "deployment-finished",
      `Deployment ${id} already ended as ${already}; it cannot become ${wanted}. Nothing was changed. Start a new deploy.`,
      { deployment_id: id }
    );
  }
  const report = inputs2.status === "success" ? { ok: true, message: "your deploy steps succeeded", summary: "" } : { ok: false, message: `your deploy steps ended with status ${inputs2.status}`, summary: "" };
  return conclude(run, deployment, wanted, report, void 0, already !== "unfinished");
}
async function conclude(run, deployed, outcome, report, plan, recorded = false) {
  const { github, repo, ctx, settings } = run;
  const state = outcome === "success" ? "success" : ctx.inputs.status === "cancelled" ? "error" : "failure";
  if (!recorded && deployed.id !== void 0 && !run.dryRun) {
    await recordDeploymentState(github, repo, deployed.id, state, report.message, ctx.runner.runUrl);
  }
  const where = `staging/${deployed.component} (${deployed.ref} @ ${shortSha(deployed.sha)})`;
  if (outcome === "failure") {
    const states2 = await stagingStates(github, repo, Object.keys(settings.config.components));
    return {
      ok: false,
      reasonCode: "deploy-failed",
      message: `The deploy of ${where} failed: ${report.message}. Deployment ${deployed.id} is marked ${state}; every stage label was left where it was. Fix the cause and run the deploy again.`,
      summary: blocks(
        plan ? planBlocks(run, plan, "stays (deploy failed)") : headlineOf(deployed),
        `**Deploy failed**: ${report.message}. Deployment ${deployed.id} is marked \`${state}\`; no label was changed.`,
        report.summary,
        stagingNow(states2, settings.defaultBranch)
      ),
      details: {
        ...plan ? planDetails(plan) : deployedDetails(deployed),
        deployment_id: deployed.id,
        pull_requests: [],
        ...report.details && { recipe: report.details }
      },
      outputs: { "deployment-id": String(deployed.id ?? ""), sha: deployed.sha, prs: "[]" }
    };
  }
  const taken = await pullsTaken(run, deployed, plan);
  const moves = await moveTaken(run, deployed, taken, plan === void 0);
  const states = await stagingStates(github, repo, Object.keys(settings.config.components));
  const notices = offBranchNotices(states, settings.defaultBranch);
  for (const notice of notices) ctx.log.warning(notice);
  return {
    ok: true,
    reasonCode: "deployed",
    message: `Deployed ${where}${deployed.id === void 0 ? "" : ` (deployment ${deployed.id})`}; ${taken.length} PR(s) moved to ${settings.config.stages.testing.name}.`,
    summary: blocks(
      plan ? planBlocks(run, plan, settings.config.stages.testing.name) : headlineOf(deployed),
      `**Deployed**: ${report.message}.${deployed.id === void 0 ? "" : ` Deployment ${deployed.id} is marked \`success\`.`} ${taken.length} PR(s) moved to ${settings.config.stages.testing.name}.`,
      report.summary,
      movesTable(run, moves),
      stagingNow(states, settings.defaultBranch)
    ),
    details: {
      ...plan ? planDetails(plan) : deployedDetails(deployed),
      deployment_id: deployed.id,
      pull_requests: taken.map((pull) => pull.number),
      moves: moves.map((move) => ({
        target: formatIssue(move.target, repo),
        kind: move.kind,
        added: move.added,
        removed: move.removed,
        comment: move.comment
      })),
      staging: states.map((entry) => ({
        component: entry.component,
        sha: entry.deployment?.sha ?? null,
        branch: entry.deployment?.branch ?? null,
        since: entry.deployment?.since ?? null
      })),
      ...report.details && { recipe: report.details },
      github_requests: requestStats(github).requests
    },
    outputs: planOutputs({ sha: deployed.sha, take: taken }, deployed.id)
  };
}
function headlineOf(deployed) {
  return headline({ ...deployed, fromSha: void 0, fromBranch: void 0 });
}
function deployedDetails(deployed) {
  return {
    component: deployed.component,
    deploy_action: deployed.action,
    ref: deployed.ref,
    sha: deployed.sha,
    branch: deployed.branch
  };
}
async function pullsTaken(run, deployed, plan) {
  const { github, repo, settings } = run;
  const candidates = plan?.candidates ?? await waitingForStaging(github, repo, settings.config.stages);
  const waiting = plan ? plan.take : await containedIn(
    github,
    repo,
    candidates,
    deployed.sha,
    await defaultBranchGap(github, repo, deployed.sha, settings.defaultBranch),
    settings.defaultBranch
  );
  const byNumber = new Map(candidates.map((candidate) => [candidate.number, candidate]));
  return waiting.filter((pull) => pull.contained).map((pull) => ({ ...pull, candidate: byNumber.get(pull.number) }));
}
async function moveTaken(run, deployed, taken, labelsAreFresh) {
  const { github, repo, settings, ctx } = run;
  const { stages } = settings.config;
  const commitUrl = `${ctx.runner.serverUrl}/${repo.owner}/${repo.repo}/commit/${deployed.sha}`;
  const moves = [];
  for (const pull of taken) {
    const target = { ...repo, number: pull.number };
    const labels = labelsAreFresh ? pull.candidate.labels : await currentLabels(github, target);
    if (!movesToTesting("pull request", labels, stages)) continue;
    const comment = await commentOnce(
      github,
      target,
      `release-train:deploy-staging component=${deployed.component} sha=${deployed.sha}`,
      `Deployed to **${STAGING_ENVIRONMENT}** (\`${deployed.component}\`) with commit [\`${shortSha(deployed.sha)}\`](${commitUrl})${ctx.runner.runUrl ? ` in [this run](${ctx.runner.runUrl})` : ""}. This pull request is now in **${stages.testing.name}**.`,
      run.dryRun
    );
    const move = await moveToStage(github, target, "pull request", "testing", stages, {
      dryRun: run.dryRun,
      currentLabels: labels
    });
    moves.push({ ...move, comment });
    const links = await resolveIssueLinks(github, repo, pull.candidate);
    for (const issue of links.issues) {
      if (!movesToTesting("issue", issue.labels, stages)) continue;
      const issueMove = await moveToStage(github, issue, "issue", "testing", stages, {
        dryRun: run.dryRun,
        currentLabels: issue.labels
      });
      moves.push({ ...issueMove, comment: "" });
    }
  }
  return moves;
}
async function currentLabels(github, target) {
  const labels = await github.paginate(github.rest.issues.listLabelsOnIssue, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100
  });
  return labels.map((label) => label.name);
}
function movesTable(run, moves) {
  if (moves.length === 0) return "";
  return table(
    ["Item", "Labels", "Comment"],
    moves.map((move) => [
      `${move.kind === "issue" ? "issue" : "PR"} ${formatIssue(move.target, run.repo)}`,
      [...move.added.map((name) => `+ ${name}`), ...move.removed.map((name) => `- ${name}`)].join(", ") || "already there",
      move.comment
    ])
  );
}

// src/actions/deploy-staging/run.ts
await runAction(deployStagingAction);
