import type { DoseUnit, MedicationRoute, OverrideReason } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { GivenDose } from './to-fhir/medication-administration.js';

interface Row {
  id: string;
  event_id: string;
  patient_id: string;
  prescription_id: string;
  given_at: string;
  given_by: string;
  given_by_name: string;
  witnessed_by: string | null;
  witness_name: string | null;
  override_reason: OverrideReason | null;
  dose_text: string;
  dose_value: string;
  dose_unit: DoseUnit;
  route: MedicationRoute;
  gtin: string | null;
  batch: string | null;
  expiry: string | null;
  product_name: string | null;
  ampp_code: string | null;
  ampp_name: string | null;
}

/** The doses given to a patient, with the pack scanned for each (from the product scan's stored interpretation). */
export function createFhirReadRepository(db: Db) {
  const given = db.prepare<[string], Row>(
    `SELECT a.id, a.event_id, a.patient_id, a.prescription_id, a.given_at, a.given_by, g.name AS given_by_name,
       a.witnessed_by, w.name AS witness_name, a.override_reason, a.dose_text, p.dose_value, p.dose_unit, p.route,
       json_extract(s.response, '$.interpretation.scan.gtin') AS gtin,
       json_extract(s.response, '$.interpretation.scan.batch') AS batch,
       json_extract(s.response, '$.interpretation.scan.expiry') AS expiry,
       pr.name AS product_name, dg.appid AS ampp_code, dp.name AS ampp_name
     FROM administrations a
     JOIN prescriptions p ON p.id = a.prescription_id
     JOIN scan_events s ON s.event_id = a.product_scan_event_id
     JOIN staff g ON g.id = a.given_by
     LEFT JOIN staff w ON w.id = a.witnessed_by
     LEFT JOIN products pr ON pr.id = s.product_id
     -- The pack's AMPP in dm+d, by the GTIN scanned (the mapping in force on the day it was given).
     LEFT JOIN dmd_gtin dg ON dg.gtin = json_extract(s.response, '$.interpretation.scan.gtin')
       AND (dg.start_date IS NULL OR dg.start_date <= substr(a.given_at, 1, 10)) AND (dg.end_date IS NULL OR dg.end_date >= substr(a.given_at, 1, 10))
     LEFT JOIN dmd_ampp dp ON dp.appid = dg.appid
     WHERE a.patient_id = ? GROUP BY a.id ORDER BY a.given_at, a.id`,
  );
  return {
    givenDoses: (patientId: string): GivenDose[] =>
      given.all(patientId).map((r) => ({
        id: r.id,
        eventId: r.event_id,
        patientId: r.patient_id,
        prescriptionId: r.prescription_id,
        givenAt: r.given_at,
        givenBy: { id: r.given_by, name: r.given_by_name },
        witness: r.witnessed_by ? { id: r.witnessed_by, name: r.witness_name ?? '' } : null,
        overrideReason: r.override_reason,
        doseText: r.dose_text,
        dose: { value: r.dose_value, unit: r.dose_unit },
        route: r.route,
        product: { gtin: r.gtin ?? '', name: r.product_name ?? r.ampp_name, batch: r.batch, expiry: r.expiry, ampp: r.ampp_code ? { code: r.ampp_code, name: r.ampp_name ?? '' } : null },
      })),
  };
}
