/** An AWS error answer: `<ErrorResponse><Error><Type/><Code/><Message/></Error>`. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
  }
}

export const validation = (message: string) => new AwsError('ValidationError', message);
