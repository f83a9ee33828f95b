import type { BloodGroup, ComponentType, SpecialRequirement, Transfusion, TransfusionCheckResponse, TransfusionOverrideReason } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import { DEFAULT_POLICY, type IssuedUnit, type IssuedUnitStatus, type TransfusionOrder, type TransfusionPolicy } from './records.js';

interface UnitRow {
  id: string; din: string; patient_id: string; order_id: string | null; component: ComponentType; blood_group: BloodGroup;
  product_code: string | null; expires_on: string; expires_at_time: string | null; issued_at: string; out_of_storage_at: string | null;
  attributes: string; status: IssuedUnitStatus;
}
interface OrderRow { id: string; patient_id: string; component: ComponentType; units: number; requirements: string; status: TransfusionOrder['status']; ordered_at: string }
interface PolicyRow { second_checker_required: number; red_cells_minutes: number; plasma_minutes: number; platelets_minutes: number; minimum_remaining_minutes: number }
interface TransfusionRow {
  id: string; event_id: string; check_event_id: string; patient_id: string; ward_id: string; issued_unit_id: string; din: string; device_id: string;
  started_at: string; started_by: string; second_checker_id: string | null; override_reason: TransfusionOverrideReason | null;
  end_event_id: string | null; ended_at: string | null; ended_by: string | null; end_outcome: Transfusion['endOutcome'];
}

/** A recorded bedside check: what the handheld was told, and who checked. */
export interface CheckRecord {
  readonly eventId: string;
  readonly deviceId: string;
  readonly staffId: string;
  readonly wardId: string | null;
  readonly patientId: string | null;
  readonly issuedUnitId: string | null;
  readonly labels: readonly string[];
  readonly secondCheckerId: string | null;
  readonly response: TransfusionCheckResponse;
  readonly recordedAt: string;
}

const unitOf = (r: UnitRow): IssuedUnit => ({
  id: r.id, din: r.din, patientId: r.patient_id, orderId: r.order_id, component: r.component, bloodGroup: r.blood_group,
  productCode: r.product_code, expiresOn: r.expires_on, expiresAtTime: r.expires_at_time, issuedAt: r.issued_at,
  outOfStorageAt: r.out_of_storage_at, attributes: JSON.parse(r.attributes) as SpecialRequirement[], status: r.status,
});
const orderOf = (r: OrderRow): TransfusionOrder => ({
  id: r.id, patientId: r.patient_id, component: r.component, units: r.units,
  requirements: JSON.parse(r.requirements) as SpecialRequirement[], status: r.status, orderedAt: r.ordered_at,
});
export const transfusionOf = (r: TransfusionRow): Transfusion => ({
  id: r.id, patientId: r.patient_id, issuedUnitId: r.issued_unit_id, din: r.din, checkEventId: r.check_event_id,
  startedAt: r.started_at, startedBy: r.started_by, secondCheckerId: r.second_checker_id, overrideReason: r.override_reason,
  endedAt: r.ended_at, endedBy: r.ended_by, endOutcome: r.end_outcome,
});

