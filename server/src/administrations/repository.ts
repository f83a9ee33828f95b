import type { Administration, AdministrationResponse, OverrideReason } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { IdMethod } from '../devices/context-repository.js';

export interface AdministrationRecord {
  readonly administration: Administration;
  readonly wardId: string;
  readonly deviceId: string;
  readonly slotAt: string | null;
  readonly patientIdMethod: IdMethod;
  readonly response: AdministrationResponse;
}

export function createAdministrationRepository(db: Db) {
  const byEvent = db.prepare<[string], { response: string; given_by: string; device_id: string }>(
    'SELECT response, given_by, device_id FROM administrations WHERE event_id = ?',
  );
  const byScan = db.prepare<[string], string>('SELECT event_id FROM administrations WHERE product_scan_event_id = ?').pluck();
  const anySince = db.prepare<[string, string], number>('SELECT 1 FROM administrations WHERE patient_id = ? AND given_at >= ? LIMIT 1').pluck();
  const insert = db.prepare(
    `INSERT INTO administrations (id, event_id, prescription_id, patient_id, ward_id, product_scan_event_id, device_id, given_at, given_by,
       witnessed_by, override_reason, dose_text, slot_at, patient_id_method, response, documented_at, documented_late, indication, dose_given_value, dose_given_unit)
     VALUES (@id, @eventId, @prescriptionId, @patientId, @wardId, @productScanEventId, @deviceId, @givenAt, @givenBy,
       @witnessedBy, @overrideReason, @doseText, @slotAt, @patientIdMethod, @response, @documentedAt, @documentedLate, @indication, @doseGivenValue, @doseGivenUnit)`,
  );
  return {
    /** The stored response for an event id, for idempotent retries. */
    byEventId: (eventId: string): { response: AdministrationResponse; givenBy: string; deviceId: string } | undefined => {
      const r = byEvent.get(eventId);
      if (!r) return undefined;
      const stored = JSON.parse(r.response) as AdministrationResponse;
      // Rows from before migration 008 were documented when given; before 014 the dose given was not kept.
      const a = stored.administration;
      const administration = { ...a, documentedAt: a.documentedAt ?? a.givenAt, documentedLate: a.documentedLate ?? false, indication: a.indication ?? null, doseGiven: a.doseGiven ?? null };
      return { response: { ...stored, administration }, givenBy: r.given_by, deviceId: r.device_id };
    },
    /** The administration already recorded for a product scan, if any: one scan, one dose. */
    eventForProductScan: (scanEventId: string): string | undefined => byScan.get(scanEventId),
    /** Whether any dose was recorded for the patient since `since`. */
    anyForPatientSince: (patientId: string, since: Date): boolean => anySince.get(patientId, since.toISOString()) === 1,
    insert: (r: AdministrationRecord): void => {
      const a = r.administration;
      insert.run({
        ...a,
        wardId: r.wardId,
        deviceId: r.deviceId,
        overrideReason: a.overrideReason satisfies OverrideReason | null,
        slotAt: r.slotAt,
        patientIdMethod: r.patientIdMethod,
        response: JSON.stringify(r.response),
        documentedLate: a.documentedLate ? 1 : 0,
        doseGivenValue: a.doseGiven?.value ?? null,
        doseGivenUnit: a.doseGiven?.unit ?? null,
      });
    },
  };
}
export type AdministrationRepository = ReturnType<typeof createAdministrationRepository>;
