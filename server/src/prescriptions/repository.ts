import type { DoseUnit, MedicationRoute } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { PastDose, PrescriptionRecord, Schedule } from '../domain/records.js';

interface PrescriptionRow {
  id: string;
  patient_id: string;
  drug: string;
  product_id: string | null;
  dose_value: string;
  dose_unit: DoseUnit;
  route: MedicationRoute;
  schedule: string;
  starts_at: string;
  stops_at: string | null;
}

const toRecord = (r: PrescriptionRow): PrescriptionRecord => ({
  id: r.id,
  patientId: r.patient_id,
  drug: r.drug,
  productId: r.product_id,
  dose: { value: r.dose_value, unit: r.dose_unit },
  route: r.route,
  schedule: JSON.parse(r.schedule) as Schedule,
  startsAt: r.starts_at,
  stopsAt: r.stops_at,
});

export function createPrescriptionRepository(db: Db) {
  const active = db.prepare<[string, string, string], PrescriptionRow>(
    'SELECT * FROM prescriptions WHERE patient_id = ? AND starts_at <= ? AND (stops_at IS NULL OR stops_at > ?) ORDER BY id',
  );
  const byId = db.prepare<[string], PrescriptionRow>('SELECT * FROM prescriptions WHERE id = ?');
  const doses = db.prepare<[string, string], { given_at: string; slot_at: string | null }>(
    'SELECT given_at, slot_at FROM administrations WHERE prescription_id = ? AND given_at >= ? ORDER BY given_at',
  );
  const insert = db.prepare(
    `INSERT INTO prescriptions (id, patient_id, drug, product_id, dose_value, dose_unit, route, schedule, starts_at, stops_at)
     VALUES (@id, @patientId, @drug, @productId, @doseValue, @doseUnit, @route, @schedule, @startsAt, @stopsAt)`,
  );
  return {
    byId: (id: string): PrescriptionRecord | undefined => {
      const r = byId.get(id);
      return r && toRecord(r);
    },
    /** The patient's prescriptions in force at `now`. */
    active: (patientId: string, now: Date): PrescriptionRecord[] => {
      const iso = now.toISOString();
      return active.all(patientId, iso, iso).map(toRecord);
    },
    /** Doses recorded since `since` (the rules look back two days at most). */
    pastDoses: (prescriptionId: string, since: Date): PastDose[] =>
      doses.all(prescriptionId, since.toISOString()).map((d) => ({ givenAt: new Date(d.given_at), slotAt: d.slot_at ? new Date(d.slot_at) : null })),
    insert: (p: PrescriptionRecord): void => {
      insert.run({
        id: p.id,
        patientId: p.patientId,
        drug: p.drug,
        productId: p.productId,
        doseValue: p.dose.value,
        doseUnit: p.dose.unit,
        route: p.route,
        schedule: JSON.stringify(p.schedule),
        startsAt: p.startsAt,
        stopsAt: p.stopsAt,
      });
    },
  };
}
export type PrescriptionRepository = ReturnType<typeof createPrescriptionRepository>;