/** SQL for transfusion data; callers wrap writes with their audit row in one transaction. */
export function createTransfusionRepository(db: Db) {
  // Prepared once: every call below reuses its statement.
  const sql = {
    bloodGroupOf: db.prepare('SELECT blood_group FROM patient_blood_groups WHERE patient_id = ?'),
    setBloodGroup: db.prepare('INSERT INTO patient_blood_groups (patient_id, blood_group, recorded_at) VALUES (?, ?, ?) ON CONFLICT(patient_id) DO UPDATE SET blood_group = excluded.blood_group, recorded_at = excluded.recorded_at'),
    policyOf: db.prepare('SELECT * FROM transfusion_policies WHERE ward_id = ?'),
    setPolicy: db.prepare(`INSERT OR REPLACE INTO transfusion_policies (ward_id, second_checker_required, red_cells_minutes, plasma_minutes, platelets_minutes, minimum_remaining_minutes)
         VALUES (?, ?, ?, ?, ?, ?)`),
    insertOrder: db.prepare('INSERT INTO transfusion_orders (id, patient_id, component, units, requirements, status, ordered_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    orderById: db.prepare('SELECT * FROM transfusion_orders WHERE id = ?'),
    insertUnit: db.prepare(`INSERT INTO issued_units (id, din, patient_id, order_id, component, blood_group, product_code, expires_on, expires_at_time, issued_at, out_of_storage_at, attributes, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    unitByDin: db.prepare('SELECT * FROM issued_units WHERE din = ?'),
    unitById: db.prepare('SELECT * FROM issued_units WHERE id = ?'),
    setUnitStatus: db.prepare('UPDATE issued_units SET status = ? WHERE id = ?'),
    insertCheck: db.prepare(`INSERT INTO transfusion_checks (event_id, device_id, staff_id, ward_id, patient_id, issued_unit_id, labels, outcome, second_checker_id, response, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    checkByEvent: db.prepare('SELECT * FROM transfusion_checks WHERE event_id = ?'),
    recordSecondChecker: db.prepare('UPDATE transfusion_checks SET second_checker_id = ?, response = ?, outcome = ? WHERE event_id = ?'),
    insertTransfusion: db.prepare(`INSERT INTO transfusions (id, event_id, check_event_id, patient_id, ward_id, issued_unit_id, din, device_id, started_at, started_by, second_checker_id, override_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    transfusionById: db.prepare('SELECT * FROM transfusions WHERE id = ?'),
    transfusionByEvent: db.prepare('SELECT * FROM transfusions WHERE event_id = ?'),
    ordersOf: db.prepare('SELECT * FROM transfusion_orders WHERE patient_id = ? ORDER BY ordered_at'),
    unitsOf: db.prepare('SELECT * FROM issued_units WHERE patient_id = ? ORDER BY issued_at, din'),
    runningOf: db.prepare('SELECT * FROM transfusions WHERE patient_id = ? AND ended_at IS NULL ORDER BY started_at'),
    endTransfusion: db.prepare('UPDATE transfusions SET end_event_id = ?, ended_at = ?, ended_by = ?, end_outcome = ? WHERE id = ? AND ended_at IS NULL'),
  };
  return {
    bloodGroupOf: (patientId: string): BloodGroup | null =>
      (sql.bloodGroupOf.pluck().get(patientId) as BloodGroup | undefined) ?? null,
    setBloodGroup: (patientId: string, group: BloodGroup, at: string): void => {
      sql.setBloodGroup.run(patientId, group, at);
    },
    policyOf: (wardId: string): TransfusionPolicy => {
      const r = sql.policyOf.get(wardId) as PolicyRow | undefined;
      if (!r) return DEFAULT_POLICY;
      return {
        secondCheckerRequired: r.second_checker_required === 1,
        coldChainMinutes: { 'red-cells': r.red_cells_minutes, plasma: r.plasma_minutes, platelets: r.platelets_minutes },
        minimumRemainingMinutes: r.minimum_remaining_minutes,
      };
    },
    setPolicy: (wardId: string, p: TransfusionPolicy): void => {
      sql.setPolicy.run(wardId, p.secondCheckerRequired ? 1 : 0, p.coldChainMinutes['red-cells'], p.coldChainMinutes.plasma, p.coldChainMinutes.platelets, p.minimumRemainingMinutes);
    },
    insertOrder: (o: TransfusionOrder): void => {
      sql.insertOrder.run(
        o.id, o.patientId, o.component, o.units, JSON.stringify(o.requirements), o.status, o.orderedAt,
      );
    },
    orderById: (id: string): TransfusionOrder | undefined => {
      const r = sql.orderById.get(id) as OrderRow | undefined;
      return r && orderOf(r);
    },
    insertUnit: (u: IssuedUnit): void => {
      sql.insertUnit.run(u.id, u.din, u.patientId, u.orderId, u.component, u.bloodGroup, u.productCode, u.expiresOn, u.expiresAtTime, u.issuedAt, u.outOfStorageAt, JSON.stringify(u.attributes), u.status);
    },
    unitByDin: (din: string): IssuedUnit | undefined => {
      const r = sql.unitByDin.get(din) as UnitRow | undefined;
      return r && unitOf(r);
    },
    unitById: (id: string): IssuedUnit | undefined => {
      const r = sql.unitById.get(id) as UnitRow | undefined;
      return r && unitOf(r);
    },
    setUnitStatus: (id: string, status: IssuedUnitStatus): void => {
      sql.setUnitStatus.run(status, id);
    },
    insertCheck: (c: CheckRecord): void => {
      sql.insertCheck.run(c.eventId, c.deviceId, c.staffId, c.wardId, c.patientId, c.issuedUnitId, JSON.stringify(c.labels), c.response.verdict.outcome, c.secondCheckerId, JSON.stringify(c.response), c.recordedAt);
    },
    checkByEvent: (eventId: string): CheckRecord | undefined => {
      const r = sql.checkByEvent.get(eventId) as
        | { event_id: string; device_id: string; staff_id: string; ward_id: string | null; patient_id: string | null; issued_unit_id: string | null; labels: string; second_checker_id: string | null; response: string; recorded_at: string }
        | undefined;
      return (
        r && {
          eventId: r.event_id, deviceId: r.device_id, staffId: r.staff_id, wardId: r.ward_id, patientId: r.patient_id, issuedUnitId: r.issued_unit_id,
          labels: JSON.parse(r.labels) as string[], secondCheckerId: r.second_checker_id, response: JSON.parse(r.response) as TransfusionCheckResponse, recordedAt: r.recorded_at,
        }
      );
    },
    recordSecondChecker: (eventId: string, staffId: string, response: TransfusionCheckResponse): void => {
      sql.recordSecondChecker.run(staffId, JSON.stringify(response), response.verdict.outcome, eventId);
    },
    insertTransfusion: (t: Transfusion & { eventId: string; wardId: string; deviceId: string }): void => {
      sql.insertTransfusion.run(t.id, t.eventId, t.checkEventId, t.patientId, t.wardId, t.issuedUnitId, t.din, t.deviceId, t.startedAt, t.startedBy, t.secondCheckerId, t.overrideReason);
    },
    transfusionById: (id: string): (Transfusion & { wardId: string; eventId: string; endEventId: string | null }) | undefined => {
      const r = sql.transfusionById.get(id) as TransfusionRow | undefined;
      return r && { ...transfusionOf(r), wardId: r.ward_id, eventId: r.event_id, endEventId: r.end_event_id };
    },
    transfusionByEvent: (eventId: string): Transfusion | undefined => {
      const r = sql.transfusionByEvent.get(eventId) as TransfusionRow | undefined;
      return r && transfusionOf(r);
    },
    ordersOf: (patientId: string): TransfusionOrder[] =>
      (sql.ordersOf.all(patientId) as OrderRow[]).map(orderOf),
    unitsOf: (patientId: string): IssuedUnit[] => (sql.unitsOf.all(patientId) as UnitRow[]).map(unitOf),
    /** Transfusions of this patient not yet ended. */
    runningOf: (patientId: string): Transfusion[] =>
      (sql.runningOf.all(patientId) as TransfusionRow[]).map(transfusionOf),
    endTransfusion: (id: string, endEventId: string, at: string, by: string, outcome: NonNullable<Transfusion['endOutcome']>): void => {
      sql.endTransfusion.run(endEventId, at, by, outcome, id);
    },
  };
}
export type TransfusionRepository = ReturnType<typeof createTransfusionRepository>;
