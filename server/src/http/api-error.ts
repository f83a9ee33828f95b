import type { ApiErrorBody, ApiErrorCode } from '@wardscan/shared';

const STATUS: Record<ApiErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** The one error class: a stable code, a message a nurse can act on, and the offending field. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.status = STATUS[code];
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export const forbidden = (message = 'Your role does not allow this.'): ApiError => new ApiError('FORBIDDEN', message);
export const notFound = (what: string): ApiError => new ApiError('NOT_FOUND', `${what} not found.`);
export const conflict = (message: string, field?: string): ApiError => new ApiError('CONFLICT', message, field);
export const invalid = (message: string, field?: string): ApiError => new ApiError('VALIDATION', message, field);

/** express's router could not percent-decode a path parameter (e.g. `/patients/%E0`): the client's fault. */
export function isMalformedPath(err: unknown): boolean {
  return err instanceof URIError || (err instanceof Error && (err as { status?: unknown }).status === 400 && err.message.startsWith('Failed to decode param'));
}
export const MALFORMED_PATH_MESSAGE = 'The address is not valid: part of it is wrongly percent-encoded.';

/** Any thrown value as an error body; unknown errors never leak their details. */
export function toErrorBody(err: unknown): { status: number; body: ApiErrorBody } {
  if (err instanceof ApiError) return { status: err.status, body: err.toBody() };
  if (isMalformedPath(err)) return { status: 400, body: { error: { code: 'VALIDATION', message: MALFORMED_PATH_MESSAGE } } };
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return { status: 409, body: { error: { code: 'CONFLICT', message: 'This conflicts with an existing record (a duplicate identifier or a missing link).' } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong on the server; the event was not recorded. Try again.' } } };
}
