import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  ACTIVE_REFRESH_STATUSES,
  Journal,
  describeRestore,
  isActive,
  midDeployAdvice,
  midDeployReport,
  observe,
  planSurge,
  pollUntil,
  runSurge,
  stability,
  watch
} from "./chunk-XT42V2U7.js";
import {
  ReleaseTrainError,
  blocks,
  bullets,
  details,
  heading,
  mermaid,
  table
} from "./chunk-NWAPPGED.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/actions/rolling-deploy/deploy-group.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/aws/refresh-deploy.ts
init_define_RELEASE_TRAIN_COMMANDS();
function isFinal(refresh) {
  return refresh !== void 0 && !ACTIVE_REFRESH_STATUSES.includes(refresh.status);
}
function describe(refresh) {
  if (!refresh) return "instance refresh not visible yet";
  const parts = [`instance refresh ${refresh.status}`];
  if (refresh.percentageComplete !== void 0) parts.push(`${refresh.percentageComplete}% complete`);
  if (refresh.instancesToUpdate !== void 0)
    parts.push(`${refresh.instancesToUpdate} instance(s) to update`);
  return parts.join(", ");
}
async function runInstanceRefresh(run, name, before, journal) {
  const deadline = run.now() + run.timeoutMs;
  let progress;
  const outcome = async (fields) => {
    const { state } = await observe(run, name);
    const after = state.instances.filter(isActive).map((instance) => instance.id);
    const beforeIds = before.instances.filter(isActive).map((instance) => instance.id);
    return {
      group: name,
      strategy: "instance-refresh",
      before: beforeIds,
      after,
      terminated: beforeIds.filter((id2) => !after.includes(id2)),
      journal,
      ...progress && { progress },
      ...fields
    };
  };
  journal.step("start instance refresh (MinHealthyPercentage 100, MaxHealthyPercentage 200)");
  const id = await run.groups.startRefresh(name);
  journal.note(`instance refresh ${id} started`);
  try {
    return await waitForRefresh();
  } catch (error) {
    journal.finish();
    return {
      group: name,
      strategy: "instance-refresh",
      ok: false,
      reasonCode: "aws-error",
      message: `${name}: lost track of instance refresh ${id} (${error.message}). It may still be running: check it with \`release-train doctor --group ${name}\`.`,
      before: before.instances.filter(isActive).map((instance) => instance.id),
      after: [],
      terminated: [],
      journal
    };
  }
  async function waitForRefresh() {
    journal.step("wait for the instance refresh");
    const watchRefresh = (until) => pollUntil(() => run.groups.refresh(name, id), isFinal, {
      deadline: until,
      intervalMs: run.pollMs,
      now: run.now,
      onValue: (refresh) => {
        progress = describe(refresh);
        journal.note(progress);
      }
    });
    const waited = await watchRefresh(deadline);
    if (waited.done) {
      journal.finish();
      const refresh = waited.value;
      if (refresh.status === "Successful") {
        return outcome({
          ok: true,
          reasonCode: "deployed",
          message: `${name}: instance refresh ${id} finished (${describe(refresh)}).`
        });
      }
      return outcome({
        ok: false,
        reasonCode: "instances-unhealthy",
        message: `${name}: instance refresh ${id} ended ${refresh.status}${refresh.statusReason ? `: ${refresh.statusReason}` : ""}. AWS keeps the instances it already replaced; the rest were not touched.`
      });
    }
    journal.step("deadline reached: cancel the instance refresh");
    const cancelled = await run.groups.cancelRefresh(name);
    const settled = cancelled ? await watchRefresh(run.now() + run.timeoutMs) : void 0;
    journal.finish();
    return outcome({
      ok: false,
      reasonCode: "instances-unhealthy",
      message: `${name}: the instance refresh did not finish in time (${progress ?? "no progress"}). ${cancelled ? `Cancelled it (${describe(settled?.value)}): AWS stops replacing and keeps the instances it already replaced.` : "It had already ended when we tried to cancel it."}`
    });
  }
}

