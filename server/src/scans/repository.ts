import type { RuleId, ScanResponse, ScanSource, VerdictOutcome } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { IdMethod } from '../devices/context-repository.js';

export interface ScanEventRecord {
  readonly eventId: string;
  readonly deviceId: string;
  readonly staffId: string;
  readonly wardId: string | null;
  readonly patientId: string | null;
  readonly source: ScanSource;
  readonly raw: string;
  /** The scan kind, or 'unreadable'. */
  readonly kind: string;
  readonly outcome: VerdictOutcome;
  readonly failedRules: readonly RuleId[];
  readonly prescriptionId: string | null;
  readonly productId: string | null;
  readonly slotAt: string | null;
  readonly patientIdMethod: IdMethod | null;
  readonly witnessStaffId: string | null;
  readonly response: ScanResponse;
  /** By the handheld's clock, as it said. */
  readonly scannedAt: string | null;
  /** By the server's clock: received minus the time the scan waited on the handheld. */
  readonly capturedAt: string;
  readonly recordedAt: string;
}

interface Row {
  event_id: string;
  device_id: string;
  staff_id: string;
  ward_id: string | null;
  patient_id: string | null;
  source: ScanSource;
  raw: string;
  kind: string;
  outcome: VerdictOutcome;
  failed_rules: string;
  prescription_id: string | null;
  product_id: string | null;
  slot_at: string | null;
  patient_id_method: IdMethod | null;
  witness_staff_id: string | null;
  response: string;
  scanned_at: string | null;
  captured_at: string | null;
  recorded_at: string;
}

const toRecord = (r: Row): ScanEventRecord => ({
  eventId: r.event_id,
  deviceId: r.device_id,
  staffId: r.staff_id,
  wardId: r.ward_id,
  patientId: r.patient_id,
  source: r.source,
  raw: r.raw,
  kind: r.kind,
  outcome: r.outcome,
  failedRules: JSON.parse(r.failed_rules) as RuleId[],
  prescriptionId: r.prescription_id,
  productId: r.product_id,
  slotAt: r.slot_at,
  patientIdMethod: r.patient_id_method,
  witnessStaffId: r.witness_staff_id,
  response: JSON.parse(r.response) as ScanResponse,
  scannedAt: r.scanned_at,
  capturedAt: r.captured_at ?? r.recorded_at,
  recordedAt: r.recorded_at,
});

export function createScanRepository(db: Db) {
  const get = db.prepare<[string], Row>('SELECT * FROM scan_events WHERE event_id = ?');
  const insert = db.prepare(
    `INSERT INTO scan_events (event_id, device_id, staff_id, ward_id, patient_id, source, raw, kind, outcome, failed_rules, prescription_id,
       product_id, slot_at, patient_id_method, witness_staff_id, response, scanned_at, captured_at, recorded_at)
     VALUES (@eventId, @deviceId, @staffId, @wardId, @patientId, @source, @raw, @kind, @outcome, @failedRules, @prescriptionId,
       @productId, @slotAt, @patientIdMethod, @witnessStaffId, @response, @scannedAt, @capturedAt, @recordedAt)`,
  );
  const witness = db.prepare('UPDATE scan_events SET witness_staff_id = ?, response = ? WHERE event_id = ?');
  return {
    get: (eventId: string): ScanEventRecord | undefined => {
      const r = get.get(eventId);
      return r && toRecord(r);
    },
    insert: (e: ScanEventRecord): void => {
      insert.run({ ...e, failedRules: JSON.stringify(e.failedRules), response: JSON.stringify(e.response) });
    },
    /** A witness badge updates the pending product scan's verdict (scan_events is the bedside state, not the audit log). */
    recordWitness: (eventId: string, witnessStaffId: string, response: ScanResponse): void => {
      witness.run(witnessStaffId, JSON.stringify(response), eventId);
    },
  };
}
export type ScanRepository = ReturnType<typeof createScanRepository>;
