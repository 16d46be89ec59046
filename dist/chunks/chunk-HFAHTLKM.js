import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/core/remote-outcome.ts
init_define_RELEASE_TRAIN_COMMANDS();
function commandSucceeded(command) {
  return command.exitCode === 0 && !command.timedOut && command.missingOutput === void 0;
}
function hostExitStatus(report) {
  const failing = report.commands.find((command) => !commandSucceeded(command));
  const shown = failing ?? report.commands.at(-1);
  if (!shown) return report.status === "succeeded" ? "0" : "-";
  if (shown.timedOut) return "timeout";
  if (shown.signal) return shown.signal;
  return shown.exitCode === null ? "?" : String(shown.exitCode);
}
var severity = [
  "host-key-mismatch",
  "host-key-revoked",
  "host-key-missing",
  "auth-failed",
  "host-unreachable",
  "command-timeout",
  "command-failed"
];
function remoteOutcome(reports) {
  const counts = {
    succeeded: 0,
    failed: 0,
    "timed-out": 0,
    refused: 0,
    unreachable: 0,
    skipped: 0
  };
  for (const report of reports) counts[report.status]++;
  const codes = reports.map((report) => report.reasonCode).filter((code) => code !== void 0);
  const worst = severity.find((code) => codes.includes(code)) ?? codes[0];
  const ok = counts.succeeded === reports.length && reports.length > 0;
  return { ok, reasonCode: ok ? "ok" : worst ?? "command-failed", counts };
}
function formatDuration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  if (ms < 6e4) return `${(ms / 1e3).toFixed(1)}s`;
  const minutes = Math.floor(ms / 6e4);
  return `${minutes}m${Math.round(ms % 6e4 / 1e3).toString().padStart(2, "0")}s`;
}

export {
  commandSucceeded,
  hostExitStatus,
  remoteOutcome,
  formatDuration
};
