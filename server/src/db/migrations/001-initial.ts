/** The first schema: the ward, its people, the catalogue, and the bedside record. */
export const name = 'initial';
export const sql = /* sql */ `
CREATE TABLE wards (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL DEFAULT 'Europe/London'
);
CREATE TABLE beds (
  id TEXT PRIMARY KEY,
  ward_id TEXT NOT NULL REFERENCES wards(id),
  label TEXT NOT NULL,
  gln TEXT NOT NULL UNIQUE
);
CREATE TABLE patients (
  id TEXT PRIMARY KEY,
  nhs_number TEXT NOT NULL UNIQUE,
  wristband_gsrn TEXT UNIQUE,
  mrn TEXT,
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  ward_id TEXT NOT NULL REFERENCES wards(id),
  bed_id TEXT UNIQUE REFERENCES beds(id)
);
CREATE TABLE allergies (
  id INTEGER PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  substance TEXT NOT NULL,
  drug_class TEXT,
  reaction TEXT
);
CREATE INDEX allergies_patient ON allergies(patient_id);
CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('nurse', 'pharmacist', 'ward-manager', 'admin')),
  ward_id TEXT REFERENCES wards(id),
  badge_gsrn TEXT UNIQUE,
  password_hash TEXT NOT NULL,
  pin_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE products (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('drug', 'device')),
  name TEXT NOT NULL,
  drug TEXT,
  drug_class TEXT,
  dmd_code TEXT,
  strength_value TEXT,
  strength_unit TEXT,
  form TEXT NOT NULL,
  routes TEXT NOT NULL,
  high_alert INTEGER NOT NULL,
  scored INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE product_gtins (
  gtin TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products(id)
);
CREATE INDEX product_gtins_product ON product_gtins(product_id);
CREATE TABLE recalls (
  id TEXT PRIMARY KEY,
  gtin TEXT NOT NULL,
  batch TEXT NOT NULL,
  reason TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  lifted_at TEXT,
  lifted_by TEXT
);
CREATE INDEX recalls_gtin ON recalls(gtin);
CREATE TABLE prescriptions (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  drug TEXT NOT NULL,
  product_id TEXT REFERENCES products(id),
  dose_value TEXT NOT NULL,
  dose_unit TEXT NOT NULL,
  route TEXT NOT NULL,
  schedule TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  stops_at TEXT
);
CREATE INDEX prescriptions_patient ON prescriptions(patient_id);
-- One row per handheld: the positive patient ID it currently holds.
CREATE TABLE device_contexts (
  device_id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  method TEXT NOT NULL CHECK (method IN ('wristband', 'keyed')),
  identified_by_event_id TEXT NOT NULL,
  identified_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  pending_product_event_id TEXT
);
CREATE TABLE scan_events (
  event_id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  ward_id TEXT,
  patient_id TEXT,
  source TEXT NOT NULL,
  raw TEXT NOT NULL,
  kind TEXT NOT NULL,
  outcome TEXT NOT NULL,
  failed_rules TEXT NOT NULL,
  prescription_id TEXT,
  product_id TEXT,
  slot_at TEXT,
  patient_id_method TEXT,
  witness_staff_id TEXT,
  response TEXT NOT NULL,
  scanned_at TEXT,
  recorded_at TEXT NOT NULL
);
CREATE INDEX scan_events_ward_time ON scan_events(ward_id, recorded_at);
CREATE TABLE administrations (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  prescription_id TEXT NOT NULL REFERENCES prescriptions(id),
  patient_id TEXT NOT NULL REFERENCES patients(id),
  ward_id TEXT NOT NULL,
  product_scan_event_id TEXT NOT NULL UNIQUE REFERENCES scan_events(event_id),
  device_id TEXT NOT NULL,
  given_at TEXT NOT NULL,
  given_by TEXT NOT NULL REFERENCES staff(id),
  witnessed_by TEXT REFERENCES staff(id),
  override_reason TEXT,
  dose_text TEXT NOT NULL,
  slot_at TEXT,
  patient_id_method TEXT NOT NULL,
  response TEXT NOT NULL
);
CREATE INDEX administrations_prescription ON administrations(prescription_id, given_at);
CREATE INDEX administrations_ward_time ON administrations(ward_id, given_at);
-- Append-only: every row's hash chains it to the row before (audit/hash.ts).
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  ward_id TEXT,
  patient_id TEXT,
  user_id TEXT,
  device_id TEXT,
  event_id TEXT,
  outcome TEXT,
  rules TEXT NOT NULL,
  summary TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_ward_time ON audit_log(ward_id, at);
CREATE INDEX audit_patient ON audit_log(patient_id);
CREATE INDEX audit_user ON audit_log(user_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`;
