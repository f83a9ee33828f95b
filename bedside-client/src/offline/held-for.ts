import { MAX_HELD_FOR_MS } from '@wardscan/shared';

/**
 * Milliseconds an event has waited on this handheld since it was captured,
 * by the handheld's own clock: the server subtracts it from its own now, so
 * the handheld's offset from true time cancels out (`heldForMs`).
 */
export function heldSince(capturedAt: number, now = Date.now()): number {
  if (!Number.isFinite(capturedAt)) return 0;
  return Math.min(MAX_HELD_FOR_MS, Math.max(0, Math.round(now - capturedAt)));
}
