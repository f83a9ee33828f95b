import { administrationRequestSchema, manualIdRequestSchema, scanRequestSchema, witnessRequestSchema } from '@wardscan/shared';
import { Router } from 'express';
import { recordAdministration } from '../administrations/service.js';
import { requireRole } from '../auth/service.js';
import { ApiError } from '../http/api-error.js';
import { rateLimit } from 'express-rate-limit';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { recordScan } from './service.js';
import { recordWitness } from './witness.js';
import { identifyManually } from './manual-id.js';
import { deviceIdSchema } from '@wardscan/shared';

/** The bedside flow over REST; `realtime/` offers the same over socket.io. */
export function bedsideRoutes(deps: AppDeps): Router {
  const { repos, config } = deps;
  const router = Router();
  const env = (user: ReturnType<typeof userOf>) => ({ repos, config, user, now: config.now() });
  // Answers (and alerts) wait until the event is on disk: see db/group-commit.ts.
  router.post('/scans', async (req, res) => {
    const user = userOf(res);
    requireRole(user, 'nurse');
    const request = parseInput(scanRequestSchema, req.body, 'scan');
    const result = await deps.durable.write(() => recordScan(env(user), request));
    deps.emitAlerts(result.alerts);
    res.json(result.response);
  });
  router.post('/administrations', async (req, res) => {
    const user = userOf(res);
    requireRole(user, 'nurse');
    const request = parseInput(administrationRequestSchema, req.body, 'administration');
    const result = await deps.durable.write(() => recordAdministration(env(user), request));
    deps.emitAlerts(result.alerts);
    if (result.changed) deps.tellWardChanged(result.changed);
    res.status(result.response.replayed ? 200 : 201).json(result.response);
  });
  // PIN guesses: limited per asking nurse as well as counted against the witness's account (proveSecret).
  const witnessLimiter = rateLimit({
    windowMs: config.loginRateLimit.windowMs,
    limit: config.loginRateLimit.max,
    keyGenerator: (_req, res) => userOf(res).id,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new ApiError('RATE_LIMITED', 'Too many witness attempts from this handheld. Wait a minute and try again.')),
  });
  router.post('/witnesses', witnessLimiter, async (req, res) => {
    const user = userOf(res);
    requireRole(user, 'nurse');
    const request = parseInput(witnessRequestSchema, req.body, 'witness');
    res.json(await recordWitness(deps, user, request, req.ip ?? 'unknown'));
  });
  router.post('/manual-identifications', witnessLimiter, async (req, res) => {
    const user = userOf(res);
    requireRole(user, 'nurse');
    const request = parseInput(manualIdRequestSchema, req.body, 'manual identification');
    const result = await identifyManually(deps, user, request, req.ip ?? 'unknown');
    deps.emitAlerts(result.alerts);
    res.status(result.response.replayed ? 200 : 201).json(result.response);
  });
  /** "Finish patient": ends the nurse's positive patient ID on this device. */
  router.delete('/devices/:deviceId/context', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'nurse');
    const deviceId = parseInput(deviceIdSchema, req.params.deviceId, 'device id');
    // Only the caller's own: a colleague's positive ID on a shared handheld ends by its idle time.
    repos.contexts.clear({ deviceId, staffId: user.id });
    res.status(204).end();
  });
  return router;
}
