import type { Db } from '../db/database.js';
import type { Schedule } from '../domain/records.js';
import type { GivenFact, OmissionFact, OrderFact, StopFact } from './compliance.js';
import type { HoldSpan } from '../domain/records.js';
import { holdSpansByOrder } from '../prescriptions/repository.js';

const DAY = 24 * 60 * 60_000;
/** A dose given this far from its scheduled time still belongs to it: load that much either side of the period. */
const SLACK = DAY;

type GivenRow = [string, string, string, number | null, number, GivenFact['patientIdMethod'], number, number, string | null];
type OmissionRow = [string, string, string, number, string];
/** An ISO instant as epoch milliseconds, worked out by SQLite: no string per row for the JavaScript heap to collect. */
const ms = (column: string) => `CAST(round(unixepoch(${column}, 'subsec') * 1000) AS INTEGER)`;

// Overrides and stops come from the bedside records, not the audit log: the same facts, joined by key
// (the product scan of each administration: its source, scanned or typed, and its failed rules, the
// warnings overridden). Both are read from migration 009's covering index on scan_events, named here:
// without statistics the planner would take the primary key's index and read each scan's row, stored
// verdict and all; the administrations' own columns come from its covering index.
const GIVEN_COLUMNS = `a.prescription_id, a.patient_id, a.ward_id, ${ms('a.slot_at')}, ${ms('a.given_at')}, a.patient_id_method, a.documented_late,
  s.source = 'keyboard', CASE WHEN a.override_reason IS NOT NULL THEN s.failed_rules END`;
const WITH_SCAN = 'JOIN scan_events s INDEXED BY scan_events_product ON s.event_id = a.product_scan_event_id';

const toGiven = (r: GivenRow): GivenFact => ({
  prescriptionId: r[0],
  patientId: r[1],
  wardId: r[2],
  slotAt: r[3],
  givenAt: r[4],
  patientIdMethod: r[5],
  documentedLate: r[6] === 1,
  productKeyed: r[7] === 1,
  overriddenRules: r[8] === null ? null : (JSON.parse(r[8]) as string[]),
});
const toOmission = (r: OmissionRow): OmissionFact => ({ prescriptionId: r[0], patientId: r[1], wardId: r[2], slotAt: r[3], reason: r[4] });
/** Rows read one at a time (iterate), not as one array of arrays first: half the time on a million doses, most of it the collector's. */
const mapRows = <R, T>(rows: IterableIterator<R>, to: (r: R) => T): T[] => {
  const out: T[] = [];
  for (const r of rows) out.push(to(r));
  return out;
};
type OrderRow = { id: string; patient_id: string; schedule: string; starts_at: string; stops_at: string | null };
const toOrder =
  (holds: ReadonlyMap<string, HoldSpan[]>) =>
  (r: OrderRow): OrderFact => ({
    id: r.id,
    patientId: r.patient_id,
    schedule: JSON.parse(r.schedule) as Schedule,
    startsAt: r.starts_at,
    stopsAt: r.stops_at,
    holds: holds.get(r.id) ?? [],
  });

/**
 * The facts the compliance figures are computed from (compliance.ts), read
 * for a period `[start, end)`: orders in force in it, doses documented in it
 * (given within a day either side, for doses given early or late), omissions
 * and stops. Either for all wards (the trust view) or for the patients of one
 * ward: those on it now or documented on it in the period, with all their
 * records, so a dose missed before a transfer is placed by where they were.
 */
