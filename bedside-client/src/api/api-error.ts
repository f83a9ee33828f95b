import type { ApiErrorCode } from '@wardscan/shared';

/**
 * The one error the client's data layer throws. `NETWORK` means the server
 * was not reached at all: the only case in which work may wait in the
 * offline queue, because the server never saw it (or its ack was lost and
 * the eventId makes the retry harmless).
 */
export type ClientErrorCode = ApiErrorCode | 'NETWORK';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    /** The request field the server blames, shown beside that field. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
}

/** Plain words for any thrown value, for an error line on screen. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
