// The one error model (conventions §4): a closed set of codes, each with one HTTP status.

export const errorStatus = {
  validation_failed: 422,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Field-level messages keyed by a dotted path, e.g. `{ "retentionPolicy": ["…"] }`. */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  static validation(message: string, fields: FieldErrors): DomainError {
    return new DomainError('validation_failed', message, { fields });
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError('not_found', `${what} '${id}' does not exist.`);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
