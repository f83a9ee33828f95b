import type { Db } from '../db/database.js';

/*
 * Each handheld's bedside context lives in the database, not in memory, so a
 * server restart mid-round does not lose the positive patient ID; it still
 * ends after the configured idle time, and belongs to the nurse who made it:
 * it is kept per device and nurse (see ContextKey).
 */

/**
 * How the patient was identified: 'wristband' is a DCB1077 GSRN scanned from
 * the band's GS1 DataMatrix; 'nhs-number-barcode' a plain NHS Number barcode,
 * which may come from notes or a label rather than the band; 'keyed' typed;
 * 'manual' chosen from the ward list because the band would not scan.
 */
export type IdMethod = 'wristband' | 'nhs-number-barcode' | 'keyed' | 'manual';

export interface DeviceContext {
  readonly deviceId: string;
  readonly staffId: string;
  readonly patientId: string;
  readonly method: IdMethod;
  readonly identifiedByEventId: string;
  readonly identifiedAt: string;
  readonly lastActivityAt: string;
  /** The latest product scan awaiting administration (a witness badge applies to it). */
  readonly pendingProductEventId: string | null;
}

interface Row {
  device_id: string;
  staff_id: string;
  patient_id: string;
  method: IdMethod;
  identified_by_event_id: string;
  identified_at: string;
  last_activity_at: string;
  pending_product_event_id: string | null;
}

/**
 * Whose context on which handheld: the device id is the handheld's own choice,
 * so a context is found by it together with the signed-in nurse, and nothing
 * one nurse does reaches another's positive ID (issue 16).
 */
export interface ContextKey {
  readonly deviceId: string;
  readonly staffId: string;
}

/** Why this nurse has no usable positive patient ID on this handheld. */
export type ContextState =
  | { readonly kind: 'active'; readonly context: DeviceContext }
  | { readonly kind: 'none' }
  | { readonly kind: 'expired'; readonly context: DeviceContext };

/** Pure: whether the nurse's stored context still identifies a patient now. */
export function contextState(ctx: DeviceContext | undefined, now: Date, idleSeconds: number): ContextState {
  if (!ctx) return { kind: 'none' };
  if (now.getTime() - new Date(ctx.lastActivityAt).getTime() > idleSeconds * 1000) return { kind: 'expired', context: ctx };
  return { kind: 'active', context: ctx };
}

export function createContextRepository(db: Db) {
  const get = db.prepare<[string, string], Row>('SELECT * FROM device_contexts WHERE device_id = ? AND staff_id = ?');
  const upsert = db.prepare(
    `INSERT INTO device_contexts (device_id, staff_id, patient_id, method, identified_by_event_id, identified_at, last_activity_at, pending_product_event_id)
     VALUES (@deviceId, @staffId, @patientId, @method, @identifiedByEventId, @identifiedAt, @lastActivityAt, @pendingProductEventId)
     ON CONFLICT(device_id, staff_id) DO UPDATE SET patient_id = excluded.patient_id, method = excluded.method,
       identified_by_event_id = excluded.identified_by_event_id, identified_at = excluded.identified_at,
       last_activity_at = excluded.last_activity_at, pending_product_event_id = excluded.pending_product_event_id`,
  );
  const touch = db.prepare(// A replayed scan captured before the last activity must not move it back.
  'UPDATE device_contexts SET last_activity_at = MAX(last_activity_at, ?), pending_product_event_id = ? WHERE device_id = ? AND staff_id = ?');
  const clear = db.prepare('DELETE FROM device_contexts WHERE device_id = ? AND staff_id = ?');
  const clearAllOf = db.prepare('DELETE FROM device_contexts WHERE staff_id = ?');
  return {
    get: (key: ContextKey): DeviceContext | undefined => {
      const r = get.get(key.deviceId, key.staffId);
      return (
        r && {
          deviceId: r.device_id,
          staffId: r.staff_id,
          patientId: r.patient_id,
          method: r.method,
          identifiedByEventId: r.identified_by_event_id,
          identifiedAt: r.identified_at,
          lastActivityAt: r.last_activity_at,
          pendingProductEventId: r.pending_product_event_id,
        }
      );
    },
    /** Identifies a patient for `ctx.staffId` on `ctx.deviceId`, replacing only that nurse's earlier context there. */
    set: (ctx: DeviceContext): void => {
      upsert.run(ctx);
    },
    /** Records activity (keeping the ID alive) and the pending product scan. */
    touch: (key: ContextKey, at: string, pendingProductEventId: string | null): void => {
      touch.run(at, pendingProductEventId, key.deviceId, key.staffId);
    },
    clear: (key: ContextKey): boolean => clear.run(key.deviceId, key.staffId).changes > 0,
    /** Ends every positive ID this nurse holds, on any handheld (at sign-out). */
    clearAllOf: (staffId: string): number => clearAllOf.run(staffId).changes,
  };
}
export type ContextRepository = ReturnType<typeof createContextRepository>;
