/**
 * A handheld's positive patient ID is kept per nurse (issue 16): the device id
 * is chosen by the handheld, so another nurse sending the same id must not end
 * or replace a colleague's identification. Contexts in progress are kept: each
 * already has one nurse.
 */
export const name = 'device-context-per-nurse';

export const sql = /* sql */ `
CREATE TABLE device_contexts_018 (
  device_id TEXT NOT NULL,
  staff_id TEXT NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  method TEXT NOT NULL CHECK (method IN ('wristband', 'keyed', 'nhs-number-barcode', 'manual')),
  identified_by_event_id TEXT NOT NULL,
  identified_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  pending_product_event_id TEXT,
  PRIMARY KEY (device_id, staff_id)
);
INSERT INTO device_contexts_018 SELECT device_id, staff_id, patient_id, method, identified_by_event_id, identified_at, last_activity_at, pending_product_event_id FROM device_contexts;
DROP TABLE device_contexts;
ALTER TABLE device_contexts_018 RENAME TO device_contexts;
CREATE INDEX device_contexts_patient ON device_contexts(patient_id);
`;
