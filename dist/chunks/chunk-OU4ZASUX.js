import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  debug,
  getInput,
  group,
  info,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunk-MQQPBGEG.js";
import {
  ReleaseTrainError,
  blocks,
  code,
  isReleaseTrainError,
  readRunnerEnv,
  toResult
} from "./chunk-NWAPPGED.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/action/run-action.ts
init_define_RELEASE_TRAIN_COMMANDS();
var actionLog = {
  info: (message) => info(message),
  warning: (message) => warning(message),
  debug: (message) => debug(message),
  group: (name, body) => group(name, body),
  mask: (secret) => {
    if (secret) setSecret(secret);
  }
};
function readInputs(definition, read = (name) => getInput(name)) {
  const raw = {};
  for (const name of Object.keys(definition.inputs.shape)) {
    const value = read(name);
    if (definition.secrets?.includes(name)) actionLog.mask(value);
    raw[name] = value === "" ? void 0 : value;
  }
  const parsed = definition.inputs.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join(".") : "(inputs)";
      return `input \`${path}\`: ${issue.message}`;
    });
    throw new ReleaseTrainError("bad-input", `Invalid inputs. Nothing was changed.
${problems.join("\n")}`);
  }
  return parsed.data;
}
async function runAction(definition) {
  let dryRun = false;
  let outcome;
  try {
    const inputs = readInputs(definition);
    dryRun = inputs["dry-run"] === true;
    outcome = await definition.main({ inputs, runner: readRunnerEnv(), log: actionLog });
  } catch (error) {
    outcome = failureOutcome(error);
  }
  await finish(definition.name, outcome, dryRun);
}
function failureOutcome(error) {
  const reasonCode = isReleaseTrainError(error) ? error.reasonCode : "internal-error";
  const message = error instanceof Error ? error.message : String(error);
  if (reasonCode === "internal-error" && error instanceof Error && error.stack) debug(error.stack);
  return {
    ok: false,
    reasonCode,
    message,
    summary: blocks(`**Refused** (\`${reasonCode}\`)`, code(message)),
    details: isReleaseTrainError(error) ? error.details : {}
  };
}
async function finish(action, outcome, dryRun) {
  const result = toResult(action, outcome, dryRun);
  setOutput("result", JSON.stringify(result));
  setOutput("reason-code", outcome.reasonCode);
  for (const [name, value] of Object.entries(outcome.outputs ?? {})) setOutput(name, value);
  if (process.env.GITHUB_STEP_SUMMARY) {
    const title = `release-train ${action}${dryRun ? " (dry run)" : ""}`;
    await summary.addRaw(blocks(`## ${title}`, outcome.summary), true).write();
  }
  if (outcome.ok) info(outcome.message);
  else setFailed(`[${outcome.reasonCode}] ${outcome.message}`);
}

export {
  runAction
};
