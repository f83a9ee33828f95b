import type { NotGiven, NotGivenReason, PrnEffectRequest } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { GivenRow, NotGivenRow } from '../domain/chart.js';
import { createComplianceRepository } from '../metrics/compliance-repository.js';

interface GivenSql {
  id: string;
  prescription_id: string;
  given_at: string;
  slot_at: string | null;
  documented_late: number;
  indication: string | null;
  by_name: string;
  witness_name: string | null;
  reviewed: number;
  dose_given_value: string | null;
}

interface NotGivenSql {
  prescription_id: string;
  slot_at: string;
  reason: NotGivenReason;
  note: string | null;
  by_name: string;
  recorded_at: string;
}

/** What was documented against a patient's chart: doses given, not given, and reviews of as-needed doses. */
export function createChartRepository(db: Db) {
  // The ward's first record, as compliance finds it: the chart shows missed doses from the same cut-off.
  const { recordsFrom } = createComplianceRepository(db);
  // By scheduled time too: a dose given early, before `since`, still documents its slot after it.
  const given = db.prepare<{ patientId: string; since: string }, GivenSql>(
    `SELECT a.id, a.prescription_id, a.given_at, a.slot_at, a.documented_late, a.indication, a.dose_given_value, s.name AS by_name,
            w.name AS witness_name, r.administration_id IS NOT NULL AS reviewed
     FROM administrations a JOIN staff s ON s.id = a.given_by LEFT JOIN staff w ON w.id = a.witnessed_by
       LEFT JOIN prn_reviews r ON r.administration_id = a.id
     WHERE a.patient_id = @patientId AND (a.given_at >= @since OR a.slot_at >= @since)`,
  );
  const notGiven = db.prepare<[string, string], NotGivenSql>(
    `SELECT o.prescription_id, o.slot_at, o.reason, o.note, o.recorded_at, s.name AS by_name
     FROM dose_omissions o JOIN staff s ON s.id = o.recorded_by WHERE o.patient_id = ? AND o.slot_at >= ?`,
  );
  const insertNotGiven = db.prepare(
    `INSERT INTO dose_omissions (id, event_id, prescription_id, patient_id, ward_id, slot_at, reason, note, recorded_by, device_id, recorded_at, response)
     VALUES (@id, @eventId, @prescriptionId, @patientId, @wardId, @slotAt, @reason, @note, @recordedBy, @deviceId, @recordedAt, @response)`,
  );
  const notGivenByEvent = db.prepare<[string], { response: string; recorded_by: string }>('SELECT response, recorded_by FROM dose_omissions WHERE event_id = ?');
  const notGivenForSlot = db.prepare<[string, string], string>('SELECT event_id FROM dose_omissions WHERE prescription_id = ? AND slot_at = ?').pluck();
  const insertReview = db.prepare(
    'INSERT INTO prn_reviews (administration_id, event_id, effect, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const administrationRef = db.prepare<[string], { patient_id: string; ward_id: string; prescription_id: string; given_at: string }>(
    'SELECT patient_id, ward_id, prescription_id, given_at FROM administrations WHERE id = ?',
  );
  const reviewOf = db.prepare<[string], { event_id: string; recorded_by: string }>('SELECT event_id, recorded_by FROM prn_reviews WHERE administration_id = ?');
  return {
    /** The ward's first record on Wardscan (compliance's cut-off, metrics/compliance-repository.ts); null: nothing recorded yet. */
    wardRecordsFrom: (wardId: string): Date | null => {
      const t = recordsFrom(wardId);
      return t === null ? null : new Date(t);
    },
    /** Doses given, or scheduled, since `since`. */
    givenSince: (patientId: string, since: Date): GivenRow[] =>
      given.all({ patientId, since: since.toISOString() }).map((r) => ({
        administrationId: r.id,
        prescriptionId: r.prescription_id,
        givenAt: new Date(r.given_at),
        slotAt: r.slot_at ? new Date(r.slot_at) : null,
        byName: r.by_name,
        witnessedByName: r.witness_name,
        documentedLate: r.documented_late === 1,
        indication: r.indication,
        reviewed: r.reviewed === 1,
        doseGiven: r.dose_given_value,
      })),
    notGivenSince: (patientId: string, since: Date): NotGivenRow[] =>
      notGiven.all(patientId, since.toISOString()).map((r) => ({
        prescriptionId: r.prescription_id,
        slotAt: new Date(r.slot_at),
        reason: r.reason,
        note: r.note,
        byName: r.by_name,
        recordedAt: new Date(r.recorded_at),
      })),
    notGivenByEvent: (eventId: string): { response: NotGiven; recordedBy: string } | undefined => {
      const r = notGivenByEvent.get(eventId);
      return r && { response: JSON.parse(r.response) as NotGiven, recordedBy: r.recorded_by };
    },
    /** The event that already documented this scheduled dose as not given, if any. */
    notGivenForSlot: (prescriptionId: string, slotAt: string): string | undefined => notGivenForSlot.get(prescriptionId, slotAt),
    insertNotGiven: (n: NotGiven, wardId: string, deviceId: string): void => {
      insertNotGiven.run({ ...n, wardId, deviceId, response: JSON.stringify(n) });
    },
    administrationRef: (id: string): { patientId: string; wardId: string; prescriptionId: string; givenAt: string } | undefined => {
      const r = administrationRef.get(id);
      return r && { patientId: r.patient_id, wardId: r.ward_id, prescriptionId: r.prescription_id, givenAt: r.given_at };
    },
    reviewOf: (administrationId: string): { eventId: string; recordedBy: string } | undefined => {
      const r = reviewOf.get(administrationId);
      return r && { eventId: r.event_id, recordedBy: r.recorded_by };
    },
    insertReview: (administrationId: string, request: PrnEffectRequest, by: string, at: Date): void => {
      insertReview.run(administrationId, request.eventId, request.effect, request.note ?? null, by, at.toISOString());
    },
  };
}
export type ChartRepository = ReturnType<typeof createChartRepository>;
