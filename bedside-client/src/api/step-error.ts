import { ApiError, errorMessage } from './api-error.js';

/**
 * Plain words for a failed bedside step. The server names the field it
 * blames at the start of its message ("raw: badge not recognised"), which
 * means nothing to a nurse: the field name is dropped.
 */
export function stepErrorMessage(caught: unknown, offlineMessage: string, reportOffline: () => void): string {
  if (caught instanceof ApiError && caught.isNetwork) {
    reportOffline();
    return offlineMessage;
  }
  const message = errorMessage(caught);
  if (caught instanceof ApiError && caught.field && message.startsWith(`${caught.field}: `)) return message.slice(caught.field.length + 2);
  return message;
}
