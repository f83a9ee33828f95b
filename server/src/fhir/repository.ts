import type { Db } from '../db/database.js';
import { prepared } from '../db/statements.js';

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
  /** 'active', or 'on-hold' (no dose due while held). */
  status: 'active' | 'on-hold';
  /** Why pharmacy or a nurse must review it before a dose is called a match; null when the dose is exact. */
  needs_review: string | null;
  /** JSON { low, high, unit } for a dose range. */
  dose_range: string | null;
}

/** A patient known to the hospital but on no ward (migration 013). */
export interface RegisteredPatientRow {
  id: string;
  nhs_number: string | null;
  mrn: string | null;
  family_name: string;
  given_name: string;
  birth_date: string;
  nhs_verification: string | null;
  deceased: 0 | 1;
  deceased_at: string | null;
}
/** What the import keeps about a patient beyond name and numbers. */
export interface PatientStatus {
  readonly nhsVerification: string | null;
  readonly deceased: boolean;
  readonly deceasedAt: string | null;
}
/** A patient row as the import reads it: any state (discharged, deceased, merged). */
export interface PatientStateRow {
  id: string;
  nhs_number: string;
  mrn: string | null;
  ward_id: string;
  bed_id: string | null;
  nhs_verification: string | null;
  deceased: 0 | 1;
  deceased_at: string | null;
  discharged_at: string | null;
  replaced_by: string | null;
}

/** Writes `next` when it differs from `current` in any of `keys`. */
export type OrderHoldKind = 'on-hold' | 'needs-review';
/** Why no dose of an order is due now, if any: on hold wins over waiting for review. */
export const holdKind = (r: Pick<PrescriptionRow, 'status' | 'needs_review'>): OrderHoldKind | null => (r.status === 'on-hold' ? 'on-hold' : r.needs_review !== null ? 'needs-review' : null);

const differs = <T extends object>(current: T, next: T, keys: readonly (keyof T)[]): boolean => keys.some((k) => current[k] !== next[k]);

