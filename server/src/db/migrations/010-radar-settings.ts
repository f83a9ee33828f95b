/**
 * Issue 15, the workaround radar: each ward's own thresholds (only those it
 * changed, as JSON checked by `radarSettingsInputSchema`; the rest take the
 * defaults in shared/src/api/radar.ts), and who set them last. The change
 * itself is in the audit log ('ward-settings').
 */
export const name = 'radar-settings';

export const sql = /* sql */ `
CREATE TABLE radar_settings (
  ward_id TEXT PRIMARY KEY REFERENCES wards(id),
  settings TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES staff(id)
);
`;
