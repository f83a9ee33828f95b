import { prnReviewRulesInputSchema } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole } from '../auth/service.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { prnReviewRulesView, setPrnReviewRules } from './service.js';

/** Pharmacy's PRN effect review times per drug class: anyone signed in reads them, pharmacy sets them. */
export function prnReviewRoutes({ repos, config }: AppDeps): Router {
  const router = Router();
  router.get('/prn-review-rules', (_req, res) => {
    res.json(prnReviewRulesView(repos));
  });
  router.put('/prn-review-rules', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'pharmacist', 'admin');
    const input = parseInput(prnReviewRulesInputSchema, req.body, 'PRN review rules');
    res.json(setPrnReviewRules(repos, config, user, input));
  });
  return router;
}
