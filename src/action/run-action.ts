import * as core from '@actions/core';
import type { z } from 'zod';
import { isReleaseTrainError, ReleaseTrainError } from './failure.js';
import { blocks, code } from './markdown.js';
import { type ActionOutcome, toResult } from './result.js';
import { type RunnerEnv, readRunnerEnv } from './runner-env.js';

export interface ActionLog {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** Runs `body` inside a collapsible log group. */
  group<T>(name: string, body: () => Promise<T>): Promise<T>;
  /** Registers a value that must never appear in the log. */
  mask(secret: string): void;
}

export interface ActionContext<I> {
  inputs: I;
  runner: RunnerEnv;
  log: ActionLog;
}

// biome-ignore lint/suspicious/noExplicitAny: the schema's shape is each action's own
type InputSchema = z.ZodObject<any>;

export interface ActionDefinition<S extends InputSchema = InputSchema> {
  name: string;
  /** One key per input of the action's action.yml, kebab-case as the user writes it. */
  inputs: S;
  /** Inputs whose values are masked in the log. */
  secrets?: string[];
  main(context: ActionContext<z.output<S>>): Promise<ActionOutcome>;
}

export const actionLog: ActionLog = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message),
  group: (name, body) => core.group(name, body),
  mask: (secret) => {
    if (secret) core.setSecret(secret);
  },
};

/** Reads the inputs the schema names from the runner's INPUT_* variables; '' counts as unset. */
export function readInputs<S extends InputSchema>(
  definition: ActionDefinition<S>,
  read: (name: string) => string = (name) => core.getInput(name),
): z.output<S> {
  const raw: Record<string, string | undefined> = {};
  for (const name of Object.keys(definition.inputs.shape)) {
    const value = read(name);
    if (definition.secrets?.includes(name)) actionLog.mask(value);
    raw[name] = value === '' ? undefined : value;
  }
  const parsed = definition.inputs.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(inputs)';
      return `input \`${path}\`: ${issue.message}`;
    });
    throw new ReleaseTrainError('bad-input', `Invalid inputs. Nothing was changed.\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The runner side of every action: parse inputs, run `main`, then write the `result` and
 * `reason-code` outputs and the job summary whatever happened, and fail the step on refusal.
 */
export async function runAction<S extends InputSchema>(definition: ActionDefinition<S>): Promise<void> {
  let dryRun = false;
  let outcome: ActionOutcome;
  try {
    const inputs = readInputs(definition);
    dryRun = (inputs as Record<string, unknown>)['dry-run'] === true;
    outcome = await definition.main({ inputs, runner: readRunnerEnv(), log: actionLog });
  } catch (error) {
    outcome = failureOutcome(error);
  }
  await finish(definition.name, outcome, dryRun);
}

export function failureOutcome(error: unknown): ActionOutcome {
  const reasonCode = isReleaseTrainError(error) ? error.reasonCode : 'internal-error';
  const message = error instanceof Error ? error.message : String(error);
  if (reasonCode === 'internal-error' && error instanceof Error && error.stack) core.debug(error.stack);
  return {
    ok: false,
    reasonCode,
    message,
    summary: blocks(`**Refused** (\`${reasonCode}\`)`, code(message)),
    details: isReleaseTrainError(error) ? error.details : {},
  };
}

async function finish(action: string, outcome: ActionOutcome, dryRun: boolean): Promise<void> {
  const result = toResult(action, outcome, dryRun);
  core.setOutput('result', JSON.stringify(result));
  core.setOutput('reason-code', outcome.reasonCode);
  for (const [name, value] of Object.entries(outcome.outputs ?? {})) core.setOutput(name, value);
  if (process.env.GITHUB_STEP_SUMMARY) {
    const title = `release-train ${action}${dryRun ? ' (dry run)' : ''}`;
    await core.summary.addRaw(blocks(`## ${title}`, outcome.summary), true).write();
  }
  if (outcome.ok) core.info(outcome.message);
  else core.setFailed(`[${outcome.reasonCode}] ${outcome.message}`);
}
