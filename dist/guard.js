import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  formatDuration
} from "./chunks/chunk-HFAHTLKM.js";
import {
  runAction
} from "./chunks/chunk-OU4ZASUX.js";
import "./chunks/chunk-MQQPBGEG.js";
import {
  ReleaseTrainError,
  blocks,
  durationInput,
  external_exports,
  mermaid,
  table
} from "./chunks/chunk-NWAPPGED.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/actions/guard/run.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/actions/guard/main.ts
init_define_RELEASE_TRAIN_COMMANDS();
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

// src/core/guard-tolerance.ts
init_define_RELEASE_TRAIN_COMMANDS();
function parseTolerance(text) {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!match) return { ok: false, problem: `"${text}" is not a tolerance such as 2% or 5` };
  const amount = Number.parseFloat(match[1]);
  if (match[2] === "%" && amount > 100)
    return { ok: false, problem: `"${text}": a percentage above 100% accepts anything` };
  return { ok: true, tolerance: { kind: match[2] === "%" ? "percent" : "absolute", amount } };
}
function describeTolerance(tolerance) {
  return tolerance.kind === "percent" ? `${tolerance.amount}%` : `\xB1${tolerance.amount}`;
}
function recoveryBounds(baseline, tolerance, direction) {
  const slack = tolerance.kind === "percent" ? Math.abs(baseline) * tolerance.amount / 100 : tolerance.amount;
  return {
    ...direction !== "at-most" && { low: baseline - slack },
    ...direction !== "at-least" && { high: baseline + slack }
  };
}
function isRecovered(value, bounds) {
  const epsilon = 1e-9 * Math.max(1, Math.abs(value));
  return (bounds.low === void 0 || value >= bounds.low - epsilon) && (bounds.high === void 0 || value <= bounds.high + epsilon);
}
function describeBounds(bounds) {
  const round = (n) => Number(n.toFixed(6)).toString();
  if (bounds.low !== void 0 && bounds.high !== void 0)
    return `between ${round(bounds.low)} and ${round(bounds.high)}`;
  if (bounds.low !== void 0) return `at least ${round(bounds.low)}`;
  return `at most ${round(bounds.high)}`;
}

