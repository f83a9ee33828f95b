import type { Db } from '../db/database.js';

/** Raw facts for a ward between two instants; the day grouping is done in the ward's zone by `domain.ts`. */
export function createMetricsRepository(db: Db) {
  const doses = db.prepare<[string, string, string], { given_at: string; patient_id_method: string; override_reason: string | null }>(
    'SELECT given_at, patient_id_method, override_reason FROM administrations WHERE ward_id = ? AND given_at >= ? AND given_at < ?',
  );
  // The rules that stopped come from the stored verdict (failed_rules also lists warnings); bedside
  // scans and transfusion checks store their answers the same way.
  const stopsIn = (table: 'scan_events' | 'transfusion_checks') =>
    `SELECT recorded_at, (SELECT json_group_array(DISTINCT json_extract(c.value, '$.rule')) FROM json_each(response, '$.verdict.checks') c
       WHERE json_extract(c.value, '$.outcome') = 'stop') AS stop_rules FROM ${table} WHERE ward_id = @wardId AND outcome = 'stop' AND recorded_at >= @from AND recorded_at < @to`;
  const stops = db.prepare<[{ wardId: string; from: string; to: string }], { recorded_at: string; stop_rules: string }>(
    `${stopsIn('scan_events')} UNION ALL ${stopsIn('transfusion_checks')}`,
  );
  return {
    doses: (wardId: string, from: Date, to: Date) => doses.all(wardId, from.toISOString(), to.toISOString()),
    stops: (wardId: string, from: Date, to: Date) => stops.all({ wardId, from: from.toISOString(), to: to.toISOString() }),
  };
}
