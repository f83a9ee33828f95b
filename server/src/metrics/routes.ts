import { complianceQuerySchema, idSchema, measureReportQuerySchema, metricsQuerySchema, trustComplianceQuerySchema, type RuleId, type WardMetrics } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole, requireWardAccess } from '../auth/service.js';
import { addDays, wardDate, wardInstant } from '../domain/ward-time.js';
import { measureReportBundle } from '../fhir/to-fhir/measure-report.js';
import { invalid, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { trustCsv } from './compliance-csv.js';
import { createComplianceRepository } from './compliance-repository.js';
import { trustView } from './compliance-service.js';
import { complianceRunner } from './compliance-thread.js';
import { wardDays } from './domain.js';
import { createMetricsRepository } from './repository.js';

const MAX_DAYS = 366;
/** A ward's compliance page opens on the last two weeks. */
const DEFAULT_DAYS = 14;

/** Ward days `from`..`to`; `days` counts back from `to`, which defaults to today on the ward's clock. */
function period(q: { from?: string | undefined; to?: string | undefined; days?: number | undefined }, today: string, defaultDays: number): { from: string; to: string } {
  if (q.from !== undefined && q.days !== undefined) throw invalid('Give from or days, not both.', 'days');
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -((q.days ?? defaultDays) - 1));
  if (from > to) throw invalid('from: must not be after to.', 'from');
  if (addDays(from, MAX_DAYS) < to) throw invalid(`At most ${MAX_DAYS} days at a time.`, 'from');
  return { from, to };
}

export function metricsRoutes({ repos, config }: AppDeps): Router {
  const router = Router();
  const metrics = createMetricsRepository(repos.db);
  const compliance = complianceRunner({ dbFile: config.dbFile, repo: createComplianceRepository(repos.db), now: config.now, windowMinutes: config.doseWindowMinutes });

  router.get('/metrics/ward/:id', (req, res) => {
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    requireWardAccess(userOf(res), wardId, 'ward-manager');
    const timeZone = repos.wards.timeZone(wardId);
    if (!timeZone) throw notFound('Ward');
    const q = parseInput(metricsQuerySchema, req.query, 'query');
    const { from, to } = period(q, wardDate(config.now(), timeZone), 7);
    const start = wardInstant(from, '00:00', timeZone);
    const end = wardInstant(addDays(to, 1), '00:00', timeZone);
    const doses = metrics.doses(wardId, start, end).map((d) => ({ givenAt: d.given_at, patientIdMethod: d.patient_id_method, overrideReason: d.override_reason }));
    const stops = metrics.stops(wardId, start, end).map((s) => ({ at: s.recorded_at, rules: JSON.parse(s.stop_rules) as RuleId[] }));
    res.json({ wardId, days: wardDays(from, to, timeZone, doses, stops) } satisfies WardMetrics);
  });

  // Compliance from the chart (issue 15): the ward's own manager, or an admin.
  router.get('/metrics/ward/:id/compliance', async (req, res) => {
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    requireWardAccess(userOf(res), wardId, 'ward-manager');
    const ward = repos.wards.get(wardId);
    if (!ward) throw notFound('Ward');
    const q = parseInput(complianceQuerySchema, req.query, 'query');
    const { from, to } = period(q, wardDate(config.now(), ward.timeZone), DEFAULT_DAYS);
    res.json(await compliance.ward({ id: ward.id, name: ward.name, timeZone: ward.timeZone }, from, to));
  });

  // The trust view: every ward's figures side by side, ward level only, for admins.
  router.get('/metrics/trust/compliance', async (req, res) => {
    requireRole(userOf(res), 'admin');
    const q = parseInput(trustComplianceQuerySchema, req.query, 'query');
    const now = config.now();
    const { from, to, reports } = await compliance.trust(q.days, q.to);
    if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`wardscan-compliance-${from}-to-${to}.csv`).send(trustCsv(reports));
      return;
    }
    res.json(trustView(reports, q.days, now));
  });

  router.get('/metrics/trust/measure-report', async (req, res) => {
    requireRole(userOf(res), 'admin');
    const q = parseInput(measureReportQuerySchema, req.query, 'query');
    if (q.wardId && !repos.wards.timeZone(q.wardId)) throw notFound('Ward');
    const now = config.now();
    const { from, to, reports } = await compliance.trust(q.days, q.to);
    const wards = reports.filter((r) => !q.wardId || r.ward.id === q.wardId).map((r) => ({ id: r.ward.id, name: r.ward.name, total: r.total }));
    // attachment() sets the type from the file name: FHIR's own media type goes on after it.
    res
      .attachment(`wardscan-measure-report-${from}-to-${to}.json`)
      .type('application/fhir+json')
      .send(JSON.stringify(measureReportBundle(wards, now.toISOString())));
  });
  return router;
}
