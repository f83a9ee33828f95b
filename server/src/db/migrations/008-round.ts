/**
 * Issue 12, the nurse's round:
 * - `scan_events.captured_at`: when the handheld read the barcode, by the
 *   server's clock (received minus the time it waited in the handheld's
 *   queue); null for rows from before.
 * - `administrations.documented_at` / `documented_late`: a confirmation that
 *   reached the server late keeps its original time in `given_at`, and says
 *   when it was documented.
 * - `dose_omissions`: a scheduled dose documented as not given, with the
 *   coded reason used on UK drug charts. One per scheduled dose.
 * - `administrations.indication` and `prn_reviews`: what an as-needed dose
 *   was given for, and its effect recorded at the review after it.
 * - A patient identified by choosing them from the ward list when the band
 *   will not scan ('manual'), and each ward's policy for it
 *   (`wards.manual_identification`; NULL: the default, a second nurse's badge
 *   and PIN). The device context table is rebuilt for its CHECK.
 */
export const name = 'round';

export const sql = /* sql */ `
ALTER TABLE scan_events ADD COLUMN captured_at TEXT;
ALTER TABLE administrations ADD COLUMN documented_at TEXT;
ALTER TABLE administrations ADD COLUMN documented_late INTEGER NOT NULL DEFAULT 0;
CREATE TABLE dose_omissions (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  prescription_id TEXT NOT NULL REFERENCES prescriptions(id),
  patient_id TEXT NOT NULL REFERENCES patients(id),
  ward_id TEXT NOT NULL,
  slot_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  note TEXT,
  recorded_by TEXT NOT NULL REFERENCES staff(id),
  device_id TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  response TEXT NOT NULL,
  UNIQUE (prescription_id, slot_at)
);
CREATE INDEX dose_omissions_ward_time ON dose_omissions(ward_id, slot_at);
ALTER TABLE administrations ADD COLUMN indication TEXT;
CREATE TABLE device_contexts_008 (
  device_id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  method TEXT NOT NULL CHECK (method IN ('wristband', 'keyed', 'nhs-number-barcode', 'manual')),
  identified_by_event_id TEXT NOT NULL,
  identified_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  pending_product_event_id TEXT
);
INSERT INTO device_contexts_008 SELECT device_id, staff_id, patient_id, method, identified_by_event_id, identified_at, last_activity_at, pending_product_event_id FROM device_contexts;
DROP TABLE device_contexts;
ALTER TABLE device_contexts_008 RENAME TO device_contexts;
ALTER TABLE wards ADD COLUMN manual_identification TEXT CHECK (manual_identification IN ('blocked', 'second-nurse', 'allowed'));
CREATE TABLE prn_reviews (
  administration_id TEXT PRIMARY KEY REFERENCES administrations(id),
  event_id TEXT NOT NULL UNIQUE,
  effect TEXT NOT NULL,
  note TEXT,
  recorded_by TEXT NOT NULL REFERENCES staff(id),
  recorded_at TEXT NOT NULL
);
`;
