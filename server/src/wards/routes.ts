import { idSchema, roundTimesInputSchema, wardInputSchema, wardScanSettingsInputSchema } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole, requireWardAccess } from '../auth/service.js';
import { conflict, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { bandListRoutes } from './band-list.js';
import { changedRoundTimes, wardRoundTimes } from './round-times.js';
import { wardScanSettings } from './scan-settings.js';

export function wardRoutes(deps: AppDeps): Router {
  const { repos, config } = deps;
  const router = Router();
  router.use(bandListRoutes(deps));
  router.get('/wards', (_req, res) => {
    res.json(repos.wards.list().map(({ id, name, beds }) => ({ id, name, beds })));
  });
  router.post('/wards', (req, res) => {
    requireRole(userOf(res), 'admin');
    const input = parseInput(wardInputSchema, req.body, 'ward');
    if (repos.wards.get(input.id)) throw conflict(`Ward ${input.id} already exists.`, 'id');
    for (const b of input.beds) if (repos.wards.bedByGln(b.gln)) throw conflict(`GLN ${b.gln} is already a bed.`, 'beds');
    repos.db.transaction(() => {
      repos.wards.insertWard(input);
      for (const b of input.beds) repos.wards.insertBed({ ...b, wardId: input.id });
    })();
    const ward = repos.wards.get(input.id);
    res.status(201).json(ward && { id: ward.id, name: ward.name, beds: ward.beds });
  });
  router.get('/wards/:id/scan-settings', (req, res) => {
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    if (repos.wards.timeZone(wardId) === undefined) throw notFound('Ward');
    requireWardAccess(userOf(res), wardId, 'nurse', 'ward-manager');
    res.json(wardScanSettings(repos, config, wardId));
  });
  router.put('/wards/:id/scan-settings', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'admin');
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    if (repos.wards.timeZone(wardId) === undefined) throw notFound('Ward');
    const input = parseInput(wardScanSettingsInputSchema, req.body, 'scan settings');
    repos.transaction(() => {
      // A setting left out of the request stays as it is.
      if (input.plainNhsNumber !== undefined) repos.wards.setPlainNhsNumber(wardId, input.plainNhsNumber);
      if (input.manualIdentification !== undefined) repos.wards.setManualIdentification(wardId, input.manualIdentification);
      repos.audit.append({ type: 'ward-settings', wardId, userId: user.id, summary: 'Scan settings changed', detail: { ...input } }, config.now());
    });
    res.json(wardScanSettings(repos, config, wardId));
  });
  router.get('/wards/:id/round-times', (req, res) => {
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    if (repos.wards.timeZone(wardId) === undefined) throw notFound('Ward');
    requireWardAccess(userOf(res), wardId, 'nurse', 'ward-manager');
    res.json(wardRoundTimes(repos, wardId));
  });
  // The ward's own manager sets its rounds, as well as an admin: they are the ward's routine, not a trust policy.
  router.put('/wards/:id/round-times', (req, res) => {
    const user = userOf(res);
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    if (repos.wards.timeZone(wardId) === undefined) throw notFound('Ward');
    requireWardAccess(user, wardId, 'ward-manager');
    const input = parseInput(roundTimesInputSchema, req.body, 'round times');
    repos.transaction(() => {
      // Reset alone: the ward follows the trust defaults again, including later changes to them.
      const resetOnly = input.reset && !input.perDay && !input.everyHours && !input.when;
      repos.wards.setRoundTimes(wardId, resetOnly ? null : changedRoundTimes(wardRoundTimes(repos, wardId).times, input));
      repos.audit.append({ type: 'ward-settings', wardId, userId: user.id, summary: 'Standard administration times changed', detail: { ...input } }, config.now());
    });
    res.json(wardRoundTimes(repos, wardId));
  });
  return router;
}
