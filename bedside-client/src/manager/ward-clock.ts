import { formatDateTime } from '../ui/format.js';

/**
 * An instant on the ward's clock (its IANA time zone, as the server names
 * it), "24 Nov, 08:00", whatever zone the screen is in. An unknown zone falls
 * back to the screen's own.
 */
export function formatWardDateTime(instant: string, timeZone: string): string {
  try {
    return new Date(instant).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone });
  } catch {
    return formatDateTime(instant);
  }
}
