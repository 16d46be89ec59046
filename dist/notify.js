import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  maskWebhookUrl,
  renderWebhookBody,
  sendNotification
} from "./chunks/chunk-HWTIFFZA.js";
import "./chunks/chunk-TCGWVG53.js";
import {
  runAction
} from "./chunks/chunk-OU4ZASUX.js";
import "./chunks/chunk-MQQPBGEG.js";
import {
  ReleaseTrainError,
  blocks,
  booleanInput,
  code,
  details,
  external_exports,
  integerInput,
  linesInput,
  table
} from "./chunks/chunk-NWAPPGED.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/actions/notify/run.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/actions/notify/main.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/result-notification.ts
init_define_RELEASE_TRAIN_COMMANDS();
function readStepResult(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `it is not JSON (${error.message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problem: "it is not a JSON object" };
  }
  const result = value;
  if (result.schema !== 1)
    return { ok: false, problem: `its schema is ${String(result.schema)}, expected 1` };
  for (const key of ["action", "reason_code", "message"]) {
    if (typeof result[key] !== "string") return { ok: false, problem: `it has no string "${key}"` };
  }
  if (typeof result.ok !== "boolean") return { ok: false, problem: 'it has no boolean "ok"' };
  return { ok: true, result };
}
var contractKeys = /* @__PURE__ */ new Set(["schema", "action", "ok", "reason_code", "message", "dry_run"]);
var maxDetailFields = 8;
function label(key) {
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
function notificationFromResult(result, link) {
  const outcome = result.ok ? "succeeded" : "failed";
  const fields = [];
  if (!result.ok || result.reason_code !== "ok") fields.push({ title: "Reason", value: result.reason_code });
  if (result.dry_run) fields.push({ title: "Dry run", value: "yes, nothing was changed" });
  for (const [key, value] of Object.entries(result)) {
    if (contractKeys.has(key) || fields.length >= maxDetailFields) continue;
    if (typeof value === "string" && value !== "") fields.push({ title: label(key), value });
    else if (typeof value === "number" || typeof value === "boolean")
      fields.push({ title: label(key), value: String(value) });
  }
  return {
    title: `release-train ${result.action} ${outcome}${result.dry_run ? " (dry run)" : ""}`,
    text: result.message,
    status: result.ok ? "succeeded" : "failed",
    fields,
    ...link ? { url: link } : {}
  };
}

// src/actions/notify/main.ts
var inputs = external_exports.object({
  "webhook-url": external_exports.string().min(1),
  text: external_exports.string().optional(),
  title: external_exports.string().optional(),
  status: external_exports.enum(["started", "succeeded", "failed"]).optional(),
  fields: linesInput.optional(),
  url: external_exports.url({ protocol: /^https?$/ }).optional(),
  result: external_exports.string().optional(),
  "max-attempts": integerInput.pipe(external_exports.number().int().min(1).max(10)).default(4),
  "dry-run": booleanInput.default(false)
});
var notifyAction = {
  name: "notify",
  inputs,
  secrets: ["webhook-url"],
  async main({ inputs: inputs2, runner, log }) {
    const message = composeMessage(inputs2, runner.runUrl);
    const destination = maskWebhookUrl(inputs2["webhook-url"]);
    if (inputs2["dry-run"]) {
      return {
        ok: true,
        reasonCode: "dry-run",
        message: `Dry run: would post "${message.title ?? message.text.split("\n")[0]}" to ${destination}. Nothing was sent.`,
        summary: messageSummary(message, destination, "not sent (dry run)"),
        details: { destination, sent: false }
      };
    }
    const delivery = await sendNotification(inputs2["webhook-url"], message, {
      retry: { maxAttempts: inputs2["max-attempts"] },
      log: (line) => log.warning(line)
    });
    return {
      ok: true,
      reasonCode: "ok",
      message: `Posted the notification to ${destination} (HTTP ${delivery.status}, ${delivery.attempts} attempt(s)).`,
      summary: messageSummary(
        message,
        destination,
        `sent (HTTP ${delivery.status}, ${delivery.attempts} attempt(s))`
      ),
      details: { destination, sent: true, http_status: delivery.status, attempts: delivery.attempts }
    };
  }
};
function composeMessage(inputs2, runUrl) {
  let base;
  if (inputs2.result !== void 0) {
    const reading = readStepResult(inputs2.result);
    if (!reading.ok) {
      throw new ReleaseTrainError(
        "bad-input",
        `input \`result\` is not a release-train result: ${reading.problem}. No message was sent; pass \${{ steps.<id>.outputs.result }}.`
      );
    }
    base = notificationFromResult(reading.result, runUrl || void 0);
  }
  const text = inputs2.text ?? base?.text;
  if (text === void 0 || text.trim() === "") {
    throw new ReleaseTrainError(
      "bad-input",
      "Give `text` or a previous step's `result` to notify about. No message was sent."
    );
  }
  const fields = [...base?.fields ?? [], ...(inputs2.fields ?? []).map(parseField)];
  const title = inputs2.title ?? base?.title;
  const status = inputs2.status ?? base?.status;
  const url = inputs2.url ?? base?.url ?? (runUrl || void 0);
  return {
    text,
    ...title !== void 0 && { title },
    ...status !== void 0 && { status },
    ...fields.length > 0 && { fields },
    ...url !== void 0 && { url }
  };
}
function parseField(line) {
  const at = line.indexOf(":");
  if (at <= 0) {
    throw new ReleaseTrainError(
      "bad-input",
      `input \`fields\`: "${line}" is not "Name: value". No message was sent.`
    );
  }
  return { title: line.slice(0, at).trim(), value: line.slice(at + 1).trim() };
}
function messageSummary(message, destination, delivery) {
  const rows = [
    ["Destination", destination],
    ["Delivery", delivery],
    ["Status", message.status ?? "(none)"],
    ["Title", message.title ?? "(none)"],
    ["Text", message.text],
    ...(message.fields ?? []).map((field) => [`Field: ${field.title}`, field.value])
  ];
  return blocks(
    table(["", "Message"], rows),
    details("Webhook body", code(JSON.stringify(renderWebhookBody(message), null, 2), "json"))
  );
}

// src/actions/notify/run.ts
await runAction(notifyAction);
