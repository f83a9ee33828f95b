import { auditQuerySchema, type AuditPage } from '@wardscan/shared';
import { Router } from 'express';
import { forbidden } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { csvHeader, csvRow } from './csv.js';

/** `GET /api/audit`: ward managers read their ward's trail (wardId defaults to theirs); admins any. */
export function auditRoutes({ repos }: AppDeps): Router {
  const router = Router();
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
    const { page, pageSize, format, ...filters } = q;
    const f = { ...filters, ...(wardId ? { wardId } : {}) };
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`wardscan-audit${wardId ? `-${wardId}` : ''}.csv`);
      res.write(csvHeader());
      for (const e of repos.audit.iterate(f)) res.write(csvRow(e));
      res.end();
      return;
    }
    const { entries, total } = repos.audit.query(f, page, pageSize);
    res.json({ entries, page, pageSize, total } satisfies AuditPage);
  });
  return router;
}
