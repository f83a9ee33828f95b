/**
 * Issue 14: a plain NHS Number barcode (Code 128 or QR, from notes or a
 * label) is not the DCB1077 wristband, so it is recorded as its own
 * identification method, and each ward chooses whether it identifies a
 * patient. SQLite cannot change a CHECK constraint in place: the device
 * context table is rebuilt with its rows.
 */
export const name = 'plain-nhs-number';
export const sql = /* sql */ `
CREATE TABLE device_contexts_005 (
  device_id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  method TEXT NOT NULL CHECK (method IN ('wristband', 'keyed', 'nhs-number-barcode')),
  identified_by_event_id TEXT NOT NULL,
  identified_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  pending_product_event_id TEXT
);
INSERT INTO device_contexts_005 (device_id, staff_id, patient_id, method, identified_by_event_id, identified_at, last_activity_at, pending_product_event_id)
  SELECT device_id, staff_id, patient_id, method, identified_by_event_id, identified_at, last_activity_at, pending_product_event_id FROM device_contexts;
DROP TABLE device_contexts;
ALTER TABLE device_contexts_005 RENAME TO device_contexts;
-- NULL: the server's WARDSCAN_ACCEPT_PLAIN_NHS_NUMBER decides.
ALTER TABLE wards ADD COLUMN plain_nhs_number TEXT CHECK (plain_nhs_number IN ('identifies', 'refused'));
`;
