/**
 * A refusal or failure that a workflow can branch on. The message says what happened, what was
 * left untouched, and what to do next; `reasonCode` is stable (kebab-case) and lands in the
 * `result` output and the `reason-code` output.
 */
export class ReleaseTrainError extends Error {
  override readonly name = 'ReleaseTrainError';
  constructor(
    readonly reasonCode: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function isReleaseTrainError(error: unknown): error is ReleaseTrainError {
  return error instanceof ReleaseTrainError;
}
