import { auditQuerySchema, type AuditPage } from '@wardscan/shared';
import { Router } from 'express';
import { addDays, wardInstant } from '../domain/ward-time.js';
import { forbidden, invalid } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { radarRoutes } from '../radar/routes.js';
import { csvHeader, csvRow } from './csv.js';

const DEFAULT_TIME_ZONE = 'Europe/London';

/**
 * `GET /api/audit`: ward managers read their ward's log (wardId defaults to
 * theirs: rows on the ward and rows by its staff elsewhere); admins any, or
 * all. Rows carry the ward, bed, patient and nurse names and the ward's time
 * zone; the CSV carries them too, with the ward-local time beside the instant.
 */
export function auditRoutes(deps: AppDeps): Router {
  const { repos } = deps;
  const router = Router();
  // The workaround radar reads the same records for the same people.
  router.use(radarRoutes(deps));
  router.get('/audit', (req, res) => {
    const user = userOf(res);
    const q = parseInput(auditQuerySchema, req.query, 'query');
    let wardId = q.wardId;
    if (user.role === 'ward-manager') {
      wardId ??= user.wardId ?? undefined;
      if (!wardId || wardId !== user.wardId) throw forbidden('You can only read the audit trail of your own ward.');
    } else if (user.role !== 'admin') {
      throw forbidden('Only ward managers and admins read the audit trail.');
    }
    const { page, pageSize, format, fromDate, toDate, ...filters } = q;
    // A row with no ward of its own (a sign-in) is read on the clock of the ward whose log this is.
    const timeZone = (wardId && repos.wards.timeZone(wardId)) || DEFAULT_TIME_ZONE;
    // Date filters are that ward's days: its midnight, not the handheld's or the server's.
    if (fromDate !== undefined && filters.from !== undefined) throw invalid('Give from or fromDate, not both.', 'fromDate');
    if (toDate !== undefined && filters.to !== undefined) throw invalid('Give to or toDate, not both.', 'toDate');
    const f = {
      ...filters,
      ...(wardId ? { wardId } : {}),
      ...(fromDate !== undefined ? { from: wardInstant(fromDate, '00:00', timeZone).toISOString() } : {}),
      ...(toDate !== undefined ? { to: wardInstant(addDays(toDate, 1), '00:00', timeZone).toISOString() } : {}),
    };
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`wardscan-audit${wardId ? `-${wardId}` : ''}.csv`);
      res.write(csvHeader());
      for (const e of repos.audit.iterateLog(f, timeZone)) res.write(csvRow(e));
      res.end();
      return;
    }
    const { entries, total } = repos.audit.logPage(f, page, pageSize, timeZone);
    res.json({ entries, page, pageSize, total, facets: repos.audit.logFacets(f) } satisfies AuditPage);
  });
  return router;
}
