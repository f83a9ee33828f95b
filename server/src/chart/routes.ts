import { idSchema, notGivenRequestSchema, prnEffectRequestSchema } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole, requireWardAccess } from '../auth/service.js';
import { notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { chartOfPatient, ordersNeedingReview, recordNotGiven, recordPrnEffect, wardRound } from './service.js';

/** The eMAR: a patient's chart, doses not given, PRN reviews, and the ward round view. */
export function chartRoutes(deps: AppDeps): Router {
  const { repos, config } = deps;
  const router = Router();
  const env = (user: ReturnType<typeof userOf>) => ({ repos, config, user, now: config.now() });
  // Read-only: the chart needs no positive ID; giving a dose still does.
  router.get('/patients/:id/chart', (req, res) => {
    const user = userOf(res);
    const patient = repos.patients.byId(parseInput(idSchema, req.params.id, 'patient id'));
    if (!patient) throw notFound('Patient');
    requireWardAccess(user, patient.wardId, 'nurse', 'ward-manager');
    res.json(chartOfPatient(env(user), patient));
  });
  router.get('/wards/:id/round', (req, res) => {
    const user = userOf(res);
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    requireWardAccess(user, wardId, 'nurse', 'ward-manager');
    res.json(wardRound(env(user), wardId));
  });
  router.get('/wards/:id/orders-needing-review', (req, res) => {
    const user = userOf(res);
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    requireWardAccess(user, wardId, 'ward-manager');
    res.json(ordersNeedingReview(env(user), wardId));
  });
  router.post('/not-given', async (req, res) => {
    const user = userOf(res);
    requireRole(user, 'nurse');
    const request = parseInput(notGivenRequestSchema, req.body, 'not-given');
    const result = await deps.durable.write(() => recordNotGiven(env(user), request));
    const patient = repos.patients.byId(result.notGiven.patientId);
    if (patient) deps.tellWardChanged({ wardId: patient.wardId, patientId: patient.id });
    res.status(result.replayed ? 200 : 201).json(result);
  });
  router.post('/administrations/:id/effect', async (req, res) => {
    const user = userOf(res);
    requireRole(user, 'nurse');
    const administrationId = parseInput(idSchema, req.params.id, 'administration id');
    const request = parseInput(prnEffectRequestSchema, req.body, 'effect');
    const result = await deps.durable.write(() => recordPrnEffect(env(user), administrationId, request));
    const given = repos.chart.administrationRef(administrationId);
    if (given) deps.tellWardChanged({ wardId: given.wardId, patientId: given.patientId });
    res.status(result.replayed ? 200 : 201).json(result);
  });
  return router;
}
