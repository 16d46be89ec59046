import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  defaultRetryPolicy,
  retryDelay
} from "./chunk-TCGWVG53.js";
import {
  ReleaseTrainError
} from "./chunk-NWAPPGED.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunk-XFQLOPQ6.js";

// src/core/notification.ts
init_define_RELEASE_TRAIN_COMMANDS();
var statusLook = {
  started: { emoji: ":rocket:", color: "#1d76db" },
  succeeded: { emoji: ":white_check_mark:", color: "#2eb886" },
  failed: { emoji: ":x:", color: "#d40e0d" }
};
function escapeChatText(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
var maxTextLength = 3e3;
var maxFieldLength = 500;
var maxFields = 20;
function clip(text, limit) {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}\u2026`;
}
function renderWebhookBody(notification) {
  const look = notification.status ? statusLook[notification.status] : void 0;
  const headline = clip(notification.title ?? firstLine(notification.text), 300);
  const text = `${look ? `${look.emoji} ` : ""}${escapeChatText(headline)}`;
  const attachment = { fallback: escapeChatText(headline) };
  if (look) attachment.color = look.color;
  if (notification.title !== void 0) attachment.title = escapeChatText(notification.title);
  if (notification.url) {
    attachment.title_link = notification.url;
    attachment.title ??= escapeChatText(headline);
  }
  const body = notification.title !== void 0 ? notification.text : restAfterFirstLine(notification.text);
  if (body.trim() !== "") attachment.text = escapeChatText(clip(body.trim(), maxTextLength));
  const fields = (notification.fields ?? []).filter((field) => field.title.trim() !== "" && field.value.trim() !== "").slice(0, maxFields);
  if (fields.length > 0) {
    attachment.fields = fields.map((field) => ({
      title: escapeChatText(field.title),
      value: escapeChatText(clip(field.value, maxFieldLength)),
      short: field.short ?? (field.value.length <= 40 && !field.value.includes("\n"))
    }));
  }
  return { text, attachments: [attachment] };
}
function firstLine(text) {
  return text.split("\n", 1)[0].trim();
}
function restAfterFirstLine(text) {
  const at = text.indexOf("\n");
  return at === -1 ? "" : text.slice(at + 1);
}

// src/notify/webhook.ts
init_define_RELEASE_TRAIN_COMMANDS();
var sleepFor = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function maskWebhookUrl(webhookUrl) {
  try {
    return `${new URL(webhookUrl).origin}/***`;
  } catch {
    return "***";
  }
}
function parseWebhookUrl(webhookUrl) {
  let url;
  try {
    url = new URL(webhookUrl.trim());
  } catch {
    throw new ReleaseTrainError(
      "bad-input",
      "The webhook URL is not a valid URL (its value is not printed: it is a secret). No message was sent."
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ReleaseTrainError(
      "bad-input",
      `The webhook URL must use https (got ${url.protocol}). No message was sent.`
    );
  }
  return url;
}
function scrub(text, url) {
  let clean = text.split(url.href).join(maskWebhookUrl(url.href));
  if (url.pathname.length > 1) clean = clean.split(url.pathname).join("/***");
  return clean;
}
async function sendNotification(webhookUrl, message, options = {}) {
  const url = parseWebhookUrl(webhookUrl);
  const destination = maskWebhookUrl(url.href);
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? sleepFor;
  const body = renderWebhookBody(message);
  const payload = JSON.stringify(body);
  for (let attempt = 1; ; attempt++) {
    let status;
    let retryAfter = null;
    let problem;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "user-agent": "release-train" },
        body: payload,
        // A redirect would drop the POST body; it is answered as a final, non-2xx status instead.
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 15e3)
      });
      const answer = (await response.text()).trim();
      if (response.ok) return { destination, status: response.status, attempts: attempt, body };
      status = response.status;
      retryAfter = response.headers.get("retry-after");
      problem = `HTTP ${status}${answer ? `: ${scrub(answer.slice(0, 200), url)}` : ""}`;
    } catch (error) {
      problem = scrub(describeFetchError(error), url);
    }
    const waitMs = retryDelay(attempt, { status, retryAfter }, policy);
    if (waitMs === void 0) {
      throw new ReleaseTrainError(
        "notification-failed",
        `The webhook at ${destination} refused the notification after ${attempt} attempt(s) (${problem}). Nothing else was changed; check the webhook URL secret and the chat service, then run again.`,
        { destination, status: status ?? null, attempts: attempt }
      );
    }
    options.log?.(`Webhook ${destination} answered ${problem}; retrying in ${Math.ceil(waitMs / 1e3)}s`);
    await sleep(waitMs);
  }
}
function describeFetchError(error) {
  if (error instanceof Error && error.name === "TimeoutError") return "no answer before the timeout";
  const cause = error.cause;
  if (cause?.code) return `connection failed (${cause.code})`;
  return `connection failed (${error instanceof Error ? error.message : String(error)})`;
}

export {
  renderWebhookBody,
  maskWebhookUrl,
  sendNotification
};
