import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  defaultRetryPolicy,
  retryDelay
} from "./chunks/chunk-TCGWVG53.js";
import {
  runAction
} from "./chunks/chunk-OU4ZASUX.js";
import "./chunks/chunk-MQQPBGEG.js";
import {
  ReleaseTrainError,
  blocks,
  booleanInput,
  durationInput,
  external_exports,
  listInput,
  table
} from "./chunks/chunk-NWAPPGED.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/actions/maintenance/run.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/actions/maintenance/main.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/core/maintenance-window.ts
init_define_RELEASE_TRAIN_COMMANDS();
var markerKey = "release_train";
function windowMarker(incident) {
  const marker = incident.metadata?.[markerKey];
  if (typeof marker !== "object" || marker === null) return void 0;
  const window = marker.window;
  return typeof window === "string" ? window : void 0;
}
function defaultWindowId(name, runId) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 48);
  return `${slug || "maintenance"}${runId ? `-run-${runId}` : ""}`;
}
var active = /* @__PURE__ */ new Set(["in_progress", "verifying"]);
function findWindow(incidents, windowId) {
  const ours = incidents.filter((incident) => windowMarker(incident) === windowId);
  const newest = (list) => [...list].sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? ""))[0];
  return newest(ours.filter((incident) => active.has(incident.status))) ?? newest(ours.filter((incident) => incident.status === "scheduled")) ?? newest(ours.filter((incident) => incident.status === "completed"));
}
function findHandMadeWindow(incidents, name) {
  return incidents.find(
    (incident) => windowMarker(incident) === void 0 && incident.name === name && (incident.status === "scheduled" || active.has(incident.status))
  );
}
function planMaintenance(phase, window, handMade) {
  switch (phase) {
    case "schedule":
      if (window)
        return { kind: "nothing", incident: window, why: `the window is already ${readable(window.status)}` };
      return { kind: "create", status: "scheduled", why: "no window with this id yet" };
    case "start": {
      const open = window && window.status !== "completed" ? window : handMade ?? void 0;
      if (open && active.has(open.status)) {
        return { kind: "nothing", incident: open, why: `the window is already ${readable(open.status)}` };
      }
      if (open)
        return { kind: "update", incident: open, status: "in_progress", why: "the scheduled window begins" };
      return {
        kind: "create",
        status: "in_progress",
        why: window ? "the window with this id was completed; a new one opens (a rerun)" : "no window was scheduled"
      };
    }
    case "complete": {
      const open = window && window.status !== "completed" ? window : handMade ?? void 0;
      if (open)
        return {
          kind: "update",
          incident: open,
          status: "completed",
          why: `the window was ${readable(open.status)}`
        };
      if (window) return { kind: "nothing", incident: window, why: "the window is already completed" };
      return {
        kind: "refuse",
        reasonCode: "maintenance-not-found",
        why: "there is no window with this id (or an open one with this name) to complete"
      };
    }
  }
}
function readable(status) {
  return status.replace(/_/g, " ");
}

