/** An error answered the way GitHub answers it: a status and a JSON body with `message`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

const DOCS = 'https://docs.github.com/rest';

function errorBody(message: string, status: number, extra: Record<string, unknown> = {}) {
  return { message, documentation_url: DOCS, status: String(status), ...extra };
}

export function notFound(message = 'Not Found'): ApiError {
  return new ApiError(404, errorBody(message, 404));
}

export function forbidden(message: string): ApiError {
  return new ApiError(403, errorBody(message, 403));
}

export function unauthorized(): ApiError {
  return new ApiError(401, errorBody('Requires authentication', 401));
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, errorBody(message, 400));
}

export function conflict(message: string): ApiError {
  return new ApiError(409, errorBody(message, 409));
}

export function notAllowed(message: string): ApiError {
  return new ApiError(405, errorBody(message, 405));
}

/** One entry of a 422's `errors`, as GitHub writes them. */
export interface FieldError {
  resource: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  field?: string;
  message?: string;
  value?: unknown;
}

export function validationFailed(...errors: FieldError[]): ApiError {
  return new ApiError(422, errorBody('Validation Failed', 422, { errors }));
}

/** GitHub's 422 for a body that does not match the endpoint's parameters. */
export function invalidRequest(detail: string): ApiError {
  return new ApiError(422, errorBody(`Invalid request.\n\n${detail}`, 422));
}
