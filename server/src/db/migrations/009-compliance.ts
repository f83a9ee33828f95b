/**
 * Issue 15, compliance from the chart: the figures read every dose of a period
 * with how its pack was read.
 * - `administrations(ward_id, slot_at)`: a ward's first dose by scheduled time
 *   (where its records begin) without reading all its doses.
 * - `scan_events(event_id, source)`: each dose's product scan source (scanned
 *   or typed) from the index alone, not the scan's row with its stored verdict.
 * - `scan_events` and `transfusion_checks` by (ward_id, outcome, recorded_at):
 *   a ward's stops in a period without reading every scan of the period (a
 *   row holds the whole verdict: a 90-day trust view read gigabytes).
 */
export const name = 'compliance';

export const sql = /* sql */ `
CREATE INDEX administrations_ward_slot ON administrations(ward_id, slot_at);
CREATE INDEX scan_events_source ON scan_events(event_id, source);
CREATE INDEX scan_events_ward_outcome ON scan_events(ward_id, outcome, recorded_at);
CREATE INDEX transfusion_checks_ward_outcome ON transfusion_checks(ward_id, outcome, recorded_at);
`;