// src/statuspage/client.ts
init_define_RELEASE_TRAIN_COMMANDS();
var StatuspageClient = class {
  constructor(options) {
    this.options = options;
    this.base = `${options.apiUrl.replace(/\/+$/, "")}/pages/${encodeURIComponent(options.pageId)}`;
    this.policy = { ...defaultRetryPolicy, ...options.retry };
  }
  options;
  /** Requests sent, retries included: the figure the benchmarks and tests count. */
  requests = 0;
  base;
  policy;
  /** Scheduled, in-progress and (searching by name) recent windows, each once. */
  async windowCandidates(name) {
    const lists = [
      await this.request("GET", "/incidents/scheduled?per_page=100"),
      await this.request("GET", "/incidents/active_maintenance?per_page=100"),
      await this.request("GET", `/incidents?q=${encodeURIComponent(name)}&limit=100`)
    ];
    const byId = /* @__PURE__ */ new Map();
    for (const incident of lists.flat())
      if (incident?.id && !byId.has(incident.id)) byId.set(incident.id, incident);
    return [...byId.values()];
  }
  createIncident(fields) {
    return this.request("POST", "/incidents", { incident: fields });
  }
  updateIncident(id, fields) {
    return this.request("PATCH", `/incidents/${encodeURIComponent(id)}`, {
      incident: fields
    });
  }
  async request(method, path, body) {
    const write = method !== "GET";
    for (let attempt = 1; ; attempt++) {
      this.requests++;
      let status;
      let retryAfter = null;
      let problem;
      try {
        const response = await fetch(`${this.base}${path}`, {
          method,
          headers: {
            authorization: `OAuth ${this.options.apiKey}`,
            accept: "application/json",
            "user-agent": "release-train",
            ...body !== void 0 && { "content-type": "application/json" }
          },
          ...body !== void 0 && { body: JSON.stringify(body) },
          signal: AbortSignal.timeout(3e4)
        });
        const text = await response.text();
        if (response.ok) return text ? JSON.parse(text) : void 0;
        status = response.status;
        retryAfter = response.headers.get("retry-after");
        problem = `HTTP ${status}${text ? `: ${text.slice(0, 300)}` : ""}`;
      } catch (error) {
        const code = error.cause?.code;
        problem = `connection failed (${code ?? error.message})`;
      }
      const rateLimited = status === 420 || status === 429;
      const retryable = write ? rateLimited : true;
      const waitMs = retryable ? retryDelay(attempt, { status: status === 420 ? 429 : status, retryAfter }, this.policy) : void 0;
      if (waitMs === void 0) {
        throw new ReleaseTrainError(
          "statuspage-failed",
          `Statuspage answered ${method} ${path.split("?")[0]} with ${problem}.` + (write ? " The window may or may not have changed; running the step again finds it by its marker." : " Nothing was changed."),
          { method, path: path.split("?")[0], status: status ?? null }
        );
      }
      this.options.log?.(
        `Statuspage answered ${method} ${path.split("?")[0]} with ${problem}; retrying in ${Math.ceil(waitMs / 1e3)}s`
      );
      await (this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(waitMs);
    }
  }
};

// src/actions/maintenance/main.ts
var inputs = external_exports.object({
  phase: external_exports.enum(["schedule", "start", "complete"]),
  "page-id": external_exports.string().regex(/^[A-Za-z0-9]+$/, { message: "expected a Statuspage page id" }),
  "api-key": external_exports.string().min(1),
  "api-url": external_exports.url({ protocol: /^https?$/ }).default("https://api.statuspage.io/v1"),
  name: external_exports.string().min(1).max(200),
  "window-id": external_exports.string().regex(/^[A-Za-z0-9._-]{1,100}$/, { message: 'letters, digits, ".", "-" and "_" only' }).optional(),
  "component-ids": listInput.optional(),
  "starts-at": external_exports.iso.datetime({ offset: true }).optional(),
  duration: durationInput.default(36e5),
  message: external_exports.string().optional(),
  "notify-subscribers": booleanInput.default(true),
  "dry-run": booleanInput.default(false)
});
var defaultMessages = {
  schedule: "Scheduled maintenance.",
  start: "Maintenance is in progress.",
  complete: "Maintenance is complete."
};
var maintenanceAction = {
  name: "maintenance",
  inputs,
  secrets: ["api-key"],
  async main({ inputs: inputs2, runner, log }) {
    const now = currentTime();
    const windowId = inputs2["window-id"] ?? defaultWindowId(inputs2.name, runner.runId);
    const statuspage = new StatuspageClient({
      apiUrl: inputs2["api-url"],
      apiKey: inputs2["api-key"],
      pageId: inputs2["page-id"],
      log: (line) => log.warning(line)
    });
    const candidates = await statuspage.windowCandidates(inputs2.name);
    const window = findWindow(candidates, windowId);
    const handMade = findHandMadeWindow(candidates, inputs2.name);
    const step = planMaintenance(inputs2.phase, window, handMade);
    if (step.kind === "refuse") {
      throw new ReleaseTrainError(
        step.reasonCode,
        `Cannot ${inputs2.phase} maintenance "${inputs2.name}" (window ${windowId}): ${step.why}. Nothing was changed on the status page. Give the \`window-id\` the schedule or start step used.`,
        { window_id: windowId }
      );
    }
    const fields = step.kind === "nothing" ? void 0 : incidentFields(step, inputs2, windowId, now);
    if (inputs2["dry-run"]) {
      return outcome(
        inputs2,
        windowId,
        step,
        step.kind === "nothing" ? step.incident : void 0,
        fields,
        true,
        statuspage.requests
      );
    }
    let incident;
    if (step.kind === "create") incident = await statuspage.createIncident(fields);
    else if (step.kind === "update") incident = await statuspage.updateIncident(step.incident.id, fields);
    else incident = step.incident;
    return outcome(inputs2, windowId, step, incident, fields, false, statuspage.requests);
  }
};
function currentTime() {
  const fixed = process.env.RELEASE_TRAIN_NOW;
  if (fixed) {
    const parsed = new Date(fixed);
    if (Number.isNaN(parsed.getTime()))
      throw new ReleaseTrainError("bad-input", `RELEASE_TRAIN_NOW="${fixed}" is not a time.`);
    return parsed;
  }
  return /* @__PURE__ */ new Date();
}
function incidentFields(step, inputs2, windowId, now) {
  const body = inputs2.message ?? defaultMessages[inputs2.phase];
  const componentIds = inputs2["component-ids"] ?? (step.kind === "update" ? (step.incident.components ?? []).map((component) => component.id) : []);
  const componentStatus = step.status === "completed" ? "operational" : "under_maintenance";
  const components = step.status === "scheduled" ? void 0 : Object.fromEntries(componentIds.map((id) => [id, componentStatus]));
  if (step.kind === "update") {
    return {
      status: step.status,
      body,
      deliver_notifications: inputs2["notify-subscribers"],
      ...componentIds.length > 0 && { component_ids: componentIds, components }
    };
  }
  const startsAt = step.status === "scheduled" && inputs2["starts-at"] ? new Date(inputs2["starts-at"]) : now;
  return {
    name: inputs2.name,
    status: step.status,
    impact_override: "maintenance",
    scheduled_for: startsAt.toISOString(),
    scheduled_until: new Date(startsAt.getTime() + inputs2.duration).toISOString(),
    // release-train moves the window itself; Statuspage must not start or end it on the clock.
    scheduled_auto_in_progress: false,
    scheduled_auto_completed: false,
    scheduled_remind_prior: step.status === "scheduled",
    body,
    deliver_notifications: inputs2["notify-subscribers"],
    metadata: { [markerKey]: { window: windowId } },
    ...componentIds.length > 0 && { component_ids: componentIds, ...components && { components } }
  };
}
function outcome(inputs2, windowId, step, incident, fields, dryRun, requests) {
  const before = step.kind === "create" ? "(none)" : readable(step.incident.status);
  const after = step.kind === "nothing" ? before : readable(step.status);
  const did = step.kind === "create" ? `${dryRun ? "would create" : "created"} the window as ${readable(step.status)}` : step.kind === "update" ? `${dryRun ? "would move" : "moved"} the window from ${before} to ${after}` : "left the window as it is";
  const link = incident?.shortlink ? ` (${incident.shortlink})` : "";
  const message = `Maintenance "${inputs2.name}" (window ${windowId}): ${did}, since ${step.why}.${link}${dryRun ? " Nothing was changed." : ""}`;
  const scheduledFor = fields?.scheduled_for ?? incident?.scheduled_for ?? "";
  const scheduledUntil = fields?.scheduled_until ?? incident?.scheduled_until ?? "";
  const components = fields?.component_ids ?? (incident?.components ?? []).map((component) => component.id);
  return {
    ok: true,
    reasonCode: dryRun ? "dry-run" : step.kind === "nothing" ? "already-done" : "ok",
    message,
    summary: blocks(
      table(
        ["Window", "Status", "Change", "Scheduled", "Components"],
        [
          [
            `${inputs2.name}${incident?.shortlink ? ` ([link](${incident.shortlink}))` : ""}<br>\`${windowId}\``,
            before === after ? after : `${before} \u2192 ${after}`,
            did,
            scheduledFor ? `${scheduledFor} \u2192 ${scheduledUntil}` : "",
            components.join(", ")
          ]
        ]
      ),
      `${requests} Statuspage request(s).`
    ),
    details: {
      phase: inputs2.phase,
      window_id: windowId,
      incident_id: incident?.id ?? null,
      status: step.kind === "nothing" ? step.incident.status : step.status,
      change: step.kind
    },
    outputs: { "incident-id": incident?.id ?? "", "window-id": windowId }
  };
}

// src/actions/maintenance/run.ts
await runAction(maintenanceAction);
