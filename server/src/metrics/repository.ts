import type { Db } from '../db/database.js';

/** Raw facts for a ward between two instants; the day grouping is done in the ward's zone by `domain.ts`. */
export function createMetricsRepository(db: Db) {
  const doses = db.prepare<[string, string, string], { given_at: string; patient_id_method: string; override_reason: string | null }>(
    'SELECT given_at, patient_id_method, override_reason FROM administrations WHERE ward_id = ? AND given_at >= ? AND given_at < ?',
  );
  // The rules that stopped come from the stored verdict: failed_rules also lists warnings.
  const stops = db.prepare<[string, string, string], { recorded_at: string; stop_rules: string }>(
    `SELECT recorded_at, (SELECT json_group_array(DISTINCT json_extract(c.value, '$.rule')) FROM json_each(response, '$.verdict.checks') c
       WHERE json_extract(c.value, '$.outcome') = 'stop') AS stop_rules FROM scan_events WHERE ward_id = ? AND outcome = 'stop' AND recorded_at >= ? AND recorded_at < ?`,
  );
  return {
    doses: (wardId: string, from: Date, to: Date) => doses.all(wardId, from.toISOString(), to.toISOString()),
    stops: (wardId: string, from: Date, to: Date) => stops.all(wardId, from.toISOString(), to.toISOString()),
  };
}