// src/actions/rolling-deploy/deploy-group.ts
async function deployGroup(run, request) {
  const { name, strategy } = request;
  const journal = new Journal(name, run.now, request.print);
  const refused = (reasonCode, message, before = []) => {
    journal.finish();
    return {
      group: name,
      strategy,
      ok: false,
      reasonCode,
      message,
      before,
      after: before,
      terminated: [],
      journal
    };
  };
  journal.step("wait until the group is stable");
  const stable = await watch(run, name, ({ state: state2 }) => stability(state2).stable, {
    deadline: run.now() + run.timeoutMs,
    onValue: ({ state: state2 }) => journal.note(stability(state2).reason)
  });
  if (!stable.done) {
    const reason = stable.value ? stability(stable.value.state).reason : "not visible";
    return refused("group-unstable", `${name} did not settle (${reason}). Nothing was changed.`);
  }
  const { state } = await observe(run, name, { refresh: true, launchTimes: strategy !== "instance-refresh" });
  const ids2 = state.instances.filter(isActive).map((instance) => instance.id);
  const report = midDeployReport(state);
  if (report.midDeploy) return refused("group-mid-deploy", midDeployAdvice(state, report), ids2);
  if (state.desired === 0) {
    journal.finish();
    return {
      group: name,
      strategy,
      ok: true,
      reasonCode: "nothing-to-replace",
      message: `${name} has no instances (desired capacity 0); nothing to replace.`,
      before: [],
      after: [],
      terminated: [],
      journal
    };
  }
  const notServing = state.instances.filter((instance) => instance.traffic !== "serving");
  if (notServing.length > 0) {
    journal.note(
      `${notServing.length} old instance(s) not serving before the deploy (${notServing.map((i) => `${i.id}: ${i.traffic}`).join(", ")}); they go first`
    );
  }
  if (strategy === "instance-refresh") return runInstanceRefresh(run, name, state, journal);
  const plan = planSurge(state, {
    strategy,
    batch: request.batch,
    startedAt: new Date(run.now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    run: request.run
  });
  return runSurge(run, plan, state, journal);
}
function failedOutcome(name, strategy, error, journal) {
  const reasonCode = error instanceof ReleaseTrainError ? error.reasonCode : "aws-error";
  return {
    group: name,
    strategy,
    ok: false,
    reasonCode,
    message: `${name}: ${error.message}. Nothing was changed on this group.`,
    before: [],
    after: [],
    terminated: [],
    journal: journal ?? new Journal(name, Date.now)
  };
}

// src/actions/rolling-deploy/preflight.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/quorum.ts
init_define_RELEASE_TRAIN_COMMANDS();
function majority(members) {
  return Math.floor(members / 2) + 1;
}
function largestSafeBatch(members) {
  return Math.max(1, members - majority(members));
}
function batchSize(strategy, members, maxBatch) {
  const largestSafe = largestSafeBatch(members);
  if (strategy === "one-by-one") {
    const batch = maxBatch ?? 1;
    if (batch > largestSafe) {
      return {
        ok: false,
        largestSafe,
        reason: `max-batch ${batch} could take out a majority of the ${members} members (a quorum needs ${majority(members)}); use max-batch ${largestSafe} or less`
      };
    }
    return { ok: true, batch: Math.min(batch, Math.max(members, 1)) };
  }
  return { ok: true, batch: Math.max(1, Math.min(maxBatch ?? members, members)) };
}

// src/actions/rolling-deploy/preflight.ts
async function preflight(run, groups, strategy, maxBatch) {
  const looks = await Promise.all(
    groups.map(async (name) => ({
      name,
      observation: await run.observer.observe(name, {
        refresh: true,
        launchTimes: strategy !== "instance-refresh"
      })
    }))
  );
  const missing = looks.filter((look) => !look.observation).map((look) => look.name);
  if (missing.length > 0) {
    throw new ReleaseTrainError(
      "group-not-found",
      `Auto Scaling group(s) not found: ${missing.join(", ")}. Nothing was changed. Check the names and the region (${groups.length > 1 ? "all groups must be in one region" : "region input or AWS_REGION"}).`,
      { groups: missing }
    );
  }
  const ready = /* @__PURE__ */ new Map();
  for (const { name, observation } of looks) {
    const state = observation.state;
    const report = midDeployReport(state);
    if (report.midDeploy) {
      throw new ReleaseTrainError("group-mid-deploy", midDeployAdvice(state, report), {
        group: name,
        findings: report.findings.map((finding) => finding.what)
      });
    }
    const decision = batchSize(strategy, state.desired, maxBatch);
    if (!decision.ok) {
      throw new ReleaseTrainError("quorum-unsafe", `${name}: ${decision.reason}. Nothing was changed.`, {
        group: name,
        desired: state.desired,
        "largest-safe-batch": decision.largestSafe
      });
    }
    ready.set(name, { state, batch: decision.batch });
  }
  return ready;
}

// src/actions/rolling-deploy/summary.ts
init_define_RELEASE_TRAIN_COMMANDS();
function ids(list) {
  return list.length > 0 ? list.join(" ") : "\u2014";
}
function took(step) {
  const ms = (step.end ?? step.start) - step.start;
  return ms >= 1e3 ? `${(ms / 1e3).toFixed(1)}s` : `${ms}ms`;
}
function resultCell(outcome) {
  if (outcome.ok) return `\u2705 ${outcome.reasonCode}`;
  return outcome.restored ? `\u21A9\uFE0F ${outcome.reasonCode} (rolled back)` : `\u274C ${outcome.reasonCode}`;
}
function timeline(outcomes) {
  const sections = outcomes.filter((outcome) => outcome.journal.steps.length > 0).map((outcome) => {
    const tasks = outcome.journal.steps.map((step) => {
      const label = step.name.replace(/[:;#]/g, " ").slice(0, 60);
      const end = Math.max((step.end ?? step.start) + 0, step.start + 1);
      return `  ${label} :${outcome.ok ? "done" : "crit"}, ${step.start}, ${end}`;
    });
    return [`  section ${outcome.group}`, ...tasks].join("\n");
  });
  if (sections.length === 0) return void 0;
  return mermaid(["gantt", "  dateFormat x", "  axisFormat %H:%M:%S", ...sections].join("\n"));
}
function groupTable(outcomes) {
  return table(
    ["group", "strategy", "result", "progress", "before", "after"],
    outcomes.map((outcome) => [
      outcome.group,
      outcome.strategy,
      resultCell(outcome),
      outcome.progress ?? "\u2014",
      ids(outcome.before),
      ids(outcome.after)
    ])
  );
}
function groupSection(outcome) {
  const steps = table(
    ["step", "took"],
    outcome.journal.steps.map((step) => [step.name, took(step)])
  );
  return blocks(
    heading(3, outcome.group),
    outcome.message,
    outcome.terminated.length > 0 && `Terminated (in order): ${outcome.terminated.join(", ")}`,
    outcome.restored && `**Restored on rollback:** ${describeRestore(outcome.restored)}.`,
    steps,
    outcome.journal.notes.length > 0 && details(`log (${outcome.journal.notes.length} lines)`, bullets(outcome.journal.notes))
  );
}
function deploySummary(headline, outcomes) {
  return blocks(headline, groupTable(outcomes), timeline(outcomes), ...outcomes.map(groupSection));
}
function planSummary(headline, plans) {
  return blocks(headline, ...plans.map((plan) => blocks(heading(3, plan.group), bullets(plan.lines))));
}

export {
  deployGroup,
  failedOutcome,
  preflight,
  deploySummary,
  planSummary
};
