import { wardInputSchema } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole } from '../auth/service.js';
import { conflict } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';

export function wardRoutes({ repos }: AppDeps): Router {
  const router = Router();
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
  return router;
}
