import { createRequire as __releaseTrainRequire } from 'node:module'; const require = __releaseTrainRequire(import.meta.url); const __filename = import.meta.filename; const __dirname = import.meta.dirname;
import {
  RecipeInputError,
  agentKeyCommands,
  containerRestartCommands,
  hostLog,
  parseFingerprintPins,
  parseKnownHosts,
  pinCoversHost,
  readHostTarget,
  readPrivateKey,
  runOnFleet,
  secretLines,
  userCommands
} from "./chunks/chunk-RLIB6R3Z.js";
import {
  formatDuration,
  hostExitStatus,
  remoteOutcome
} from "./chunks/chunk-HFAHTLKM.js";
import {
  runAction
} from "./chunks/chunk-OU4ZASUX.js";
import "./chunks/chunk-MQQPBGEG.js";
import {
  ReleaseTrainError,
  blocks,
  booleanInput,
  bullets,
  details,
  durationInput,
  external_exports,
  integerInput,
  linesInput,
  listInput,
  table
} from "./chunks/chunk-NWAPPGED.js";
import "./chunks/chunk-TU6MUV7V.js";
import {
  init_define_RELEASE_TRAIN_COMMANDS
} from "./chunks/chunk-XFQLOPQ6.js";

// src/actions/remote/run.ts
init_define_RELEASE_TRAIN_COMMANDS();

