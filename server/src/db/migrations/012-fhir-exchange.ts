/**
 * Issue 13, what flows back to the EPR over FHIR:
 * - `prescriptions.order_identifier_system` / `_value`: the identifier the
 *   EPR's MedicationRequest was imported with (the prescription id is a hash
 *   of it and cannot be read back), so a MedicationAdministration's `request`
 *   names the EPR's own order. Written by the import (`fhir/order-identifiers.ts`);
 *   NULL for prescriptions that did not come from a FHIR import.
 * - `dose_omissions.documented_at`: when a not-given dose reached the server
 *   (its `recorded_at` is the handheld's capture time, up to 7 days earlier),
 *   as `administrations.documented_at` is for a given dose. It is the time of
 *   the omission's own audit row, copied by a trigger on that row (the chart
 *   service appends it in the same transaction, after the omission), and
 *   backfilled from the audit log here. It is MedicationAdministration
 *   meta.lastUpdated, so an incremental pull never misses a late upload.
 * - `fhir_versions`: each Patient's meta.versionId and meta.lastUpdated,
 *   kept by triggers on `patients` (any insert or update is a new version;
 *   SQLite's clock, UTC). A migration that rebuilds `patients` drops these
 *   triggers and must create them again.
 * - `fhir_outbox` and `fhir_outbox_cursor`: the outbound push
 *   (`fhir/push/`): each new administration and not-given dose queued once
 *   (by rowid since the last one queued), then POSTed until the receiver
 *   accepts it, with its back-off, surviving restarts.
 * - Indexes for the FHIR searches: a patient's doses, doses by last update,
 *   and audit rows by event id.
 */
export const name = 'fhir-exchange';

export const sql = /* sql */ `
ALTER TABLE prescriptions ADD COLUMN order_identifier_system TEXT;
ALTER TABLE prescriptions ADD COLUMN order_identifier_value TEXT;

ALTER TABLE dose_omissions ADD COLUMN documented_at TEXT;
CREATE INDEX audit_event ON audit_log(event_id);
UPDATE dose_omissions SET documented_at = (SELECT min(l.at) FROM audit_log l WHERE l.event_id = dose_omissions.event_id AND l.type = 'not-given');
CREATE TRIGGER dose_omissions_documented AFTER INSERT ON audit_log
WHEN NEW.type = 'not-given' AND NEW.event_id IS NOT NULL
BEGIN
  UPDATE dose_omissions SET documented_at = NEW.at WHERE event_id = NEW.event_id AND documented_at IS NULL;
END;

CREATE INDEX administrations_patient ON administrations(patient_id, given_at);
CREATE INDEX administrations_fhir_updated ON administrations(COALESCE(documented_at, given_at), id);
CREATE INDEX dose_omissions_patient ON dose_omissions(patient_id, slot_at);
CREATE INDEX dose_omissions_fhir_updated ON dose_omissions(COALESCE(documented_at, recorded_at), id);

CREATE TABLE fhir_versions (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  last_updated TEXT NOT NULL,
  PRIMARY KEY (resource_type, id)
) WITHOUT ROWID;
INSERT INTO fhir_versions (resource_type, id, version, last_updated)
  SELECT 'Patient', id, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM patients;
CREATE TRIGGER patients_fhir_insert AFTER INSERT ON patients
BEGIN
  INSERT INTO fhir_versions (resource_type, id, version, last_updated) VALUES ('Patient', NEW.id, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ON CONFLICT (resource_type, id) DO UPDATE SET version = version + 1, last_updated = excluded.last_updated;
END;
CREATE TRIGGER patients_fhir_update AFTER UPDATE ON patients
BEGIN
  INSERT INTO fhir_versions (resource_type, id, version, last_updated) VALUES ('Patient', NEW.id, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ON CONFLICT (resource_type, id) DO UPDATE SET version = version + 1, last_updated = excluded.last_updated;
END;

CREATE TABLE fhir_outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('given', 'not-given')),
  record_id TEXT NOT NULL,
  identifier TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_status INTEGER,
  last_error TEXT,
  delivered_at TEXT,
  UNIQUE (kind, record_id)
);
CREATE INDEX fhir_outbox_due ON fhir_outbox(next_attempt_at) WHERE delivered_at IS NULL;
CREATE TABLE fhir_outbox_cursor (
  source TEXT PRIMARY KEY CHECK (source IN ('administrations', 'dose_omissions')),
  last_rowid INTEGER NOT NULL
);
`;