// src/core/json-path.ts
init_define_RELEASE_TRAIN_COMMANDS();
function parseJsonPath(path) {
  const text = path.trim();
  const segments = [];
  let at = 0;
  if (text.startsWith("$")) at = 1;
  else if (text !== "" && !text.startsWith(".") && !text.startsWith("[")) {
    const name = /^[A-Za-z_][\w-]*/.exec(text);
    if (!name) return { ok: false, problem: `"${path}" does not start with $ or a name` };
    segments.push(name[0]);
    at = name[0].length;
  }
  while (at < text.length) {
    const rest = text.slice(at);
    const dotted = /^\.([A-Za-z_$][\w$-]*|\d+)/.exec(rest);
    const indexed = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(rest);
    if (dotted) {
      segments.push(/^\d+$/.test(dotted[1]) ? Number(dotted[1]) : dotted[1]);
      at += dotted[0].length;
    } else if (indexed) {
      segments.push(Number(indexed[1]));
      at += indexed[0].length;
    } else if (quoted) {
      segments.push((quoted[1] ?? quoted[2]).replace(/\\(.)/g, "$1"));
      at += quoted[0].length;
    } else {
      return { ok: false, problem: `"${path}" cannot be read at "${rest}" (use .name, [0] or ['name'])` };
    }
  }
  if (segments.length === 0) return { ok: false, problem: `"${path}" names no value` };
  return { ok: true, segments };
}
function formatPath(segments) {
  return `$${segments.map(
    (segment) => typeof segment === "number" ? `[${segment}]` : /^[A-Za-z_$][\w$-]*$/.test(segment) ? `.${segment}` : `['${segment.replace(/'/g, "\\'")}']`
  ).join("")}`;
}
function readNumberAt(document, segments) {
  let current = document;
  for (const [index, segment] of segments.entries()) {
    const where = formatPath(segments.slice(0, index + 1));
    if (Array.isArray(current) && typeof segment === "number") current = current[segment];
    else if (typeof current === "object" && current !== null && !Array.isArray(current))
      current = current[String(segment)];
    else return { ok: false, problem: `${formatPath(segments.slice(0, index))} is not an object or array` };
    if (current === void 0) return { ok: false, problem: `${where} is missing` };
  }
  if (typeof current === "number" && Number.isFinite(current)) return { ok: true, value: current };
  if (typeof current === "string" && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(current)) {
    return { ok: true, value: Number.parseFloat(current) };
  }
  return {
    ok: false,
    problem: `${formatPath(segments)} is ${JSON.stringify(current)?.slice(0, 60)}, not a number`
  };
}

// src/core/metric-chart.ts
init_define_RELEASE_TRAIN_COMMANDS();
function thin(points, maxPoints) {
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, i) => points[Math.round(i * step)]);
}
function number(value) {
  return Number(value.toPrecision(6)).toString();
}
function seconds(ms) {
  return ms < 1e4 ? (ms / 1e3).toFixed(1) : Math.round(ms / 1e3).toString();
}
function metricChart(title, baseline, points, maxPoints = 40) {
  if (points.length === 0) return void 0;
  const shown = thin(points, maxPoints);
  const values = shown.map((point) => point.value);
  const low = Math.min(baseline, ...values);
  const high = Math.max(baseline, ...values);
  const margin = high === low ? Math.max(1, Math.abs(high) * 0.05) : (high - low) * 0.1;
  return [
    "xychart-beta",
    `  title "${title.replace(/"/g, "'")}"`,
    `  x-axis "seconds after the deploy" [${shown.map((point) => `"${seconds(point.atMs)}"`).join(", ")}]`,
    `  y-axis "value" ${number(low - margin)} --> ${number(high + margin)}`,
    `  line [${shown.map(() => number(baseline)).join(", ")}]`,
    `  line [${values.map(number).join(", ")}]`
  ].join("\n");
}

// src/metric/endpoint.ts
init_define_RELEASE_TRAIN_COMMANDS();
function parseAuthHeader(text) {
  const named = /^([A-Za-z0-9-]+):\s*(.*)$/s.exec(text.trim());
  if (named && !/^(bearer|basic|token)$/i.test(named[1]))
    return { name: named[1], value: named[2].trim() };
  return { name: "Authorization", value: text.trim() };
}
function printableUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? "?\u2026" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}
async function readMetric(source) {
  let response;
  try {
    response = await fetch(source.url, {
      headers: {
        accept: "application/json",
        "user-agent": "release-train",
        ...source.header && { [source.header.name]: source.header.value }
      },
      redirect: "follow",
      signal: AbortSignal.timeout(source.timeoutMs)
    });
  } catch (error) {
    if (error instanceof Error && error.name === "TimeoutError")
      return { ok: false, problem: "no answer before the timeout" };
    const code = error.cause?.code;
    return { ok: false, problem: `connection failed (${code ?? error.message})` };
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) return { ok: false, problem: `HTTP ${response.status}` };
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, problem: `HTTP ${response.status} but the body is not JSON` };
  }
  return readNumberAt(document, source.segments);
}

// src/metric/watch.ts
init_define_RELEASE_TRAIN_COMMANDS();
var systemClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};
async function watchMetric(read, satisfied, options) {
  const clock = options.clock ?? systemClock;
  const start = clock.now();
  const samples = [];
  for (; ; ) {
    const reading = await read();
    const atMs = clock.now() - start;
    const sample = reading.ok ? { atMs, value: reading.value } : { atMs, problem: reading.problem };
    samples.push(sample);
    options.onSample?.(sample);
    if (reading.ok && satisfied(reading.value)) return { satisfied: true, samples };
    if (clock.now() - start + options.intervalMs > options.timeoutMs) return { satisfied: false, samples };
    await clock.sleep(options.intervalMs);
  }
}
async function readWithRetries(read, attempts, delayMs, clock = systemClock) {
  for (let attempt = 1; ; attempt++) {
    const reading = await read();
    if (reading.ok || attempt >= attempts) return { reading, attempts: attempt };
    await clock.sleep(delayMs * 2 ** (attempt - 1));
  }
}

