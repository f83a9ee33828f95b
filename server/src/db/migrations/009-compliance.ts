/**
 * Issue 15, compliance from the chart: the figures read every dose of a period
 * (a million on a 30-ward trust over 90 days) with how its pack was read, and
 * every stop. Scan rows hold the whole verdict (kilobytes each), so each read
 * here comes from an index alone (bench:compliance: the 90-day trust query's
 * dose read went from about 6.5 s to 3.3 s, stops from seconds to milliseconds).
 * - `administrations(ward_id, slot_at)`: a ward's first dose by scheduled time
 *   (where its records begin).
 * - `administrations_compliance`: a ward's doses in a period with every column
 *   the figures use (covering).
 * - `scan_events_product`: each dose's product scan source (scanned or typed)
 *   and failed rules (the warnings overridden), by event id (covering).
 * - `scan_events` and `transfusion_checks` by (ward_id, outcome, recorded_at):
 *   a ward's stops without reading every scan of the period.
 */
export const name = 'compliance';

export const sql = /* sql */ `
CREATE INDEX administrations_ward_slot ON administrations(ward_id, slot_at);
CREATE INDEX administrations_compliance ON administrations(ward_id, given_at, slot_at, prescription_id, patient_id, patient_id_method, documented_late, override_reason, product_scan_event_id);
CREATE INDEX scan_events_product ON scan_events(event_id, source, failed_rules);
CREATE INDEX scan_events_ward_outcome ON scan_events(ward_id, outcome, recorded_at);
CREATE INDEX transfusion_checks_ward_outcome ON transfusion_checks(ward_id, outcome, recorded_at);
`;
