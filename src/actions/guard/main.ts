import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ReleaseTrainError } from '../../action/failure.js';
import { durationInput } from '../../action/input-types.js';
import { blocks, mermaid, table } from '../../action/markdown.js';
import type { ActionOutcome } from '../../action/result.js';
import type { ActionDefinition, ActionLog } from '../../action/run-action.js';
import {
  describeBounds,
  describeTolerance,
  isRecovered,
  parseTolerance,
  recoveryBounds,
  type Tolerance,
} from '../../core/guard-tolerance.js';
import { formatPath, parseJsonPath } from '../../core/json-path.js';
import { metricChart } from '../../core/metric-chart.js';
import { formatDuration } from '../../core/remote-outcome.js';
import { type MetricSource, parseAuthHeader, printableUrl, readMetric } from '../../metric/endpoint.js';
import { readWithRetries, type Sample, watchMetric } from '../../metric/watch.js';

const inputs = z.object({
  url: z.url({ protocol: /^https?$/ }),
  'auth-header': z.string().optional(),
  'json-path': z.string().min(1),
  phase: z.enum(['before', 'after']),
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'letters, digits, "-" and "_" only' })
    .default('metric'),
  baseline: z
    .string()
    .regex(/^-?\d+(\.\d+)?$/, { message: 'expected a number (the before step’s `value` output)' })
    .transform(Number)
    .optional(),
  tolerance: z.string().default('2%'),
  direction: z.enum(['at-least', 'within', 'at-most']).default('at-least'),
  timeout: durationInput.default(600_000),
  interval: durationInput.default(15_000),
  'request-timeout': durationInput.default(10_000),
  name: z.string().optional(),
});

type Inputs = z.output<typeof inputs>;

interface SavedBaseline {
  schema: 1;
  id: string;
  value: number;
  url: string;
  json_path: string;
  read_at: string;
}

export const guardAction: ActionDefinition<typeof inputs> = {
  name: 'guard',
  inputs,
  secrets: ['auth-header'],
  async main({ inputs, runner, log }): Promise<ActionOutcome> {
    // 1. where the metric is and how it is read
    const source = metricSource(inputs, log);
    const label = inputs.name ?? formatPath(source.segments);
    const stateFile = runner.runnerTemp
      ? join(runner.runnerTemp, `release-train-guard-${inputs.id}.json`)
      : undefined;
    return inputs.phase === 'before'
      ? captureBaseline(inputs, source, label, stateFile, log)
      : awaitRecovery(inputs, source, label, stateFile, log);
  },
};

function metricSource(inputs: Inputs, log: ActionLog): MetricSource {
  const path = parseJsonPath(inputs['json-path']);
  if (!path.ok)
    throw new ReleaseTrainError('bad-input', `input \`json-path\`: ${path.problem}. Nothing was read.`);
  const header = inputs['auth-header'] ? parseAuthHeader(inputs['auth-header']) : undefined;
  if (header) log.mask(header.value);
  return {
    url: inputs.url,
    segments: path.segments,
    timeoutMs: inputs['request-timeout'],
    ...(header && { header }),
  };
}

// The runbook's "note the number of online devices" before the deploy.
async function captureBaseline(
  inputs: Inputs,
  source: MetricSource,
  label: string,
  stateFile: string | undefined,
  log: ActionLog,
): Promise<ActionOutcome> {
  // 2. read the value now (a few tries: a baseline must be a real reading)
  const { reading, attempts } = await readWithRetries(() => readMetric(source), 3, 1000);
  if (!reading.ok) {
    throw new ReleaseTrainError(
      'metric-unreadable',
      `Could not read ${label} from ${printableUrl(source.url)} (${reading.problem}, ${attempts} attempt(s)). ` +
        'No baseline was saved; nothing else was touched. Check the URL, `json-path` and `auth-header`, then run again before deploying.',
      { url: printableUrl(source.url), problem: reading.problem },
    );
  }
  // 3. save it for the after step (an output, and a file under RUNNER_TEMP keyed by id)
  if (stateFile) {
    const saved: SavedBaseline = {
      schema: 1,
      id: inputs.id,
      value: reading.value,
      url: printableUrl(source.url),
      json_path: formatPath(source.segments),
      read_at: new Date().toISOString(),
    };
    await writeFile(stateFile, `${JSON.stringify(saved, null, 2)}\n`);
  } else
    log.warning(
      'RUNNER_TEMP is not set: the baseline is only in the `value` output; pass it to the after step as `baseline`.',
    );
  log.info(`${label} is ${reading.value} before the deploy.`);
  return {
    ok: true,
    reasonCode: 'ok',
    message: `${label} is ${reading.value}; saved as the baseline "${inputs.id}".`,
    summary: table(
      ['Metric', 'Before', 'Source'],
      [[label, String(reading.value), `${printableUrl(source.url)} ${formatPath(source.segments)}`]],
    ),
    details: { phase: 'before', id: inputs.id, value: reading.value },
    outputs: { value: String(reading.value), baseline: String(reading.value) },
  };
}