// src/actions/remote/main.ts
init_define_RELEASE_TRAIN_COMMANDS();
var inputs = external_exports.object({
  hosts: listInput.pipe(external_exports.array(external_exports.string()).min(1, { message: "give at least one host" })),
  user: external_exports.string().optional(),
  "private-key": external_exports.string().min(1),
  passphrase: external_exports.string().optional(),
  "jump-host": external_exports.string().optional(),
  "known-hosts": external_exports.string().optional(),
  "host-key-fingerprints": linesInput.optional(),
  commands: linesInput.optional(),
  recipe: external_exports.enum(["container-restart", "agent-key"]).optional(),
  image: external_exports.string().optional(),
  tag: external_exports.string().optional(),
  unit: external_exports.string().optional(),
  "agent-key": external_exports.string().optional(),
  "agent-socket": external_exports.string().optional(),
  "agent-key-lifetime": durationInput.optional(),
  timeout: durationInput.default(6e5),
  "connect-timeout": durationInput.default(3e4),
  "max-parallel": integerInput.pipe(external_exports.number().int().min(1).max(64)).default(1),
  "fail-fast": booleanInput.default(true),
  "dry-run": booleanInput.default(false)
});
var remoteAction = {
  name: "remote",
  inputs,
  secrets: ["private-key", "passphrase", "agent-key"],
  async main({ inputs: inputs2, log }) {
    maskKeys(inputs2, log);
    const targets = readTargets(inputs2.hosts, inputs2.user);
    const jump = inputs2["jump-host"] ? readTargets([inputs2["jump-host"]], inputs2.user)[0] : void 0;
    const pins = readPins(inputs2);
    const commands = planCommands(inputs2);
    const user = inputs2.user ?? "";
    readPrivateKey("private-key", inputs2["private-key"], inputs2.passphrase);
    if (inputs2["dry-run"]) return dryRun(targets, jump, pins, commands, inputs2);
    const reports = await runOnFleet(
      {
        targets,
        commands,
        ...jump && { jump },
        credentials: {
          user,
          privateKey: inputs2["private-key"],
          ...inputs2.passphrase !== void 0 && { passphrase: inputs2.passphrase }
        },
        pins,
        maxParallel: inputs2["max-parallel"],
        failFast: inputs2["fail-fast"],
        commandTimeoutMs: inputs2.timeout,
        connectTimeoutMs: inputs2["connect-timeout"]
      },
      hostLog(log, inputs2["max-parallel"] === 1 || targets.length === 1)
    );
    return outcomeOf(reports, commands);
  }
};
function maskKeys(inputs2, log) {
  for (const secret of [inputs2["private-key"], inputs2["agent-key"]]) {
    if (secret) for (const line of secretLines(secret)) log.mask(line);
  }
}
function readTargets(entries, user) {
  const targets = [];
  const problems = [];
  for (const entry of entries) {
    const reading = readHostTarget(entry);
    if (!reading.ok) problems.push(reading.problem);
    else if (!reading.target.user && !user)
      problems.push(`"${entry}": no user (give \`user\` or write user@host)`);
    else targets.push(reading.target);
  }
  if (problems.length > 0) {
    throw new ReleaseTrainError("bad-input", `Invalid hosts. Nothing was sent.
${bullets(problems)}`);
  }
  return targets;
}
function readPins(inputs2) {
  const known = parseKnownHosts(inputs2["known-hosts"] ?? "");
  const printed = parseFingerprintPins(inputs2["host-key-fingerprints"] ?? []);
  const problems = [...known.problems, ...printed.problems];
  if (problems.length > 0) {
    throw new ReleaseTrainError(
      "bad-input",
      `Some pinned host keys could not be read. Nothing was sent.
${bullets(problems)}`
    );
  }
  const pins = [...known.pins, ...printed.pins];
  if (pins.length === 0) {
    throw new ReleaseTrainError(
      "host-key-missing",
      "No host key is pinned: give `known-hosts` (OpenSSH known_hosts lines) or `host-key-fingerprints` (SHA256:...). Hosts are never trusted on first use. Nothing was sent."
    );
  }
  return pins;
}
function planCommands(inputs2) {
  const commands = [];
  try {
    if (inputs2.recipe === "container-restart") {
      const missing = ["image", "tag", "unit"].filter((name) => !inputs2[name]);
      if (missing.length > 0) {
        throw new ReleaseTrainError(
          "bad-recipe-input",
          `The container-restart recipe needs ${missing.map((name) => `\`${name}\``).join(", ")}. Nothing was sent.`
        );
      }
      commands.push(
        ...containerRestartCommands({ image: inputs2.image, tag: inputs2.tag, unit: inputs2.unit })
      );
    } else if (inputs2.recipe === "agent-key") {
      if (!inputs2["agent-key"] || !inputs2["agent-socket"]) {
        throw new ReleaseTrainError(
          "bad-recipe-input",
          "The agent-key recipe needs `agent-key` (the private key to load) and `agent-socket` (SSH_AUTH_SOCK on the host). Nothing was sent."
        );
      }
      const key = readPrivateKey("agent-key", inputs2["agent-key"]);
      commands.push(
        ...agentKeyCommands({
          privateKey: inputs2["agent-key"],
          fingerprint: key.fingerprint,
          socket: inputs2["agent-socket"],
          ...inputs2["agent-key-lifetime"] !== void 0 && {
            lifetimeSeconds: Math.max(1, Math.round(inputs2["agent-key-lifetime"] / 1e3))
          }
        })
      );
    }
  } catch (error) {
    if (error instanceof RecipeInputError) {
      throw new ReleaseTrainError(
        "bad-recipe-input",
        `${error.message}. It would reach the remote shell, so nothing was sent to any host.`,
        { input: error.input }
      );
    }
    throw error;
  }
  commands.push(...userCommands(inputs2.commands ?? []));
  if (commands.length === 0) {
    throw new ReleaseTrainError(
      "bad-input",
      "Nothing to run: give `commands` or a `recipe`. Nothing was sent."
    );
  }
  return commands;
}
function pinnedFor(pins, target) {
  const covering = pins.filter((pin) => !pin.revoked && pinCoversHost(pin.hosts, target.host, target.port));
  if (covering.length === 0) return "none: would be refused";
  return covering.map((pin) => `${pin.fingerprint} (${pin.source})`).join("<br>");
}
function dryRun(targets, jump, pins, commands, inputs2) {
  const rows = [
    ...jump ? [[`${jump.label} (jump host)`, jump.user ?? inputs2.user ?? "", pinnedFor(pins, jump), "(forwards)"]] : [],
    ...targets.map((target) => [
      target.label,
      target.user ?? inputs2.user ?? "",
      pinnedFor(pins, target),
      commands.map((command) => command.shown).join("<br>")
    ])
  ];
  const unpinned = [...jump ? [jump] : [], ...targets].filter(
    (target) => pinnedFor(pins, target) === "none: would be refused"
  );
  return {
    ok: true,
    reasonCode: "dry-run",
    message: `Dry run: would run ${commands.length} command(s) on ${targets.length} host(s)${jump ? ` through ${jump.label}` : ""}, ${inputs2["max-parallel"]} at a time. Nothing was sent.${unpinned.length > 0 ? ` No key is pinned for ${unpinned.map((target) => target.label).join(", ")}: a real run would refuse.` : ""}`,
    summary: blocks(
      table(["Host", "User", "Pinned host key", "Would run"], rows),
      `Fail-fast: ${inputs2["fail-fast"] ? "on" : "off"}; max-parallel: ${inputs2["max-parallel"]}; timeout per command: ${formatDuration(inputs2.timeout)}.`
    ),
    details: {
      hosts: targets.map((target) => target.label),
      commands: commands.map((command) => command.shown)
    }
  };
}
var statusIcon = {
  succeeded: "\u2705 succeeded",
  failed: "\u274C failed",
  "timed-out": "\u23F1\uFE0F timed out",
  refused: "\u26D4 refused",
  unreachable: "\u{1F50C} unreachable",
  skipped: "\u23ED\uFE0F skipped"
};
function outcomeOf(reports, commands) {
  const outcome = remoteOutcome(reports);
  const rows = reports.map((report) => [
    report.label,
    statusIcon[report.status],
    hostExitStatus(report),
    formatDuration(report.durationMs),
    report.detail ?? ""
  ]);
  const perHost = reports.filter((report) => report.commands.length > 0).map(
    (report) => details(
      `${report.label}: ${report.commands.length} of ${commands.length} command(s) ran`,
      table(
        ["Command", "Exit status", "Duration"],
        report.commands.map((command) => [
          command.shown,
          command.timedOut ? "timeout" : command.signal ?? String(command.exitCode ?? "?"),
          formatDuration(command.durationMs)
        ])
      )
    )
  );
  const counts = Object.entries(outcome.counts).filter(([, count]) => count > 0).map(([status, count]) => `${count} ${status}`).join(", ");
  const failing = reports.find((report) => report.reasonCode === outcome.reasonCode);
  const message = outcome.ok ? `Ran ${commands.length} command(s) on ${reports.length} host(s): ${counts}.` : `${counts} of ${reports.length} host(s). ${failing?.label}: ${failing?.detail ?? outcome.reasonCode}` + (failing?.detail?.endsWith(".") ? "" : ".") + (outcome.counts.succeeded > 0 ? " Hosts that succeeded keep what they ran; fix the failure and run again." : "");
  return {
    ok: outcome.ok,
    reasonCode: outcome.reasonCode,
    message,
    summary: blocks(table(["Host", "Status", "Exit status", "Duration", "Detail"], rows), ...perHost),
    details: {
      hosts: reports.map((report) => ({
        host: report.label,
        status: report.status,
        exit_status: hostExitStatus(report),
        duration_ms: Math.round(report.durationMs),
        ...report.reasonCode && { reason_code: report.reasonCode },
        ...report.fingerprint && { host_key: report.fingerprint },
        commands: report.commands.map((command) => ({
          command: command.shown,
          exit_code: command.exitCode,
          ...command.signal && { signal: command.signal },
          timed_out: command.timedOut,
          duration_ms: Math.round(command.durationMs)
        }))
      }))
    }
  };
}

// src/actions/remote/run.ts
await runAction(remoteAction);
