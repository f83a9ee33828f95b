/**
 * Issue 13, what an EPR sends in and how it authenticates:
 * - SMART Backend Services (`smart/`): registered system clients (their
 *   public JWK set and the scopes an admin allowed them), the short-lived
 *   access tokens issued to them (only a hash is kept, as for sessions) and
 *   the `jti` of every client assertion until it expires, so none is
 *   accepted twice.
 * - `registered_patients`: patients known to the hospital but on no ward
 *   (a Patient sent without an Encounter, or known by a hospital number
 *   only). They cannot be identified at a bedside; an Encounter that admits
 *   them moves them to `patients` with the same id.
 * - On `patients`: the NHS Number's verification status (UK Core
 *   NHSNumberVerificationStatus code, '01' = verified), deceased, when they
 *   were discharged (they stay for their history, off the ward list), and the
 *   record that replaced this one after a merge.
 * - On `prescriptions`: on hold (no doses due while held), a reason the order
 *   needs review by pharmacy or a nurse before its dose can be called a
 *   match (text-only dosage, a dose range), and the dose range as sent.
 * - `allergies` rebuilt with AUTOINCREMENT: an AllergyIntolerance id is
 *   never reused after one is refuted and removed.
 */
export const name = 'fhir-inbound';

export const sql = /* sql */ `
CREATE TABLE smart_clients (
  client_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  jwks TEXT NOT NULL,
  scopes TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE smart_access_tokens (
  token_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES smart_clients(client_id),
  scopes TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX smart_access_tokens_client ON smart_access_tokens(client_id);
CREATE TABLE smart_assertion_jtis (
  client_id TEXT NOT NULL,
  jti TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (client_id, jti)
) WITHOUT ROWID;

CREATE TABLE registered_patients (
  id TEXT PRIMARY KEY,
  nhs_number TEXT UNIQUE,
  mrn TEXT UNIQUE,
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  nhs_verification TEXT,
  deceased INTEGER NOT NULL DEFAULT 0 CHECK (deceased IN (0, 1)),
  deceased_at TEXT,
  registered_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (nhs_number IS NOT NULL OR mrn IS NOT NULL)
);
ALTER TABLE patients ADD COLUMN nhs_verification TEXT;
ALTER TABLE patients ADD COLUMN deceased INTEGER NOT NULL DEFAULT 0 CHECK (deceased IN (0, 1));
ALTER TABLE patients ADD COLUMN deceased_at TEXT;
ALTER TABLE patients ADD COLUMN discharged_at TEXT;
ALTER TABLE patients ADD COLUMN replaced_by TEXT REFERENCES patients(id);

ALTER TABLE prescriptions ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on-hold'));
ALTER TABLE prescriptions ADD COLUMN needs_review TEXT;
ALTER TABLE prescriptions ADD COLUMN dose_range TEXT;

CREATE TABLE allergies_013 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  substance TEXT NOT NULL,
  drug_class TEXT,
  reaction TEXT,
  code TEXT
);
INSERT INTO allergies_013 (id, patient_id, substance, drug_class, reaction, code) SELECT id, patient_id, substance, drug_class, reaction, code FROM allergies;
DROP TABLE allergies;
ALTER TABLE allergies_013 RENAME TO allergies;
CREATE INDEX allergies_patient ON allergies(patient_id);
`;
