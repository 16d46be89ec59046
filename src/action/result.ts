/**
 * The `result` output every action writes, success or refusal: a versioned contract a workflow can
 * parse with `fromJSON(steps.x.outputs.result)`.
 */
export interface ActionResult {
  schema: 1;
  action: string;
  ok: boolean;
  reason_code: string;
  message: string;
  dry_run: boolean;
  [detail: string]: unknown;
}

/** What an action's `main` hands back: the decision, a human summary, and details for `result`. */
export interface ActionOutcome {
  ok: boolean;
  reasonCode: string;
  message: string;
  /** Markdown for the job summary. */
  summary: string;
  details?: Record<string, unknown>;
  /** Extra step outputs besides `result` and `reason-code`. */
  outputs?: Record<string, string>;
}

export function toResult(action: string, outcome: ActionOutcome, dryRun: boolean): ActionResult {
  return {
    ...outcome.details,
    schema: 1,
    action,
    ok: outcome.ok,
    reason_code: outcome.reasonCode,
    message: outcome.message,
    dry_run: dryRun,
  };
}
