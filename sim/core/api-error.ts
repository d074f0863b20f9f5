/**
 * Errors in the exact JSON shape Rancher's API (Steve and Norman) returns:
 * `{type: "error", status, code, message}` (Norman adds `baseType` and sometimes `fieldName`).
 * Every handler throws these; one error middleware renders them, so no input can produce a 500
 * with a stack trace.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldName?: string;
  /** Extra top-level properties merged into the body (e.g. a passed-through upstream body). */
  readonly extra?: Record<string, unknown>;

  constructor(status: number, code: string, message: string, opts: { fieldName?: string, extra?: Record<string, unknown> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fieldName = opts.fieldName;
    this.extra = opts.extra;
  }

  toBody(): Record<string, unknown> {
    const body: Record<string, unknown> = {
      type: 'error', baseType: 'error', status: this.status, code: this.code, message: this.message
    };

    if (this.fieldName) {
      body.fieldName = this.fieldName;
    }

    return { ...body, ...(this.extra || {}) };
  }
}

/** Marks apiserver's "no schema for this user" answer: a 404 with no body at all (sim/http/app.ts). */
export const NO_SCHEMA_CODE = 'NoSchemaForUser';

export const errors = {
  noSchema:         () => new ApiError(404, NO_SCHEMA_CODE, ''),
  badRequest:       (message: string) => new ApiError(400, 'BadRequest', message),
  unauthorized:     (message = 'must authenticate') => new ApiError(401, 'Unauthorized', message),
  forbidden:        (message: string) => new ApiError(403, 'Forbidden', message),
  notFound:         (message: string) => new ApiError(404, 'NotFound', message),
  methodNotAllowed: (message: string) => new ApiError(405, 'MethodNotAllowed', message),
  /** Steve / Kubernetes: object already exists. */
  alreadyExists:    (message: string) => new ApiError(409, 'AlreadyExists', message),
  /** Kubernetes optimistic concurrency: stale resourceVersion. */
  conflict:         (message: string) => new ApiError(409, 'Conflict', message),
  /** Norman: unique field already taken. */
  notUnique:        (field: string, message: string) => new ApiError(422, 'NotUnique', message, { fieldName: field }),
  missingRequired:  (field: string) => new ApiError(422, 'MissingRequired', `${ field } is required`, { fieldName: field }),
  invalidBody:      (message: string) => new ApiError(422, 'InvalidBodyContent', message),
  invalidFormat:    (field: string, message: string) => new ApiError(422, 'InvalidFormat', message, { fieldName: field }),
  /** Kubernetes validation failure as Steve relays it. */
  invalid:          (message: string) => new ApiError(422, 'Invalid', message),
  invalidCsrf:      () => new ApiError(422, 'InvalidCSRFToken', 'Invalid CSRF token'),
  unavailable:      (code: string, message: string) => new ApiError(503, code, message),
};

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
