import { randomUUID } from 'node:crypto';
import {
  eventIdSchema,
  idSchema,
  TRANSFUSION_OVERRIDE_REASONS,
  interpretScan,
  secondCheckerRequestSchema,
  transfusionCheckRequestSchema,
  transfusionEndRequestSchema,
  transfusionPolicySchema,
  transfusionStartRequestSchema,
  type PatientTransfusions,
  type Transfusion,
  type TransfusionStepResponse,
} from '@wardscan/shared';
import { overrideAlert } from '../realtime/verdict-alerts.js';
import { Router } from 'express';
import { requireRole, requireWardAccess } from '../auth/service.js';
import { conflict, invalid, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { evaluate, identifiedPatient, problemRules, recordCheck, unitView, type Env } from './service.js';
import { interpretOptions } from '../config.js';

/**
 * Bedside transfusion: check a bag against the wristband-identified patient,
 * add the second checker, start, end. Every step is committed with its audit
 * row before the answer is sent.
 */
export function transfusionRoutes(deps: AppDeps): Router {
  const router = Router();
  const { transfusions, equipment } = deps.repos;
  const envOf = (res: Parameters<typeof userOf>[0]): Env => {
    const user = userOf(res);
    requireRole(user, 'nurse', 'ward-manager');
    return { deps, user, now: deps.config.now() };
  };

  router.post('/transfusions/check', (req, res) => {
    const env = envOf(res);
    const body = parseInput(transfusionCheckRequestSchema, req.body, 'transfusion check');
    const earlier = transfusions.checkByEvent(body.eventId);
    if (earlier) {
      if (earlier.staffId !== env.user.id) throw conflict('This event id was already used by someone else.', 'eventId');
      res.json({ ...earlier.response, replayed: true });
      return;
    }
    const { response, alerts } = recordCheck(env, body.deviceId, body.eventId, body.labels);
    deps.emitAlerts(alerts);
    res.status(201).json(response);
  });

  router.post('/transfusions/checks/:eventId/second-checker', (req, res) => {
    const env = envOf(res);
    const checkEventId = parseInput(eventIdSchema, req.params.eventId, 'check event id');
    const body = parseInput(secondCheckerRequestSchema, req.body, 'second checker');
    const check = transfusions.checkByEvent(checkEventId);
    if (!check || check.staffId !== env.user.id || check.deviceId !== body.deviceId) throw notFound('Transfusion check on this handheld');
    if (check.response.verdict.witness !== 'required') throw conflict('This check does not need a second checker now.');
    const scan = interpretScan(body.raw, interpretOptions(deps.config));
    if (!scan.ok || scan.scan.kind !== 'staff') throw invalid('raw: scan the second checker’s staff badge.', 'raw');
    const badge = deps.repos.staff.byBadge(scan.scan.gsrn);
    if (!badge || !badge.active) throw invalid('raw: badge not recognised. The second checker must be registered staff.', 'raw');
    if (badge.id === env.user.id) throw invalid('raw: the second checker must be another person.', 'raw');
    if (badge.role === 'admin') throw invalid(`raw: ${badge.name} cannot check blood: the second checker must be clinical staff.`, 'raw');
    const { patient, method } = identifiedPatient(env, body.deviceId);
    if (patient.id !== check.patientId) throw conflict('The handheld now holds another patient. Start the check again.', 'deviceId');
    const { verdict } = evaluate(env, patient, method, check.labels, badge.name);
    const response = { ...check.response, verdict };
    deps.repos.transaction(() => {
      transfusions.recordSecondChecker(checkEventId, badge.id, response);
      deps.repos.audit.append(
        {
          type: 'witness', wardId: patient.wardId, patientId: patient.id, userId: env.user.id, deviceId: body.deviceId, eventId: checkEventId,
          outcome: verdict.outcome, rules: problemRules(verdict),
          summary: `Transfusion second check by ${badge.name}`, detail: { transfusion: 'second-checker', secondCheckerId: badge.id },
        },
        env.now,
      );
    });
    res.json(response);
  });

  router.post('/transfusions/start', (req, res) => {
    const env = envOf(res);
    const body = parseInput(transfusionStartRequestSchema, req.body, 'transfusion start');
    const replay = transfusions.transfusionByEvent(body.eventId);
    if (replay) {
      const response: TransfusionStepResponse = { eventId: body.eventId, transfusion: replay, replayed: true };
      res.json(response);
      return;
    }
    const check = transfusions.checkByEvent(body.checkEventId);
    if (!check || check.staffId !== env.user.id || check.deviceId !== body.deviceId) throw notFound('Transfusion check on this handheld');
    const { patient, method } = identifiedPatient(env, body.deviceId);
    if (patient.id !== check.patientId) throw conflict('The handheld now holds another patient. Scan the wristband and check the unit again.', 'deviceId');
    // Checked again now: time out of storage and expiry move on between check and start.
    const secondCheckerName = check.secondCheckerId ? (deps.repos.staff.byId(check.secondCheckerId)?.name ?? null) : null;
    const { issued, verdict } = evaluate(env, patient, method, check.labels, secondCheckerName);
    if (!issued || verdict.outcome === 'stop') throw conflict(`Do not start: ${verdict.title}`, 'checkEventId');
    if (verdict.witness === 'required') throw conflict('A second checker must scan their badge before the transfusion starts.', 'checkEventId');
    const warnings = verdict.checks.filter((c) => c.outcome === 'warning');
    if (warnings.length > 0 && !body.overrideReason) throw invalid(`overrideReason: give a reason to start past: ${warnings.map((w) => w.message).join(' ')}`, 'overrideReason');
    const at = env.now.toISOString();
    const transfusion: Transfusion = {
      id: `transfusion-${randomUUID()}`, patientId: patient.id, issuedUnitId: issued.id, din: issued.din, checkEventId: check.eventId,
      startedAt: at, startedBy: env.user.id, secondCheckerId: check.secondCheckerId, overrideReason: warnings.length > 0 ? (body.overrideReason ?? null) : null,
      endedAt: null, endedBy: null, endOutcome: null,
    };
    deps.repos.transaction(() => {
      transfusions.insertTransfusion({ ...transfusion, eventId: body.eventId, wardId: patient.wardId, deviceId: body.deviceId });
      transfusions.setUnitStatus(issued.id, 'transfusing');
      deps.repos.audit.append(
        {
          type: 'administration', wardId: patient.wardId, patientId: patient.id, userId: env.user.id, deviceId: body.deviceId, eventId: body.eventId,
          outcome: verdict.outcome, rules: warnings.map((w) => w.rule), summary: `Transfusion started: unit ${issued.din}`,
          detail: { transfusion: 'start', transfusionId: transfusion.id, din: issued.din, checkEventId: check.eventId, secondCheckerId: check.secondCheckerId, overrideReason: transfusion.overrideReason },
        },
        env.now,
      );
    });
    if (transfusion.overrideReason) {
      const context = { user: env.user, patient, deviceId: body.deviceId, eventId: body.eventId, now: env.now };
      deps.emitAlerts([overrideAlert(context, warnings.map((w) => w.rule), TRANSFUSION_OVERRIDE_REASONS[transfusion.overrideReason], issued.din)]);
    }
    const response: TransfusionStepResponse = { eventId: body.eventId, transfusion, replayed: false };
    res.status(201).json(response);
  });

  router.post('/transfusions/:id/end', (req, res) => {
    const env = envOf(res);
    const id = parseInput(idSchema, req.params.id, 'transfusion id');
    const body = parseInput(transfusionEndRequestSchema, req.body, 'transfusion end');
    const t = transfusions.transfusionById(id);
    if (!t) throw notFound('Transfusion');
    requireWardAccess(env.user, t.wardId, 'nurse', 'ward-manager');
    const { wardId: _w, eventId: _e, endEventId: _x, ...view } = t;
    if (t.endEventId === body.eventId) {
      const response: TransfusionStepResponse = { eventId: body.eventId, transfusion: view, replayed: true };
      res.json(response);
      return;
    }
    if (t.endedAt !== null) throw conflict('This transfusion has already ended.');
    const at = env.now.toISOString();
    deps.repos.transaction(() => {
      transfusions.endTransfusion(id, body.eventId, at, env.user.id, body.outcome);
      transfusions.setUnitStatus(t.issuedUnitId, 'transfused');
      equipment.releaseForTransfusion(id, at, env.user.id);
      deps.repos.audit.append(
        {
          type: 'administration', wardId: t.wardId, patientId: t.patientId, userId: env.user.id, deviceId: body.deviceId, eventId: body.eventId,
          outcome: body.outcome === 'completed' ? 'match' : 'warning', summary: `Transfusion ended (${body.outcome}): unit ${t.din}`,
          detail: { transfusion: 'end', transfusionId: id, din: t.din, endOutcome: body.outcome },
        },
        env.now,
      );
    });
    const response: TransfusionStepResponse = { eventId: body.eventId, transfusion: { ...view, endedAt: at, endedBy: env.user.id, endOutcome: body.outcome }, replayed: false };
    res.json(response);
  });

  router.get('/wards/:id/transfusion-policy', (req, res) => {
    const user = userOf(res);
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    if (deps.repos.wards.timeZone(wardId) === undefined) throw notFound('Ward');
    requireWardAccess(user, wardId, 'nurse', 'ward-manager');
    res.json(transfusions.policyOf(wardId));
  });

  router.put('/wards/:id/transfusion-policy', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'admin');
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    if (deps.repos.wards.timeZone(wardId) === undefined) throw notFound('Ward');
    const policy = parseInput(transfusionPolicySchema, req.body, 'transfusion policy');
    if (policy.minimumRemainingMinutes >= Math.min(...Object.values(policy.coldChainMinutes))) {
      throw invalid('minimumRemainingMinutes: must be less than every cold-chain limit.', 'minimumRemainingMinutes');
    }
    const now = deps.config.now();
    deps.repos.transaction(() => {
      transfusions.setPolicy(wardId, policy);
      deps.repos.audit.append({ type: 'ward-settings', wardId, userId: user.id, summary: 'Transfusion policy changed', detail: { transfusionPolicy: policy } }, now);
    });
    res.json(transfusions.policyOf(wardId));
  });

  router.get('/patients/:id/transfusions', (req, res) => {
    const user = userOf(res);
    const patient = deps.repos.patients.byId(parseInput(idSchema, req.params.id, 'patient id'));
    if (!patient) throw notFound('Patient');
    requireWardAccess(user, patient.wardId, 'nurse', 'ward-manager');
    const body: PatientTransfusions = {
      patientId: patient.id,
      bloodGroup: transfusions.bloodGroupOf(patient.id),
      orders: transfusions.ordersOf(patient.id).map(({ patientId: _p, requirements, ...o }) => ({ ...o, requirements: [...requirements] })),
      units: transfusions.unitsOf(patient.id).map((u) => ({ ...unitView(u), status: u.status })),
      running: transfusions.runningOf(patient.id),
    };
    res.json(body);
  });
  return router;
}
