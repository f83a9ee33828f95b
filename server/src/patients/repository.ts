import type { Allergy, AllergyStatus } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { PatientRecord } from '../domain/records.js';

interface PatientRow {
  id: string;
  nhs_number: string;
  wristband_gsrn: string | null;
  mrn: string | null;
  family_name: string;
  given_name: string;
  birth_date: string;
  ward_id: string;
  bed_id: string | null;
  allergy_status: AllergyStatus;
  bed_label: string | null;
  nhs_verification: string | null;
  deceased: 0 | 1;
  discharged_at: string | null;
  deceased_at: string | null;
  replaced_by: string | null;
}

interface RegisteredRow {
  id: string;
  nhs_number: string | null;
  mrn: string | null;
  family_name: string;
  given_name: string;
  birth_date: string;
  deceased: 0 | 1;
}

/** A record in any state, with the two facts that take it off the ward besides discharge. */
export interface PatientStanding {
  readonly record: PatientRecord;
  /** The record that replaced this one after a merge (FHIR Patient.link replaced-by). */
  readonly replacedBy: string | null;
  readonly deceasedAt: string | null;
}

/** Known to the hospital, on no ward: no Encounter has admitted them (issue 13). */
export interface RegisteredPatient {
  readonly id: string;
  readonly nhsNumber: string | null;
  readonly mrn: string | null;
  readonly familyName: string;
  readonly givenName: string;
  readonly birthDate: string;
  readonly deceased: boolean;
}

const SELECT = 'SELECT p.*, b.label AS bed_label FROM patients p LEFT JOIN beds b ON b.id = p.bed_id';
/** On a ward's list: not discharged, not deceased, not merged into another record. */
const ON_WARD = 'p.discharged_at IS NULL AND p.deceased = 0 AND p.replaced_by IS NULL';

export type NewPatient = Omit<PatientRecord, 'bedLabel'>;

export function createPatientRepository(db: Db) {
  const allergiesOf = db.prepare<[string], { substance: string; code: string | null; reaction: string | null }>(
    'SELECT substance, code, reaction FROM allergies WHERE patient_id = ? ORDER BY id',
  );
  const toRecord = (r: PatientRow): PatientRecord => ({
    id: r.id,
    nhsNumber: r.nhs_number,
    wristbandGsrn: r.wristband_gsrn,
    mrn: r.mrn,
    familyName: r.family_name,
    givenName: r.given_name,
    birthDate: r.birth_date,
    wardId: r.ward_id,
    bedId: r.bed_id,
    bedLabel: r.bed_label,
    allergies: allergiesOf.all(r.id).map((a): Allergy => ({ substance: a.substance, code: a.code, reaction: a.reaction })),
    allergyStatus: r.allergy_status,
    nhsVerification: r.nhs_verification,
    dischargedAt: r.discharged_at,
    deceased: r.deceased === 1,
  });
  const byId = db.prepare<[string], PatientRow>(`${SELECT} WHERE p.id = ?`);
  const byNhs = db.prepare<[string], PatientRow>(`${SELECT} WHERE p.nhs_number = ?`);
  const byGsrn = db.prepare<[string], PatientRow>(`${SELECT} WHERE p.wristband_gsrn = ?`);
  /*
   * A band or NHS Number identifies the record in force (issue 13): a record
   * merged into another (FHIR Patient.link replaced-by) answers with the
   * surviving one; a discharged or deceased patient is no one on a ward, so
   * their band identifies nobody. `byNhsNumberAny` finds any record.
   */
  const inForce = (r: PatientRow | undefined, hops = 0): PatientRow | undefined => {
    if (!r) return undefined;
    if (r.replaced_by && hops < 5) return inForce(byId.get(r.replaced_by), hops + 1);
    return r.discharged_at || r.deceased ? undefined : r;
  };
  const registeredByNhs = db.prepare<[string], RegisteredRow>('SELECT * FROM registered_patients WHERE nhs_number = ?');
  const registeredByMrn = db.prepare<[string], RegisteredRow>('SELECT * FROM registered_patients WHERE mrn = ?');
  /** Any record, with what `inForce` reads to leave it out: for saying why a band identifies no one. */
  const standing = (r: PatientRow | undefined): PatientStanding | undefined =>
    r && { record: toRecord(r), replacedBy: r.replaced_by, deceasedAt: r.deceased_at };
  const insert = db.prepare(
    `INSERT INTO patients (id, nhs_number, wristband_gsrn, mrn, family_name, given_name, birth_date, ward_id, bed_id, allergy_status)
     VALUES (@id, @nhsNumber, @wristbandGsrn, @mrn, @familyName, @givenName, @birthDate, @wardId, @bedId, @allergyStatus)`,
  );
  const insertAllergy = db.prepare('INSERT INTO allergies (patient_id, substance, code, reaction) VALUES (?, ?, ?, ?)');
  const one = (r: PatientRow | undefined) => (r ? toRecord(r) : undefined);
  return {
    byId: (id: string) => one(byId.get(id)),
    byNhsNumber: (nhs: string) => one(inForce(byNhs.get(nhs))),
    byWristbandGsrn: (gsrn: string) => one(inForce(byGsrn.get(gsrn))),
    /** Any record with this NHS Number: discharged, deceased or merged too. */
    byNhsNumberAny: (nhs: string) => one(byNhs.get(nhs)),
    /** The record a band's GSRN or NHS Number names, in whatever state it is (discharged, deceased, merged). */
    standingByGsrn: (gsrn: string) => standing(byGsrn.get(gsrn)),
    standingByNhsNumber: (nhs: string) => standing(byNhs.get(nhs)),
    standingById: (id: string) => standing(byId.get(id)),
    /** A patient known to the hospital but on no ward (registered_patients), by NHS Number or hospital number. */
    registered: (by: { nhsNumber?: string | null; mrn?: string | null }): RegisteredPatient | undefined => {
      const r = (by.nhsNumber ? registeredByNhs.get(by.nhsNumber) : undefined) ?? (by.mrn ? registeredByMrn.get(by.mrn) : undefined);
      return r && { id: r.id, nhsNumber: r.nhs_number, mrn: r.mrn, familyName: r.family_name, givenName: r.given_name, birthDate: r.birth_date, deceased: r.deceased === 1 };
    },
    list: (wardId?: string): PatientRecord[] =>
      (wardId
        ? (db.prepare(`${SELECT} WHERE p.ward_id = ? AND ${ON_WARD} ORDER BY p.family_name`).all(wardId) as PatientRow[])
        : (db.prepare(`${SELECT} WHERE ${ON_WARD} ORDER BY p.family_name`).all() as PatientRow[])
      ).map(toRecord),
    insert: (p: NewPatient): void => {
      const { allergies, ...row } = p;
      insert.run(row);
      for (const a of allergies) insertAllergy.run(p.id, a.substance, a.code, a.reaction);
    },
  };
}
export type PatientRepository = ReturnType<typeof createPatientRepository>;