export function createComplianceRepository(db: Db) {
  const json = (ids: readonly string[]) => JSON.stringify(ids);
  const wards = db.prepare<[], { id: string; name: string; time_zone: string }>('SELECT id, name, time_zone FROM wards ORDER BY name, id');
  const firstRecord = db.prepare<{ wardId: string }, string | null>(
    `SELECT min(t) FROM (
       SELECT min(recorded_at) AS t FROM scan_events WHERE ward_id = @wardId
       UNION ALL SELECT min(given_at) FROM administrations WHERE ward_id = @wardId
       UNION ALL SELECT min(slot_at) FROM administrations WHERE ward_id = @wardId
       UNION ALL SELECT min(slot_at) FROM dose_omissions WHERE ward_id = @wardId
       UNION ALL SELECT min(recorded_at) FROM transfusion_checks WHERE ward_id = @wardId)`,
  ).pluck();
  const patientsOf = db.prepare<{ wardId: string; from: string; to: string }, string>(
    `SELECT id FROM patients WHERE ward_id = @wardId
     UNION SELECT patient_id FROM administrations WHERE ward_id = @wardId AND given_at >= @from AND given_at < @to
     UNION SELECT patient_id FROM dose_omissions WHERE ward_id = @wardId AND slot_at >= @from AND slot_at < @to`,
  ).pluck();
  const patientWards = db.prepare<[], { id: string; ward_id: string }>('SELECT id, ward_id FROM patients');
  const inForce = 'starts_at < @to AND (stops_at IS NULL OR stops_at > @from)';
  const allOrders = db.prepare<{ from: string; to: string }, OrderRow>(`SELECT id, patient_id, schedule, starts_at, stops_at FROM prescriptions WHERE ${inForce}`);
  const ordersOf = db.prepare<{ ids: string; from: string; to: string }, OrderRow>(
    `SELECT id, patient_id, schedule, starts_at, stops_at FROM prescriptions WHERE patient_id IN (SELECT value FROM json_each(@ids)) AND ${inForce}`,
  );
  // When orders were on hold or waiting for review (order_holds): no dose of theirs was due meanwhile.
  const holdSpans = db.prepare<{ from: string; to: string }, { prescription_id: string; from_at: string; to_at: string | null }>(
    'SELECT prescription_id, from_at, to_at FROM order_holds WHERE from_at < @to AND (to_at IS NULL OR to_at > @from)',
  );
  const holdsIn = (period: { from: string; to: string }): Map<string, HoldSpan[]> => holdSpansByOrder(holdSpans.iterate(period));
  const givenOnWards = db
    .prepare<{ ids: string; from: string; to: string }, GivenRow>(
      `SELECT ${GIVEN_COLUMNS} FROM administrations a ${WITH_SCAN} WHERE a.ward_id IN (SELECT value FROM json_each(@ids)) AND a.given_at >= @from AND a.given_at < @to`,
    )
    .raw(true);
  const givenFor = db
    .prepare<{ ids: string; from: string; to: string }, GivenRow>(
      `SELECT ${GIVEN_COLUMNS} FROM json_each(@ids) j JOIN administrations a ON a.prescription_id = j.value ${WITH_SCAN} WHERE a.given_at >= @from AND a.given_at < @to`,
    )
    .raw(true);
  const OMISSION_COLUMNS = `o.prescription_id, o.patient_id, o.ward_id, ${ms('o.slot_at')}, o.reason`;
  const omittedOnWards = db
    .prepare<{ ids: string; from: string; to: string }, OmissionRow>(
      `SELECT ${OMISSION_COLUMNS} FROM dose_omissions o WHERE o.ward_id IN (SELECT value FROM json_each(@ids)) AND o.slot_at >= @from AND o.slot_at < @to`,
    )
    .raw(true);
  const omittedFor = db
    .prepare<{ ids: string; from: string; to: string }, OmissionRow>(
      `SELECT ${OMISSION_COLUMNS} FROM json_each(@ids) j JOIN dose_omissions o ON o.prescription_id = j.value WHERE o.slot_at >= @from AND o.slot_at < @to`,
    )
    .raw(true);
  // The rules that stopped come from the stored verdict (failed_rules also lists warnings), as metrics/repository.ts reads them.
  const stopsIn = (table: 'scan_events' | 'transfusion_checks') =>
    `SELECT ward_id, recorded_at, (SELECT json_group_array(DISTINCT json_extract(c.value, '$.rule')) FROM json_each(response, '$.verdict.checks') c
       WHERE json_extract(c.value, '$.outcome') = 'stop') FROM ${table} WHERE ward_id IN (SELECT value FROM json_each(@ids)) AND outcome = 'stop' AND recorded_at >= @from AND recorded_at < @to`;
  const stops = db.prepare<{ ids: string; from: string; to: string }, [string, string, string]>(`${stopsIn('scan_events')} UNION ALL ${stopsIn('transfusion_checks')}`).raw(true);

  const range = (start: Date, end: Date) => ({ from: start.toISOString(), to: end.toISOString() });
  const slack = (start: Date, end: Date) => range(new Date(start.getTime() - SLACK), new Date(end.getTime() + SLACK));
  return {
    wards: () => wards.all().map((w) => ({ id: w.id, name: w.name, timeZone: w.time_zone })),
    /** The ward's first record: a scan, a dose (its time or its scheduled time), an omission or a blood check. */
    recordsFrom: (wardId: string): number | null => {
      const t = firstRecord.get({ wardId });
      return t ? Date.parse(t) : null;
    },
    patientWards: (): Map<string, string> => new Map(patientWards.all().map((p) => [p.id, p.ward_id])),
    /** Everything on these wards in [start, end). */
    forWards: (wardIds: readonly string[], start: Date, end: Date) => {
      const ids = json(wardIds);
      return {
        orders: allOrders.all(range(start, end)).map(toOrder(holdsIn(range(start, end)))),
        given: mapRows(givenOnWards.iterate({ ids, ...slack(start, end) }), toGiven),
        omissions: mapRows(omittedOnWards.iterate({ ids, ...range(start, end) }), toOmission),
        stops: stops.all({ ids, ...range(start, end) }).map((r): StopFact => ({ wardId: r[0], at: Date.parse(r[1]), rules: JSON.parse(r[2]) as string[] })),
      };
    },
    /** One ward's patients in [start, end) with all their orders and records, on any ward. */
    forWardPatients: (wardId: string, start: Date, end: Date) => {
      const patients = patientsOf.all({ wardId, ...slack(start, end) });
      const orders = ordersOf.all({ ids: json(patients), ...range(start, end) }).map(toOrder(holdsIn(range(start, end))));
      const orderIds = json(orders.map((o) => o.id));
      return {
        orders,
        given: mapRows(givenFor.iterate({ ids: orderIds, ...slack(start, end) }), toGiven),
        omissions: mapRows(omittedFor.iterate({ ids: orderIds, ...range(start, end) }), toOmission),
        stops: stops.all({ ids: json([wardId]), ...range(start, end) }).map((r): StopFact => ({ wardId: r[0], at: Date.parse(r[1]), rules: JSON.parse(r[2]) as string[] })),
      };
    },
  };
}
export type ComplianceRepository = ReturnType<typeof createComplianceRepository>;
