/**
 * When the handheld captured an event, by the server's clock: the time it
 * was received less how long it waited in the handheld's queue (measured on
 * the handheld's own clock, so its offset from true time cancels out).
 */
export function captureTime(receivedAt: Date, heldForMs: number | undefined): Date {
  return heldForMs ? new Date(receivedAt.getTime() - heldForMs) : receivedAt;
}

/** A confirmation that waited longer than this is documented late (issue 12). */
export const DOCUMENTED_LATE_AFTER_MS = 60_000;
