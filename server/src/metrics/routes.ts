import { idSchema, metricsQuerySchema, type RuleId, type WardMetrics } from '@wardscan/shared';
import { Router } from 'express';
import { requireWardAccess } from '../auth/service.js';
import { addDays, wardDate, wardInstant } from '../domain/ward-time.js';
import { invalid, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { wardDays } from './domain.js';
import { createMetricsRepository } from './repository.js';

const MAX_DAYS = 366;

export function metricsRoutes({ repos, config }: AppDeps): Router {
  const router = Router();
  const metrics = createMetricsRepository(repos.db);
  router.get('/metrics/ward/:id', (req, res) => {
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    requireWardAccess(userOf(res), wardId, 'ward-manager');
    const timeZone = repos.wards.timeZone(wardId);
    if (!timeZone) throw notFound('Ward');
    const q = parseInput(metricsQuerySchema, req.query, 'query');
    const today = wardDate(config.now(), timeZone);
    const to = q.to ?? today;
    const from = q.from ?? addDays(to, -6);
    if (from > to) throw invalid('from: must not be after to.', 'from');
    if (addDays(from, MAX_DAYS) < to) throw invalid(`At most ${MAX_DAYS} days at a time.`, 'from');
    const start = wardInstant(from, '00:00', timeZone);
    const end = wardInstant(addDays(to, 1), '00:00', timeZone);
    const doses = metrics.doses(wardId, start, end).map((d) => ({ givenAt: d.given_at, patientIdMethod: d.patient_id_method, overrideReason: d.override_reason }));
    const stops = metrics.stops(wardId, start, end).map((s) => ({ at: s.recorded_at, rules: JSON.parse(s.stop_rules) as RuleId[] }));
    res.json({ wardId, days: wardDays(from, to, timeZone, doses, stops) } satisfies WardMetrics);
  });
  return router;
}
