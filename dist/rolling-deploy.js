import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  deployGroup,
  deploySummary,
  failedOutcome,
  planSummary,
  preflight
} from "./chunks/chunk-L6DU7W3G.js";
import {
  connectAws,
  createDeployRun,
  planSurge
} from "./chunks/chunk-XT42V2U7.js";
import "./chunks/chunk-3FY2IZH4.js";
import {
  runAction
} from "./chunks/chunk-OU4ZASUX.js";
import "./chunks/chunk-MQQPBGEG.js";
import {
  ReleaseTrainError,
  booleanInput,
  durationInput,
  external_exports,
  integerInput,
  listInput
} from "./chunks/chunk-NWAPPGED.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/actions/rolling-deploy/run.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/actions/rolling-deploy/main.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/actions/rolling-deploy/dry-run.ts
init_define_RELEASE_TRAIN_COMMANDS();
function describePlan(state, strategy, batch) {
  const serving = state.instances.filter((instance) => instance.traffic === "serving").length;
  const lines = [
    `desired ${state.desired} (min ${state.min}, max ${state.max}); ${serving} of ${state.instances.length} instance(s) serving`
  ];
  if (state.desired === 0) return [...lines, "no instances: nothing to replace"];
  if (strategy === "instance-refresh") {
    return [
      ...lines,
      `StartInstanceRefresh with MinHealthyPercentage 100 and MaxHealthyPercentage 200: AWS launches replacements before it terminates ${state.desired} old instance(s)`
    ];
  }
  const plan = planSurge(state, { strategy, batch, startedAt: "", run: "" });
  lines.push(
    `record the deploy on the group; protect ${plan.protect.length} old instance(s) from scale in; suspend ${plan.suspend.join(", ") || "nothing (already suspended)"}`
  );
  if (plan.maxSize > state.max) lines.push(`raise max ${state.max} -> ${plan.maxSize} for the deploy`);
  plan.batches.forEach((ids, index) => {
    lines.push(
      `${plan.batches.length > 1 ? `batch ${index + 1}: ` : ""}desired ${state.desired} -> ${state.desired + ids.length}, wait until the load balancer shows the new instances in service, then deregister, drain and terminate ${ids.join(", ")}`
    );
  });
  lines.push(`restore max ${state.max} and the suspended processes; delete the deploy record`);
  return lines;
}

// src/actions/rolling-deploy/main.ts
var inputs = external_exports.object({
  group: external_exports.string().trim().min(1).optional(),
  groups: listInput.optional(),
  strategy: external_exports.enum(["surge", "one-by-one", "instance-refresh"]).default("surge"),
  "max-batch": integerInput.pipe(external_exports.number().int().positive()).optional(),
  "max-parallel": integerInput.pipe(external_exports.number().int().positive()).default(4),
  timeout: durationInput.default(30 * 6e4),
  "poll-interval": durationInput.default(15e3),
  region: external_exports.string().trim().min(1).optional(),
  endpoint: external_exports.url().optional(),
  "dry-run": booleanInput.default(false)
});
function groupsOf(inputs2) {
  const names = [...inputs2.group ? [inputs2.group] : [], ...inputs2.groups ?? []];
  if (names.length === 0) {
    throw new ReleaseTrainError(
      "bad-input",
      "Name the Auto Scaling group(s) in `group` or `groups`. Nothing was changed."
    );
  }
  if (inputs2.strategy === "instance-refresh" && inputs2["max-batch"] !== void 0) {
    throw new ReleaseTrainError(
      "bad-input",
      "`max-batch` does not apply to instance-refresh (AWS replaces with MinHealthyPercentage 100, MaxHealthyPercentage 200). Nothing was changed."
    );
  }
  return [...new Set(names)];
}
async function deployAll(names, limit, deploy, strategy) {
  const outcomes = /* @__PURE__ */ new Map();
  const queue = [...names];
  let failed;
  const worker = async () => {
    for (let name = queue.shift(); name !== void 0; name = queue.shift()) {
      if (failed) {
        outcomes.set(
          name,
          failedOutcome(
            name,
            strategy,
            new ReleaseTrainError("skipped", `not started because ${failed} failed`)
          )
        );
        continue;
      }
      let outcome;
      try {
        outcome = await deploy(name);
      } catch (error) {
        outcome = failedOutcome(name, strategy, error);
      }
      outcomes.set(name, outcome);
      if (!outcome.ok) failed ??= name;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, names.length) }, worker));
  return names.map((name) => outcomes.get(name));
}
var rollingDeployAction = {
  name: "rolling-deploy",
  inputs,
  async main({ inputs: inputs2, log, runner }) {
    const names = groupsOf(inputs2);
    const strategy = inputs2.strategy;
    const aws = connectAws({ region: inputs2.region, endpoint: inputs2.endpoint });
    const run = createDeployRun(aws, { pollMs: inputs2["poll-interval"], timeoutMs: inputs2.timeout });
    const ready = await preflight(run, names, strategy, inputs2["max-batch"]);
    if (inputs2["dry-run"]) {
      const plans = names.map((name) => {
        const { state, batch } = ready.get(name);
        return { group: name, lines: describePlan(state, strategy, batch) };
      });
      return {
        ok: true,
        reasonCode: "dry-run",
        message: `Dry run: planned a ${strategy} of ${names.join(", ")}. Nothing was changed.`,
        summary: planSummary(
          `**Dry run**: ${strategy} of ${names.length} group(s); nothing was changed.`,
          plans
        ),
        details: { strategy, groups: plans }
      };
    }
    const outcomes = await deployAll(
      names,
      inputs2["max-parallel"],
      (name) => deployGroup(run, {
        name,
        strategy,
        batch: ready.get(name).batch,
        run: runner.runId,
        print: (line) => log.info(line)
      }),
      strategy
    );
    const failures = outcomes.filter((outcome) => !outcome.ok);
    const ok = failures.length === 0;
    const headline = ok ? `**Deployed** ${names.join(", ")} (${strategy}${names.length > 1 ? `, max-parallel ${inputs2["max-parallel"]}` : ""}).` : `**Failed**: ${failures.map((outcome) => `${outcome.group} (\`${outcome.reasonCode}\`)`).join(", ")}.`;
    const replaced = Object.fromEntries(
      outcomes.map((outcome) => [outcome.group, { old: outcome.before, new: outcome.after }])
    );
    return {
      ok,
      reasonCode: ok ? "deployed" : failures[0].reasonCode,
      message: ok ? outcomes.map((outcome) => outcome.message).join("\n") : failures.map((outcome) => outcome.message).join("\n"),
      summary: deploySummary(headline, outcomes),
      details: {
        strategy,
        requests: aws.stats.requests,
        groups: outcomes.map((outcome) => ({
          group: outcome.group,
          strategy: outcome.strategy,
          ok: outcome.ok,
          reason_code: outcome.reasonCode,
          message: outcome.message,
          before: outcome.before,
          after: outcome.after,
          terminated: outcome.terminated,
          ...outcome.progress && { progress: outcome.progress },
          ...outcome.restored && { restored: outcome.restored }
        }))
      },
      outputs: { replaced: JSON.stringify(replaced) }
    };
  }
};

// src/actions/rolling-deploy/run.ts
await runAction(rollingDeployAction);
