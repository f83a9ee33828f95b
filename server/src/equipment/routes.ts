import { randomUUID } from 'node:crypto';
import {
  equipmentAssignmentsQuerySchema,
  equipmentAssignRequestSchema,
  equipmentReleaseRequestSchema,
  interpretScan,
  worstOutcome,
  type EquipmentAssignResponse,
  type EquipmentReleaseResponse,
  type Verdict,
} from '@wardscan/shared';
import { Router } from 'express';
import { requireRole, requireWardAccess } from '../auth/service.js';
import { wardDate } from '../domain/ward-time.js';
import { conflict, invalid } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { verdictAlerts } from '../realtime/verdict-alerts.js';
import { identifiedPatient } from '../devices/identified-patient.js';
import { deviceChecks, equipmentKeyOf } from './domain.js';
import { interpretOptions } from '../config.js';

const strip = <T extends { wardId: string }>({ wardId: _w, ...view }: T) => view;

/** Devices at the bedside: associate with the identified patient and infusion, release, and the ward's view of who has what. */
export function equipmentRoutes(deps: AppDeps): Router {
  const router = Router();
  const { equipment, transfusions } = deps.repos;

  router.post('/equipment/assign', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'nurse', 'ward-manager');
    const body = parseInput(equipmentAssignRequestSchema, req.body, 'equipment assignment');
    const earlier = equipment.responseOf(body.eventId);
    if (earlier) {
      res.json({ ...earlier, replayed: true });
      return;
    }
    const now = deps.config.now();
    const { patient } = identifiedPatient(deps.repos, deps.config.patientContextSeconds, user, now, body.deviceId);
    const scan = interpretScan(body.raw, interpretOptions(deps.config));
    if (!scan.ok) throw invalid(`raw: ${scan.error.message}`, 'raw');
    const key = equipmentKeyOf(scan.scan);
    if (!key.ok) throw invalid(`raw: ${key.message}`, 'raw');
    if (scan.scan.kind === 'product' && deps.repos.products.byGtin(scan.scan.gtin)?.kind === 'drug') throw invalid('raw: this is a drug pack, not a device.', 'raw');
    if (body.prescriptionId && deps.repos.prescriptions.byId(body.prescriptionId)?.patientId !== patient.id) {
      throw invalid('prescriptionId: not a prescription of the identified patient.', 'prescriptionId');
    }
    if (body.transfusionId) {
      const t = transfusions.transfusionById(body.transfusionId);
      if (!t || t.patientId !== patient.id || t.endedAt !== null) throw invalid('transfusionId: not a running transfusion of the identified patient.', 'transfusionId');
    }
    const checks = deviceChecks(equipment.asset(key.key), wardDate(now, deps.repos.wards.timeZone(patient.wardId) ?? 'Europe/London'));
    const outcome = worstOutcome(checks);
    const verdict: Verdict = { outcome, title: outcome === 'match' ? 'Device associated with the patient.' : `Device associated, with a warning: ${checks.find((c) => c.outcome !== 'pass')?.message ?? ''}`, checks };
    const at = now.toISOString();
    const previous = equipment.current(key.key);
    const id = `equipment-${randomUUID()}`;
    const response = deps.repos.transaction((): EquipmentAssignResponse => {
      // Another patient claiming the device ends its previous association.
      if (previous) equipment.release(previous.id, at, user.id, 'claimed');
      equipment.assign({ id, eventId: body.eventId, equipmentKey: key.key, patientId: patient.id, wardId: patient.wardId, prescriptionId: body.prescriptionId ?? null, transfusionId: body.transfusionId ?? null, deviceId: body.deviceId, assignedAt: at, assignedBy: user.id });
      const assignment = equipment.byEvent(body.eventId);
      if (!assignment) throw new Error('The assignment just written cannot be read back.');
      const answer: EquipmentAssignResponse = { eventId: body.eventId, assignment: strip(assignment), released: previous ? strip(previous) : null, verdict, replayed: false };
      equipment.setResponse(body.eventId, answer);
      deps.repos.audit.append(
        {
          type: 'scan', wardId: patient.wardId, patientId: patient.id, userId: user.id, deviceId: body.deviceId, eventId: body.eventId, outcome,
          rules: checks.filter((c) => c.outcome !== 'pass').map((c) => c.rule), summary: `Device ${key.key} associated with the patient`,
          detail: { equipment: 'assign', equipmentKey: key.key, prescriptionId: body.prescriptionId ?? null, transfusionId: body.transfusionId ?? null, releasedFrom: previous?.patientId ?? null },
        },
        now,
      );
      return answer;
    });
    deps.emitAlerts(verdictAlerts({ user, patient, deviceId: body.deviceId, eventId: body.eventId, now }, verdict));
    res.status(201).json(response);
  });

  router.post('/equipment/release', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'nurse', 'ward-manager');
    const body = parseInput(equipmentReleaseRequestSchema, req.body, 'equipment release');
    const earlier = equipment.byReleaseEvent(body.eventId);
    if (earlier) {
      const response: EquipmentReleaseResponse = { eventId: body.eventId, released: strip(earlier), replayed: true };
      res.json(response);
      return;
    }
    const current = equipment.current(body.equipmentKey);
    if (!current) throw conflict('This device is not with any patient.', 'equipmentKey');
    requireWardAccess(user, current.wardId, 'nurse', 'ward-manager');
    const now = deps.config.now();
    deps.repos.transaction(() => {
      equipment.release(current.id, now.toISOString(), user.id, 'ended', body.eventId);
      deps.repos.audit.append(
        { type: 'scan', wardId: current.wardId, patientId: current.patientId, userId: user.id, deviceId: body.deviceId, eventId: body.eventId, summary: `Device ${body.equipmentKey} released`, detail: { equipment: 'release', equipmentKey: body.equipmentKey } },
        now,
      );
    });
    const response: EquipmentReleaseResponse = { eventId: body.eventId, released: strip(current), replayed: false };
    res.json(response);
  });

  router.get('/equipment/assignments', (req, res) => {
    const user = userOf(res);
    const q = parseInput(equipmentAssignmentsQuerySchema, req.query, 'query');
    const wardId = q.wardId ?? user.wardId ?? undefined;
    if (wardId) requireWardAccess(user, wardId, 'nurse', 'ward-manager');
    else requireRole(user, 'admin');
    res.json(equipment.inUse(wardId).map(strip));
  });
  return router;
}