// src/actions/guard/main.ts
var inputs = external_exports.object({
  url: external_exports.url({ protocol: /^https?$/ }),
  "auth-header": external_exports.string().optional(),
  "json-path": external_exports.string().min(1),
  phase: external_exports.enum(["before", "after"]),
  id: external_exports.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'letters, digits, "-" and "_" only' }).default("metric"),
  baseline: external_exports.string().regex(/^-?\d+(\.\d+)?$/, { message: "expected a number (the before step\u2019s `value` output)" }).transform(Number).optional(),
  tolerance: external_exports.string().default("2%"),
  direction: external_exports.enum(["at-least", "within", "at-most"]).default("at-least"),
  timeout: durationInput.default(6e5),
  interval: durationInput.default(15e3),
  "request-timeout": durationInput.default(1e4),
  name: external_exports.string().optional()
});
var guardAction = {
  name: "guard",
  inputs,
  secrets: ["auth-header"],
  async main({ inputs: inputs2, runner, log }) {
    const source = metricSource(inputs2, log);
    const label = inputs2.name ?? formatPath(source.segments);
    const stateFile = runner.runnerTemp ? join(runner.runnerTemp, `release-train-guard-${inputs2.id}.json`) : void 0;
    return inputs2.phase === "before" ? captureBaseline(inputs2, source, label, stateFile, log) : awaitRecovery(inputs2, source, label, stateFile, log);
  }
};
function metricSource(inputs2, log) {
  const path = parseJsonPath(inputs2["json-path"]);
  if (!path.ok)
    throw new ReleaseTrainError("bad-input", `input \`json-path\`: ${path.problem}. Nothing was read.`);
  const header = inputs2["auth-header"] ? parseAuthHeader(inputs2["auth-header"]) : void 0;
  if (header) log.mask(header.value);
  return {
    url: inputs2.url,
    segments: path.segments,
    timeoutMs: inputs2["request-timeout"],
    ...header && { header }
  };
}
async function captureBaseline(inputs2, source, label, stateFile, log) {
  const { reading, attempts } = await readWithRetries(() => readMetric(source), 3, 1e3);
  if (!reading.ok) {
    throw new ReleaseTrainError(
      "metric-unreadable",
      `Could not read ${label} from ${printableUrl(source.url)} (${reading.problem}, ${attempts} attempt(s)). No baseline was saved; nothing else was touched. Check the URL, \`json-path\` and \`auth-header\`, then run again before deploying.`,
      { url: printableUrl(source.url), problem: reading.problem }
    );
  }
  if (stateFile) {
    const saved = {
      schema: 1,
      id: inputs2.id,
      value: reading.value,
      url: printableUrl(source.url),
      json_path: formatPath(source.segments),
      read_at: (/* @__PURE__ */ new Date()).toISOString()
    };
    await writeFile(stateFile, `${JSON.stringify(saved, null, 2)}
`);
  } else
    log.warning(
      "RUNNER_TEMP is not set: the baseline is only in the `value` output; pass it to the after step as `baseline`."
    );
  log.info(`${label} is ${reading.value} before the deploy.`);
  return {
    ok: true,
    reasonCode: "ok",
    message: `${label} is ${reading.value}; saved as the baseline "${inputs2.id}".`,
    summary: table(
      ["Metric", "Before", "Source"],
      [[label, String(reading.value), `${printableUrl(source.url)} ${formatPath(source.segments)}`]]
    ),
    details: { phase: "before", id: inputs2.id, value: reading.value },
    outputs: { value: String(reading.value), baseline: String(reading.value) }
  };
}
async function readBaseline(inputs2, stateFile) {
  if (inputs2.baseline !== void 0) return inputs2.baseline;
  if (stateFile) {
    try {
      const saved = JSON.parse(await readFile(stateFile, "utf8"));
      if (typeof saved.value === "number") return saved.value;
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
  }
  throw new ReleaseTrainError(
    "baseline-missing",
    `No baseline "${inputs2.id}": run this action with \`phase: before\` (same \`id\`) earlier in the job, or pass its \`value\` output as \`baseline\`. Nothing was read.`
  );
}
async function awaitRecovery(inputs2, source, label, stateFile, log) {
  const tolerance = parseTolerance(inputs2.tolerance);
  if (!tolerance.ok) throw new ReleaseTrainError("bad-input", `input \`tolerance\`: ${tolerance.problem}.`);
  const baseline = await readBaseline(inputs2, stateFile);
  const bounds = recoveryBounds(baseline, tolerance.tolerance, inputs2.direction);
  const wanted = describeBounds(bounds);
  log.info(
    `Waiting up to ${formatDuration(inputs2.timeout)} for ${label} to be ${wanted} (before: ${baseline}).`
  );
  const { satisfied, samples } = await watchMetric(
    () => readMetric(source),
    (value) => isRecovered(value, bounds),
    {
      timeoutMs: inputs2.timeout,
      intervalMs: inputs2.interval,
      onSample: (sample) => log.info(`${formatDuration(sample.atMs)}: ${sample.value ?? `unreadable (${sample.problem})`}`)
    }
  );
  const readable = samples.filter(
    (sample) => sample.value !== void 0
  );
  const last = readable.at(-1)?.value;
  const summary = recoverySummary(
    label,
    baseline,
    last,
    wanted,
    tolerance.tolerance,
    inputs2,
    samples,
    readable
  );
  const details = {
    phase: "after",
    id: inputs2.id,
    baseline,
    value: last ?? null,
    bounds,
    samples: samples.map((sample) => ({ at_ms: Math.round(sample.atMs), value: sample.value ?? null }))
  };
  const outputs = { baseline: String(baseline), value: last === void 0 ? "" : String(last) };
  if (satisfied) {
    return {
      ok: true,
      reasonCode: "ok",
      message: `${label} recovered: ${last} (before: ${baseline}, needed ${wanted}) after ${formatDuration(readable.at(-1).atMs)}.`,
      summary,
      details,
      outputs
    };
  }
  const lastProblem = samples.at(-1)?.problem;
  const reasonCode = readable.length === 0 ? "metric-unreadable" : "metric-not-recovered";
  const what = readable.length === 0 ? `${label} could not be read in ${formatDuration(inputs2.timeout)} (${samples.length} attempt(s), last: ${lastProblem}).` : `${label} did not recover in ${formatDuration(inputs2.timeout)}: last ${last}${lastProblem ? ` (then unreadable: ${lastProblem})` : ""}, before ${baseline}, needed ${wanted}; lowest ${Math.min(...readable.map((s) => s.value))}, highest ${Math.max(...readable.map((s) => s.value))} over ${samples.length} reading(s).`;
  return {
    ok: false,
    reasonCode,
    message: `${what} The deploy itself was not touched: decide whether to roll back.`,
    summary,
    details,
    outputs
  };
}
function recoverySummary(label, baseline, last, wanted, tolerance, inputs2, samples, readable) {
  const unreadable = samples.length - readable.length;
  const chart = metricChart(
    label,
    baseline,
    readable.map((sample) => ({ atMs: sample.atMs, value: sample.value }))
  );
  return blocks(
    table(
      ["Metric", "Before", "After", "Needed", "Readings"],
      [
        [
          label,
          String(baseline),
          last === void 0 ? "unreadable" : String(last),
          `${wanted} (${describeTolerance(tolerance)}, ${inputs2.direction})`,
          `${samples.length}${unreadable > 0 ? ` (${unreadable} unreadable)` : ""}`
        ]
      ]
    ),
    chart && mermaid(chart),
    chart && "The flat line is the value before the deploy."
  );
}

// src/actions/guard/run.ts
await runAction(guardAction);