async function readBaseline(inputs: Inputs, stateFile: string | undefined): Promise<number> {
  if (inputs.baseline !== undefined) return inputs.baseline;
  if (stateFile) {
    try {
      const saved = JSON.parse(await readFile(stateFile, 'utf8')) as Partial<SavedBaseline>;
      if (typeof saved.value === 'number') return saved.value;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new ReleaseTrainError(
    'baseline-missing',
    `No baseline "${inputs.id}": run this action with \`phase: before\` (same \`id\`) earlier in the job, or pass its \`value\` output as \`baseline\`. Nothing was read.`,
  );
}

// The runbook's "check the number came back" after the deploy.
async function awaitRecovery(
  inputs: Inputs,
  source: MetricSource,
  label: string,
  stateFile: string | undefined,
  log: ActionLog,
): Promise<ActionOutcome> {
  const tolerance = parseTolerance(inputs.tolerance);
  if (!tolerance.ok) throw new ReleaseTrainError('bad-input', `input \`tolerance\`: ${tolerance.problem}.`);
  // 2. the value before, and what counts as recovered
  const baseline = await readBaseline(inputs, stateFile);
  const bounds = recoveryBounds(baseline, tolerance.tolerance, inputs.direction);
  const wanted = describeBounds(bounds);
  log.info(
    `Waiting up to ${formatDuration(inputs.timeout)} for ${label} to be ${wanted} (before: ${baseline}).`,
  );
  // 3. poll until it is back, or time runs out
  const { satisfied, samples } = await watchMetric(
    () => readMetric(source),
    (value) => isRecovered(value, bounds),
    {
      timeoutMs: inputs.timeout,
      intervalMs: inputs.interval,
      onSample: (sample) =>
        log.info(`${formatDuration(sample.atMs)}: ${sample.value ?? `unreadable (${sample.problem})`}`),
    },
  );
  // 4. the verdict, with the numbers
  const readable = samples.filter(
    (sample): sample is Sample & { value: number } => sample.value !== undefined,
  );
  const last = readable.at(-1)?.value;
  const summary = recoverySummary(
    label,
    baseline,
    last,
    wanted,
    tolerance.tolerance,
    inputs,
    samples,
    readable,
  );
  const details = {
    phase: 'after',
    id: inputs.id,
    baseline,
    value: last ?? null,
    bounds,
    samples: samples.map((sample) => ({ at_ms: Math.round(sample.atMs), value: sample.value ?? null })),
  };
  const outputs = { baseline: String(baseline), value: last === undefined ? '' : String(last) };
  if (satisfied) {
    return {
      ok: true,
      reasonCode: 'ok',
      message: `${label} recovered: ${last} (before: ${baseline}, needed ${wanted}) after ${formatDuration(readable.at(-1)!.atMs)}.`,
      summary,
      details,
      outputs,
    };
  }
  const lastProblem = samples.at(-1)?.problem;
  const reasonCode = readable.length === 0 ? 'metric-unreadable' : 'metric-not-recovered';
  const what =
    readable.length === 0
      ? `${label} could not be read in ${formatDuration(inputs.timeout)} (${samples.length} attempt(s), last: ${lastProblem}).`
      : `${label} did not recover in ${formatDuration(inputs.timeout)}: last ${last}${lastProblem ? ` (then unreadable: ${lastProblem})` : ''}, before ${baseline}, needed ${wanted}; lowest ${Math.min(...readable.map((s) => s.value))}, highest ${Math.max(...readable.map((s) => s.value))} over ${samples.length} reading(s).`;
  return {
    ok: false,
    reasonCode,
    message: `${what} The deploy itself was not touched: decide whether to roll back.`,
    summary,
    details,
    outputs,
  };
}

function recoverySummary(
  label: string,
  baseline: number,
  last: number | undefined,
  wanted: string,
  tolerance: Tolerance,
  inputs: Inputs,
  samples: Sample[],
  readable: (Sample & { value: number })[],
): string {
  const unreadable = samples.length - readable.length;
  const chart = metricChart(
    label,
    baseline,
    readable.map((sample) => ({ atMs: sample.atMs, value: sample.value })),
  );
  return blocks(
    table(
      ['Metric', 'Before', 'After', 'Needed', 'Readings'],
      [
        [
          label,
          String(baseline),
          last === undefined ? 'unreadable' : String(last),
          `${wanted} (${describeTolerance(tolerance)}, ${inputs.direction})`,
          `${samples.length}${unreadable > 0 ? ` (${unreadable} unreadable)` : ''}`,
        ],
      ],
    ),
    chart && mermaid(chart),
    chart && 'The flat line is the value before the deploy.',
  );
}