export function createFhirRepository(db: Db) {
  const ward = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM wards WHERE id = ?');
  const bedByGln = db.prepare<[string], { id: string; ward_id: string; label: string }>('SELECT id, ward_id, label FROM beds WHERE gln = ?');
  const bedById = db.prepare<[string], { id: string; ward_id: string }>('SELECT id, ward_id FROM beds WHERE id = ?');
  const staffByBadge = db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM staff WHERE badge_gsrn = ?');
  const rx = db.prepare<[string], PrescriptionRow>('SELECT * FROM prescriptions WHERE id = ?');
  const stepsOf = db.prepare<{ from: string; to: string; at: string }, { id: string }>('SELECT id FROM prescriptions WHERE id >= @from AND id < @to AND (stops_at IS NULL OR stops_at > @at)');
  const endStep = db.prepare<[string, string]>('UPDATE prescriptions SET stops_at = ? WHERE id = ?');
  const endWithSteps = db.prepare<{ id: string; from: string; to: string; at: string }>(
    'UPDATE prescriptions SET stops_at = @at WHERE (id = @id OR (id >= @from AND id < @to)) AND (stops_at IS NULL OR stops_at > @at)',
  );
  const closeHold = db.prepare<[string, string]>('UPDATE order_holds SET to_at = max(?, from_at) WHERE prescription_id = ? AND to_at IS NULL');
  const openHold = db.prepare<[{ prescription_id: string; kind: OrderHoldKind; from_at: string }]>('INSERT INTO order_holds (prescription_id, kind, from_at) VALUES (@prescription_id, @kind, @from_at)');
  const allergy = db.prepare<[string, string, string | null], { id: number; code: string | null; reaction: string | null }>(
    'SELECT id, code, reaction FROM allergies WHERE patient_id = ? AND (lower(trim(substance)) = lower(trim(?)) OR code = ?) ORDER BY id LIMIT 1',
  );
  const setAllergyStatus = db.prepare<[string, string]>('UPDATE patients SET allergy_status = ? WHERE id = ?');
  const allergyCount = db.prepare<[string], number>('SELECT count(*) FROM allergies WHERE patient_id = ?').pluck();
  const bedOccupant = db.prepare<[string], string>('SELECT id FROM patients WHERE bed_id = ?').pluck();

  const patientState = db.prepare<[string], PatientStateRow>('SELECT id, nhs_number, mrn, ward_id, bed_id, nhs_verification, deceased, deceased_at, discharged_at, replaced_by FROM patients WHERE id = ?');
  const patientStateByNhs = db.prepare<[string], PatientStateRow>('SELECT id, nhs_number, mrn, ward_id, bed_id, nhs_verification, deceased, deceased_at, discharged_at, replaced_by FROM patients WHERE nhs_number = ?');
  const registeredBy = {
    id: db.prepare<[string], RegisteredPatientRow>('SELECT * FROM registered_patients WHERE id = ?'),
    nhs: db.prepare<[string], RegisteredPatientRow>('SELECT * FROM registered_patients WHERE nhs_number = ?'),
    mrn: db.prepare<[string], RegisteredPatientRow>('SELECT * FROM registered_patients WHERE mrn = ?'),
  };

  return {
    patientState: (id: string) => patientState.get(id),
    patientStateByNhs: (nhs: string) => patientStateByNhs.get(nhs),
    registered: (by: keyof typeof registeredBy, key: string) => registeredBy[by].get(key),

    /** A patient known to the hospital, on no ward (no Encounter yet, or only a hospital number). */
    register(row: RegisteredPatientRow, at: string): void {
      prepared(db,
        `INSERT INTO registered_patients (id, nhs_number, mrn, family_name, given_name, birth_date, nhs_verification, deceased, deceased_at, registered_at, updated_at)
         VALUES (@id, @nhs_number, @mrn, @family_name, @given_name, @birth_date, @nhs_verification, @deceased, @deceased_at, @at, @at)`,
      ).run({ ...row, at });
    },
    updateRegistered(next: RegisteredPatientRow, at: string): WriteResult {
      const current = registeredBy.id.get(next.id);
      if (current && !differs(current, next, ['nhs_number', 'mrn', 'family_name', 'given_name', 'birth_date', 'nhs_verification', 'deceased', 'deceased_at'])) return 'unchanged';
      prepared(db,
        `UPDATE registered_patients SET nhs_number = @nhs_number, mrn = @mrn, family_name = @family_name, given_name = @given_name, birth_date = @birth_date,
           nhs_verification = @nhs_verification, deceased = @deceased, deceased_at = @deceased_at, updated_at = @at WHERE id = @id`,
      ).run({ ...next, at });
      return 'updated';
    },
    /** Admitted: the registration gives way to the ward's patient row (same id). */
    unregister: (id: string): void => void prepared(db, 'DELETE FROM registered_patients WHERE id = ?').run(id),

    setPatientStatus(id: string, next: PatientStatus): WriteResult {
      const current = patientState.get(id);
      if (!current) return 'unchanged';
      const same = current.nhs_verification === next.nhsVerification && (current.deceased === 1) === next.deceased && current.deceased_at === next.deceasedAt;
      if (same) return 'unchanged';
      prepared(db, 'UPDATE patients SET nhs_verification = ?, deceased = ?, deceased_at = ? WHERE id = ?').run(next.nhsVerification, next.deceased ? 1 : 0, next.deceasedAt, id);
      return 'updated';
    },
    /**
     * Discharged (or died): off the ward list and out of their bed, their band
     * identifies no one, no dose is due after `at`, and any handheld's positive
     * ID of them ends.
     */
    discharge(id: string, at: string): WriteResult {
      const current = patientState.get(id);
      if (!current || current.discharged_at) return 'unchanged';
      prepared(db, 'UPDATE patients SET discharged_at = ?, bed_id = NULL WHERE id = ?').run(at, id);
      prepared(db, 'UPDATE prescriptions SET stops_at = ? WHERE patient_id = ? AND (stops_at IS NULL OR stops_at > ?)').run(at, id, at);
      prepared(db, 'DELETE FROM device_contexts WHERE patient_id = ?').run(id);
      return 'updated';
    },
    /** Merged into `survivorId` (Patient.link replaced-by): the old record's band and NHS Number find the survivor; its doses stop. */
    replaceBy(id: string, survivorId: string, at: string): WriteResult {
      const current = patientState.get(id);
      if (!current || current.replaced_by === survivorId) return 'unchanged';
      prepared(db, 'UPDATE patients SET replaced_by = ?, bed_id = NULL WHERE id = ?').run(survivorId, id);
      prepared(db, 'UPDATE prescriptions SET stops_at = ? WHERE patient_id = ? AND (stops_at IS NULL OR stops_at > ?)').run(at, id, at);
      prepared(db, 'DELETE FROM device_contexts WHERE patient_id = ?').run(id);
      return 'updated';
    },
    ward: (id: string) => ward.get(id),
    bedByGln: (gln: string) => bedByGln.get(gln),
    bedById: (id: string) => bedById.get(id),
    bedOccupant: (bedId: string): string | undefined => bedOccupant.get(bedId),
    prescription: (id: string) => rx.get(id),
    staffByBadge: (gsrn: string) => staffByBadge.get(gsrn),
    patientIdsByMrn: (mrn: string): string[] => prepared<[string], string>(db, 'SELECT id FROM patients WHERE mrn = ? ORDER BY id').pluck().all(mrn),

    upsertWard(id: string, name: string): WriteResult {
      const current = ward.get(id);
      if (!current) prepared(db, "INSERT INTO wards (id, name, time_zone) VALUES (?, ?, 'Europe/London')").run(id, name);
      else if (current.name !== name) prepared(db, 'UPDATE wards SET name = ? WHERE id = ?').run(name, id);
      return !current ? 'created' : current.name !== name ? 'updated' : 'unchanged';
    },

    upsertBed(gln: string, label: string, wardId: string): { id: string; result: WriteResult } {
      const current = bedByGln.get(gln);
      if (!current) {
        const id = `bed-${gln}`;
        prepared(db, 'INSERT INTO beds (id, ward_id, label, gln) VALUES (?, ?, ?, ?)').run(id, wardId, label, gln);
        return { id, result: 'created' };
      }
      if (current.label === label && current.ward_id === wardId) return { id: current.id, result: 'unchanged' };
      prepared(db, 'UPDATE beds SET label = ?, ward_id = ? WHERE id = ?').run(label, wardId, current.id);
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
        prepared(db,
          `INSERT INTO staff (id, username, name, role, ward_id, badge_gsrn, password_hash, pin_hash, active, is_demo)
           VALUES (?, ?, ?, 'nurse', NULL, ?, '!', NULL, 0, 0)`,
        ).run(newId, `badge-${badgeGsrn}`, name, badgeGsrn);
        return { id: newId, result: 'created' };
      }
      if (current.name === name) return { id: current.id, result: 'unchanged' };
      prepared(db, 'UPDATE staff SET name = ? WHERE id = ?').run(name, current.id);
      return { id: current.id, result: 'updated' };
    },

    updatePatient(id: string, current: PatientFields, next: PatientFields): WriteResult {
      if (!differs(current, next, ['mrn', 'familyName', 'givenName', 'birthDate'])) return 'unchanged';
      prepared(db, 'UPDATE patients SET mrn = @mrn, family_name = @familyName, given_name = @givenName, birth_date = @birthDate WHERE id = @id').run({ ...next, id });
      return 'updated';
    },

    /** Admits, transfers or readmits: the patient's ward and bed now (a discharge is lifted). */
    placePatient(id: string, current: { wardId: string; bedId: string | null; dischargedAt?: string | null }, next: { wardId: string; bedId: string | null }): WriteResult {
      if (current.wardId === next.wardId && current.bedId === next.bedId && !current.dischargedAt) return 'unchanged';
      prepared(db, 'UPDATE patients SET ward_id = ?, bed_id = ?, discharged_at = NULL WHERE id = ?').run(next.wardId, next.bedId, id);
      return 'updated';
    },

    /** Writes an order as the EPR sent it at `atIso`; a change of hold closes the span open and opens the next (order_holds). */
    upsertPrescription(next: PrescriptionRow, atIso: string): WriteResult {
      const current = rx.get(next.id);
      const keys = Object.keys(next) as (keyof PrescriptionRow)[];
      if (current && !differs(current, next, keys)) return 'unchanged';
      const [was, now] = [current ? holdKind(current) : null, holdKind(next)];
      if (was !== now && was) closeHold.run(atIso, next.id);
      prepared(db,
        `INSERT INTO prescriptions (id, patient_id, drug, medication_code, product_id, dose_value, dose_unit, route, schedule, starts_at, stops_at, status, needs_review, dose_range)
         VALUES (@id, @patient_id, @drug, @medication_code, @product_id, @dose_value, @dose_unit, @route, @schedule, @starts_at, @stops_at, @status, @needs_review, @dose_range)
         ON CONFLICT(id) DO UPDATE SET drug = excluded.drug, medication_code = excluded.medication_code, product_id = excluded.product_id, dose_value = excluded.dose_value,
           dose_unit = excluded.dose_unit, route = excluded.route, schedule = excluded.schedule, starts_at = excluded.starts_at, stops_at = excluded.stops_at,
           status = excluded.status, needs_review = excluded.needs_review, dose_range = excluded.dose_range`,
      ).run(next);
      // A new order held from the start is held from its start; one held later, from now.
      if (was !== now && now) openHold.run({ prescription_id: next.id, kind: now, from_at: current ? atIso : next.starts_at });
      return current ? 'updated' : 'created';
    },

    /** Ends an order and all its steps at `atIso`: no dose of it after then (an end already earlier stays). */
    endPrescription(id: string, atIso: string): WriteResult {
      const changed = endWithSteps.run({ id, from: `${id}-s`, to: `${id}-t`, at: atIso }).changes;
      return changed ? 'updated' : 'unchanged';
    },

    /** Ends now the steps of an order beyond its first `keep` (`<id>-s<n>`, n > keep) that are still in force or to come. */
    endStepsAfter(id: string, keep: number, atIso: string): WriteResult {
      // Steps by a range on the primary key ('<id>-s' up to '<id>-t'): a LIKE with a bound pattern cannot use the index, and scanned every order for every order.
      const steps = stepsOf.all({ from: `${id}-s`, to: `${id}-t`, at: atIso });
      const beyond = steps.filter((s) => Number(s.id.slice(id.length + 2)) > keep);
      for (const s of beyond) endStep.run(atIso, s.id);
      return beyond.length ? 'updated' : 'unchanged';
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
        if (current) prepared(db, 'DELETE FROM allergies WHERE id = ?').run(current.id);
        return { id: current?.id ?? null, result: current ? 'updated' : 'unchanged' };
      }
      if (!current) {
        const info = prepared(db, 'INSERT INTO allergies (patient_id, substance, code, reaction) VALUES (?, ?, ?, ?)').run(patientId, a.substance, a.code, a.reaction);
        status();
        return { id: Number(info.lastInsertRowid), result: 'created' };
      }
      // A code already on record is kept when the import does not state one.
      const code = a.code ?? current.code;
      if (current.code === code && current.reaction === a.reaction) return { id: current.id, result: 'unchanged' };
      prepared(db, 'UPDATE allergies SET code = ?, reaction = ? WHERE id = ?').run(code, a.reaction, current.id);
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
