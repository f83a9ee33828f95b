import type { Db } from '../db/database.js';

/*
 * The writes a FHIR import needs that the capability repositories lack:
 * upserts against the same tables. Each returns whether it created, changed
 * or left the row alone, so a repeated import is visibly a no-op.
 */

export type WriteResult = 'created' | 'updated' | 'unchanged';

export interface PatientFields {
  readonly mrn: string | null;
  readonly familyName: string;
  readonly givenName: string;
  readonly birthDate: string;
}
export interface PrescriptionRow {
  id: string;
  patient_id: string;
  drug: string;
  medication_code: string | null;
  product_id: string | null;
  dose_value: string;
  dose_unit: string;
  route: string;
  schedule: string;
  starts_at: string;
  stops_at: string | null;
}

/** Writes `next` when it differs from `current` in any of `keys`. */
const differs = <T extends object>(current: T, next: T, keys: readonly (keyof T)[]): boolean => keys.some((k) => current[k] !== next[k]);

export function createFhirRepository(db: Db) {
  const ward = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM wards WHERE id = ?');
  const bedByGln = db.prepare<[string], { id: string; ward_id: string; label: string }>('SELECT id, ward_id, label FROM beds WHERE gln = ?');
  const bedById = db.prepare<[string], { id: string; ward_id: string }>('SELECT id, ward_id FROM beds WHERE id = ?');
  const staffByBadge = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM staff WHERE badge_gsrn = ?');
  const rx = db.prepare<[string], PrescriptionRow>('SELECT * FROM prescriptions WHERE id = ?');
  const allergy = db.prepare<[string, string, string | null], { id: number; code: string | null; reaction: string | null }>(
    'SELECT id, code, reaction FROM allergies WHERE patient_id = ? AND (lower(trim(substance)) = lower(trim(?)) OR code = ?) ORDER BY id LIMIT 1',
  );
  const setAllergyStatus = db.prepare<[string, string]>('UPDATE patients SET allergy_status = ? WHERE id = ?');
  const allergyCount = db.prepare<[string], number>('SELECT count(*) FROM allergies WHERE patient_id = ?').pluck();
  const bedOccupant = db.prepare<[string], string>('SELECT id FROM patients WHERE bed_id = ?').pluck();

  return {
    ward: (id: string) => ward.get(id),
    bedByGln: (gln: string) => bedByGln.get(gln),
    bedById: (id: string) => bedById.get(id),
    bedOccupant: (bedId: string): string | undefined => bedOccupant.get(bedId),
    prescription: (id: string) => rx.get(id),

    upsertWard(id: string, name: string): WriteResult {
      const current = ward.get(id);
      if (!current) db.prepare("INSERT INTO wards (id, name, time_zone) VALUES (?, ?, 'Europe/London')").run(id, name);
      else if (current.name !== name) db.prepare('UPDATE wards SET name = ? WHERE id = ?').run(name, id);
      return !current ? 'created' : current.name !== name ? 'updated' : 'unchanged';
    },

    upsertBed(gln: string, label: string, wardId: string): { id: string; result: WriteResult } {
      const current = bedByGln.get(gln);
      if (!current) {
        const id = `bed-${gln}`;
        db.prepare('INSERT INTO beds (id, ward_id, label, gln) VALUES (?, ?, ?, ?)').run(id, wardId, label, gln);
        return { id, result: 'created' };
      }
      if (current.label === label && current.ward_id === wardId) return { id: current.id, result: 'unchanged' };
      db.prepare('UPDATE beds SET label = ?, ward_id = ? WHERE id = ?').run(label, wardId, current.id);
      return { id: current.id, result: 'updated' };
    },

    /**
     * Staff by badge. New staff are created inactive, as nurses with no ward and
     * no usable password or PIN: an admin must set their role and credentials
     * before they can sign in. An import never grants access.
     */
    upsertStaff(badgeGsrn: string, name: string, newId: string): { id: string; result: WriteResult } {
      const current = staffByBadge.get(badgeGsrn);
      if (!current) {
        db.prepare(
          `INSERT INTO staff (id, username, name, role, ward_id, badge_gsrn, password_hash, pin_hash, active, is_demo)
           VALUES (?, ?, ?, 'nurse', NULL, ?, '!', NULL, 0, 0)`,
        ).run(newId, `badge-${badgeGsrn}`, name, badgeGsrn);
        return { id: newId, result: 'created' };
      }
      if (current.name === name) return { id: current.id, result: 'unchanged' };
      db.prepare('UPDATE staff SET name = ? WHERE id = ?').run(name, current.id);
      return { id: current.id, result: 'updated' };
    },

    updatePatient(id: string, current: PatientFields, next: PatientFields): WriteResult {
      if (!differs(current, next, ['mrn', 'familyName', 'givenName', 'birthDate'])) return 'unchanged';
      db.prepare('UPDATE patients SET mrn = @mrn, family_name = @familyName, given_name = @givenName, birth_date = @birthDate WHERE id = @id').run({ ...next, id });
      return 'updated';
    },

    placePatient(id: string, current: { wardId: string; bedId: string | null }, next: { wardId: string; bedId: string | null }): WriteResult {
      if (current.wardId === next.wardId && current.bedId === next.bedId) return 'unchanged';
      db.prepare('UPDATE patients SET ward_id = ?, bed_id = ? WHERE id = ?').run(next.wardId, next.bedId, id);
      return 'updated';
    },

    upsertPrescription(next: PrescriptionRow): WriteResult {
      const current = rx.get(next.id);
      const keys = Object.keys(next) as (keyof PrescriptionRow)[];
      if (current && !differs(current, next, keys)) return 'unchanged';
      db.prepare(
        `INSERT INTO prescriptions (id, patient_id, drug, medication_code, product_id, dose_value, dose_unit, route, schedule, starts_at, stops_at)
         VALUES (@id, @patient_id, @drug, @medication_code, @product_id, @dose_value, @dose_unit, @route, @schedule, @starts_at, @stops_at)
         ON CONFLICT(id) DO UPDATE SET drug = excluded.drug, medication_code = excluded.medication_code, product_id = excluded.product_id, dose_value = excluded.dose_value,
           dose_unit = excluded.dose_unit, route = excluded.route, schedule = excluded.schedule, starts_at = excluded.starts_at, stops_at = excluded.stops_at`,
      ).run(next);
      return current ? 'updated' : 'created';
    },

    /**
     * One allergy per patient and substance (by code, or by name case-insensitively); `remove`
     * deletes it. The patient's allergy status follows: "recorded" while any allergy is listed.
     */
    upsertAllergy(patientId: string, a: { substance: string; code: string | null; reaction: string | null; remove: boolean }): { id: number | null; result: WriteResult } {
      const current = allergy.get(patientId, a.substance, a.code);
      const status = (): void => {
        if (allergyCount.get(patientId)) setAllergyStatus.run('recorded', patientId);
      };
      if (a.remove) {
        if (current) db.prepare('DELETE FROM allergies WHERE id = ?').run(current.id);
        return { id: current?.id ?? null, result: current ? 'updated' : 'unchanged' };
      }
      if (!current) {
        const info = db.prepare('INSERT INTO allergies (patient_id, substance, code, reaction) VALUES (?, ?, ?, ?)').run(patientId, a.substance, a.code, a.reaction);
        status();
        return { id: Number(info.lastInsertRowid), result: 'created' };
      }
      // A code already on record is kept when the import does not state one.
      const code = a.code ?? current.code;
      if (current.code === code && current.reaction === a.reaction) return { id: current.id, result: 'unchanged' };
      db.prepare('UPDATE allergies SET code = ?, reaction = ? WHERE id = ?').run(code, a.reaction, current.id);
      return { id: current.id, result: 'updated' };
    },
    /** "No known drug allergies" recorded (a status, not a substance); refused while allergies are listed. */
    recordNoKnownAllergies(patientId: string): WriteResult | 'conflict' {
      if (allergyCount.get(patientId)) return 'conflict';
      return setAllergyStatus.run('nkda', patientId).changes ? 'updated' : 'unchanged';
    },
  };
}
export type FhirRepository = ReturnType<typeof createFhirRepository>;
