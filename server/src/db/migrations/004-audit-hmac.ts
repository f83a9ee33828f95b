/**
 * Issue 16: each audit row carries an HMAC under a key kept outside the
 * database (audit/key.ts), so whoever can write the file cannot rewrite
 * history and recompute the hashes. Rows written before this migration are
 * sealed once, when the key and the anchor file are first made (audit/seal.ts):
 * the only update the log allows is setting a missing MAC, nothing else.
 */
export const name = 'audit-hmac';

/** The append-only guards exactly as created here: `audit:verify` reports any other text, or their absence. */
export const AUDIT_TRIGGERS = {
  audit_log_no_update: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.mac IS NULL AND NEW.mac IS NOT NULL
  AND NEW.seq IS OLD.seq AND NEW.at IS OLD.at AND NEW.type IS OLD.type AND NEW.ward_id IS OLD.ward_id
  AND NEW.patient_id IS OLD.patient_id AND NEW.user_id IS OLD.user_id AND NEW.device_id IS OLD.device_id
  AND NEW.event_id IS OLD.event_id AND NEW.outcome IS OLD.outcome AND NEW.rules IS OLD.rules
  AND NEW.summary IS OLD.summary AND NEW.detail IS OLD.detail AND NEW.prev_hash IS OLD.prev_hash AND NEW.hash IS OLD.hash)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  audit_log_no_delete: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
} as const;

export const sql = /* sql */ `
ALTER TABLE audit_log ADD COLUMN mac TEXT;
CREATE INDEX audit_unsealed ON audit_log(seq) WHERE mac IS NULL;
DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
${AUDIT_TRIGGERS.audit_log_no_update};
${AUDIT_TRIGGERS.audit_log_no_delete};
`;
