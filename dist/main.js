import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  getInput,
  setFailed,
  setOutput
} from "./chunks/chunk-MQQPBGEG.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  define_RELEASE_TRAIN_COMMANDS_default,
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/actions/dispatch.ts
init_define_RELEASE_TRAIN_COMMANDS();
var command = getInput("command").trim();
if (!define_RELEASE_TRAIN_COMMANDS_default.includes(command)) {
  const result = {
    schema: 1,
    action: "release-train",
    ok: false,
    reason_code: "unknown-command",
    message: `Unknown command "${command}". Nothing was changed. Use one of: ${define_RELEASE_TRAIN_COMMANDS_default.join(", ")}.`,
    dry_run: false
  };
  setOutput("result", JSON.stringify(result));
  setOutput("reason-code", result.reason_code);
  setFailed(`[unknown-command] ${result.message}`);
} else {
  const entry = new URL(`./${command}.js`, import.meta.url);
  await import(entry.href);
}
