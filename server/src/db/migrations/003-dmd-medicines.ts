/**
 * Medicines in dm+d terms (issue 11): the dm+d release tables, orders and
 * catalogue products that keep their dm+d codes, strengths with their
 * denominator, coded allergies with an allergy status, and the amount of each
 * ingredient given, for limits across prescriptions. Existing rows are carried
 * forward and never silently re-read: a liquid's strength that was stored
 * without its denominator stays without one, and the check says so.
 */
export const name = 'dmd-medicines';
export const sql = /* sql */ `
CREATE TABLE dmd_lookup (type TEXT NOT NULL, cd TEXT NOT NULL, description TEXT NOT NULL, PRIMARY KEY (type, cd));
CREATE TABLE dmd_vtm (vtmid TEXT PRIMARY KEY, name TEXT NOT NULL, invalid INTEGER NOT NULL DEFAULT 0);
CREATE TABLE dmd_ingredient (isid TEXT PRIMARY KEY, name TEXT NOT NULL, invalid INTEGER NOT NULL DEFAULT 0);
CREATE TABLE dmd_vmp (
  vpid TEXT PRIMARY KEY,
  vtmid TEXT,
  name TEXT NOT NULL,
  udfs TEXT,
  udfs_uomcd TEXT,
  unit_dose_uomcd TEXT,
  invalid INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dmd_vmp_vtm ON dmd_vmp(vtmid);
CREATE TABLE dmd_vpi (
  vpid TEXT NOT NULL,
  isid TEXT NOT NULL,
  numerator_value TEXT,
  numerator_uomcd TEXT,
  denominator_value TEXT,
  denominator_uomcd TEXT,
  PRIMARY KEY (vpid, isid)
);
CREATE TABLE dmd_vmp_form (vpid TEXT NOT NULL, formcd TEXT NOT NULL, PRIMARY KEY (vpid, formcd));
CREATE TABLE dmd_vmp_route (vpid TEXT NOT NULL, routecd TEXT NOT NULL, PRIMARY KEY (vpid, routecd));
CREATE TABLE dmd_amp (apid TEXT PRIMARY KEY, vpid TEXT NOT NULL, name TEXT NOT NULL, description TEXT, suppcd TEXT, invalid INTEGER NOT NULL DEFAULT 0);
CREATE INDEX dmd_amp_vmp ON dmd_amp(vpid);
CREATE TABLE dmd_vmpp (vppid TEXT PRIMARY KEY, vpid TEXT NOT NULL, name TEXT NOT NULL, qty_value TEXT, qty_uomcd TEXT, invalid INTEGER NOT NULL DEFAULT 0);
CREATE TABLE dmd_ampp (appid TEXT PRIMARY KEY, apid TEXT NOT NULL, vppid TEXT, name TEXT NOT NULL, invalid INTEGER NOT NULL DEFAULT 0);
CREATE INDEX dmd_ampp_amp ON dmd_ampp(apid);
-- GTIN supplementary file: an AMPP may have several GTINs, each valid from a start to an optional end date.
CREATE TABLE dmd_gtin (gtin TEXT NOT NULL, appid TEXT NOT NULL, start_date TEXT, end_date TEXT, PRIMARY KEY (gtin, appid));
CREATE INDEX dmd_gtin_ampp ON dmd_gtin(appid);
CREATE TABLE dmd_releases (id INTEGER PRIMARY KEY, imported_at TEXT NOT NULL, source TEXT NOT NULL, counts TEXT NOT NULL);

-- The order's medicine as the prescriber coded it (a VTM, VMP or AMP code); drug keeps its name.
ALTER TABLE prescriptions ADD COLUMN medication_code TEXT;

-- Strength per what: the denominator. Counted forms were already per one unit; liquids were not said.
ALTER TABLE products ADD COLUMN strength_per_value TEXT;
ALTER TABLE products ADD COLUMN strength_per_unit TEXT;
UPDATE products SET strength_per_value = '1', strength_per_unit = CASE form
    WHEN 'tablet' THEN 'tablet' WHEN 'capsule' THEN 'capsule' WHEN 'patch' THEN 'patch'
    WHEN 'suppository' THEN 'suppository' WHEN 'inhaler' THEN 'puff' WHEN 'drops' THEN 'drop' END
  WHERE strength_value IS NOT NULL AND form IN ('tablet', 'capsule', 'patch', 'suppository', 'inhaler', 'drops');

-- Allergies keep their SNOMED CT code; "no known drug allergies" is a status, not a substance.
ALTER TABLE allergies ADD COLUMN code TEXT;
ALTER TABLE patients ADD COLUMN allergy_status TEXT NOT NULL DEFAULT 'unknown' CHECK (allergy_status IN ('recorded', 'nkda', 'unknown'));
CREATE TEMP TABLE nkda_rows AS SELECT id, patient_id FROM allergies
  WHERE lower(trim(substance)) IN ('no known drug allergies', 'no known drug allergy', 'nkda', 'no known allergies', 'no known allergy', 'nka');
UPDATE patients SET allergy_status = 'nkda' WHERE id IN (SELECT patient_id FROM nkda_rows);
DELETE FROM allergies WHERE id IN (SELECT id FROM nkda_rows);
UPDATE patients SET allergy_status = 'recorded' WHERE id IN (SELECT patient_id FROM allergies);
DROP TABLE nkda_rows;

-- How much of each ingredient a dose gave, in the ingredient's base unit (microgram, mL, unit, micromol).
CREATE TABLE administration_ingredients (
  administration_id TEXT NOT NULL REFERENCES administrations(id),
  patient_id TEXT NOT NULL,
  given_at TEXT NOT NULL,
  substance_code TEXT,
  substance_name TEXT NOT NULL,
  amount_num TEXT NOT NULL,
  amount_den TEXT NOT NULL,
  dimension TEXT NOT NULL
);
CREATE INDEX administration_ingredients_patient ON administration_ingredients(patient_id, given_at);
`;
