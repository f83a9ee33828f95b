import type { AuditEntry, AuditEventType, RuleId, VerdictOutcome } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { StoredAuditRow } from './hash.js';

/** A stored row as the API shows it (its JSON columns parsed; the MAC stays server-side). */
export const storedRowToEntry = (r: Omit<StoredAuditRow, 'mac'>): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  type: r.type as AuditEventType,
  wardId: r.ward_id,
  patientId: r.patient_id,
  userId: r.user_id,
  deviceId: r.device_id,
  eventId: r.event_id,
  outcome: r.outcome as VerdictOutcome | null,
  rules: JSON.parse(r.rules) as RuleId[],
  summary: r.summary,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Every stored row in order, one at a time, exactly as SQLite holds it: what `audit:verify` checks. */
export function* iterateStoredRows(db: Db): Generator<StoredAuditRow> {
  yield* db.prepare<[], StoredAuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate();
}
