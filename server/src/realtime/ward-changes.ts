import type { WardChangedEvent } from '@wardscan/shared';
import type { WardChange } from '../http/deps.js';

/*
 * Every nurse and manager of a ward hears when one of its charts changes, so
 * each change costs one socket write per handheld on the ward, and each
 * handheld then fetches the round again. With one message per change that
 * grows with handhelds × changes: at 1,000 handhelds paced at 500 ms it was
 * most of the server's work (bench:bedside). So a ward's changes are told at
 * most once per window: the first at once (a quiet ward stays live), the rest
 * of the window together at its end, as one message naming every patient.
 */

export interface WardChangeBatcher {
  /** Records that a committed change touched a patient's chart. */
  tell(change: WardChange): void;
  /** Sends what is pending now and stops the timers (at shutdown). */
  close(): void;
}

export const WARD_CHANGE_WINDOW_MS = 1000;

export function batchWardChanges(
  send: (event: WardChangedEvent) => void,
  now: () => Date,
  windowMs: number = WARD_CHANGE_WINDOW_MS,
): WardChangeBatcher {
  /** Wards inside a window: the patients changed since the window opened, not yet told. */
  const open = new Map<string, { pending: Set<string>; timer: NodeJS.Timeout }>();

  const emit = (wardId: string, patientIds: Iterable<string>) => send({ wardId, patientIds: [...patientIds], at: now().toISOString() });

  const openWindow = (wardId: string) => {
    const timer = setTimeout(() => {
      const window = open.get(wardId)!;
      open.delete(wardId);
      if (window.pending.size === 0) return;
      emit(wardId, window.pending);
      openWindow(wardId); // still busy: the next changes wait for the next window
    }, windowMs);
    timer.unref();
    open.set(wardId, { pending: new Set(), timer });
  };

  return {
    tell({ wardId, patientId }) {
      const window = open.get(wardId);
      if (window) {
        window.pending.add(patientId);
        return;
      }
      emit(wardId, [patientId]);
      openWindow(wardId);
    },
    close() {
      for (const [wardId, window] of open) {
        clearTimeout(window.timer);
        if (window.pending.size > 0) emit(wardId, window.pending);
      }
      open.clear();
    },
  };
}
