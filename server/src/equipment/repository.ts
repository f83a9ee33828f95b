import type { EquipmentAssignment, EquipmentAssignResponse } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import { patientName } from '../domain/records.js';
import type { Asset } from './domain.js';

interface Row {
  id: string; equipment_key: string; asset_name: string | null; maintenance_due_on: string | null; patient_id: string; given_name: string; family_name: string;
  bed_label: string | null; prescription_id: string | null; transfusion_id: string | null; assigned_at: string; assigned_by: string; ward_id: string; event_id: string;
}
const SELECT = `SELECT e.*, a.name AS asset_name, a.maintenance_due_on, p.given_name, p.family_name, b.label AS bed_label
  FROM equipment_assignments e JOIN patients p ON p.id = e.patient_id LEFT JOIN beds b ON b.id = p.bed_id LEFT JOIN assets a ON a.equipment_key = e.equipment_key`;
const viewOf = (r: Row): EquipmentAssignment & { wardId: string } => ({
  id: r.id, equipmentKey: r.equipment_key, assetName: r.asset_name, maintenanceDueOn: r.maintenance_due_on, patientId: r.patient_id,
  patientName: patientName({ givenName: r.given_name, familyName: r.family_name }), bedLabel: r.bed_label, prescriptionId: r.prescription_id, transfusionId: r.transfusion_id,
  assignedAt: r.assigned_at, assignedBy: r.assigned_by, wardId: r.ward_id,
});

export interface NewAssignment {
  readonly id: string; readonly eventId: string; readonly equipmentKey: string; readonly patientId: string; readonly wardId: string;
  readonly prescriptionId: string | null; readonly transfusionId: string | null; readonly deviceId: string; readonly assignedAt: string;
  readonly assignedBy: string;
}

/** The asset register and who has which device; one open assignment per device (unique index). */
export function createEquipmentRepository(db: Db) {
  const sql = {
    asset: db.prepare<[string], { equipment_key: string; name: string; maintenance_due_on: string | null }>('SELECT * FROM assets WHERE equipment_key = ?'),
    saveAsset: db.prepare('INSERT OR REPLACE INTO assets (equipment_key, name, maintenance_due_on) VALUES (?, ?, ?)'),
    current: db.prepare<[string], Row>(`${SELECT} WHERE e.equipment_key = ? AND e.released_at IS NULL`),
    byEvent: db.prepare<[string], Row>(`${SELECT} WHERE e.event_id = ?`),
    inWard: db.prepare<[string], Row>(`${SELECT} WHERE e.released_at IS NULL AND e.ward_id = ? ORDER BY e.assigned_at`),
    inAllWards: db.prepare<[], Row>(`${SELECT} WHERE e.released_at IS NULL ORDER BY e.assigned_at`),
    assign: db.prepare(
      `INSERT INTO equipment_assignments (id, event_id, equipment_key, patient_id, ward_id, prescription_id, transfusion_id, device_id, assigned_at, assigned_by)
       VALUES (@id, @eventId, @equipmentKey, @patientId, @wardId, @prescriptionId, @transfusionId, @deviceId, @assignedAt, @assignedBy)`,
    ),
    setResponse: db.prepare('UPDATE equipment_assignments SET response = ? WHERE event_id = ?'),
    responseOf: db.prepare<[string], string | null>('SELECT response FROM equipment_assignments WHERE event_id = ?').pluck(),
    byReleaseEvent: db.prepare<[string], Row>(`${SELECT} WHERE e.release_event_id = ?`),
    release: db.prepare('UPDATE equipment_assignments SET released_at = ?, released_by = ?, release_reason = ?, release_event_id = ? WHERE id = ? AND released_at IS NULL'),
    releaseForTransfusion: db.prepare("UPDATE equipment_assignments SET released_at = ?, released_by = ?, release_reason = 'ended' WHERE transfusion_id = ? AND released_at IS NULL"),
  };
  return {
    asset: (key: string): Asset | undefined => {
      const r = sql.asset.get(key);
      return r && { equipmentKey: r.equipment_key, name: r.name, maintenanceDueOn: r.maintenance_due_on };
    },
    saveAsset: (a: Asset): void => {
      sql.saveAsset.run(a.equipmentKey, a.name, a.maintenanceDueOn);
    },
    current: (key: string) => {
      const r = sql.current.get(key);
      return r && viewOf(r);
    },
    byEvent: (eventId: string) => {
      const r = sql.byEvent.get(eventId);
      return r && viewOf(r);
    },
    /** Devices with patients now; every ward when `wardId` is undefined. */
    inUse: (wardId: string | undefined) => (wardId ? sql.inWard.all(wardId) : sql.inAllWards.all()).map(viewOf),
    assign: (a: NewAssignment): void => {
      sql.assign.run(a);
    },
    /** What the handheld was told, kept so a retried event id gets the same answer. */
    setResponse: (eventId: string, response: EquipmentAssignResponse): void => {
      sql.setResponse.run(JSON.stringify(response), eventId);
    },
    responseOf: (eventId: string): EquipmentAssignResponse | undefined => {
      const r = sql.responseOf.get(eventId);
      return r ? (JSON.parse(r) as EquipmentAssignResponse) : undefined;
    },
    /** The assignment a release request with this event id ended. */
    byReleaseEvent: (eventId: string) => {
      const r = sql.byReleaseEvent.get(eventId);
      return r && viewOf(r);
    },
    release: (id: string, at: string, by: string, reason: 'ended' | 'claimed', eventId: string | null = null): void => {
      sql.release.run(at, by, reason, eventId, id);
    },
    /** The pump running a transfusion is free once it ends. */
    releaseForTransfusion: (transfusionId: string, at: string, by: string): void => {
      sql.releaseForTransfusion.run(at, by, transfusionId);
    },
  };
}
export type EquipmentRepository = ReturnType<typeof createEquipmentRepository>;
