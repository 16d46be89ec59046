import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/core/retry-delay.ts
init_define_RELEASE_TRAIN_COMMANDS();
var defaultRetryPolicy = { maxAttempts: 4, baseDelayMs: 1e3, maxDelayMs: 3e4 };
function isRetryable(outcome) {
  return outcome.status === void 0 || outcome.status === 429 || outcome.status >= 500;
}
function retryDelay(attempt, outcome, policy = defaultRetryPolicy, nowMs = Date.now()) {
  if (!isRetryable(outcome) || attempt >= policy.maxAttempts) return void 0;
  const told = retryAfterMs(outcome.retryAfter, nowMs);
  if (told !== void 0) return told <= policy.maxDelayMs ? told : void 0;
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}
function retryAfterMs(header, nowMs = Date.now()) {
  if (header === null || header === void 0 || header.trim() === "") return void 0;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number.parseFloat(trimmed) * 1e3);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - nowMs);
}

export {
  defaultRetryPolicy,
  retryDelay
};
