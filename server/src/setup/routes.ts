import { firstAdminRequestSchema } from '@wardscan/shared';
import { Router } from 'express';
import { parseInput } from '../http/validate.js';
import type { FirstAdminSetup } from './first-admin.js';

/** `POST /api/setup/first-admin`: no sign-in (there is no account yet); the set-up token is the credential. */
export function setupRoutes(setup: FirstAdminSetup): Router {
  const router = Router();
  router.post('/setup/first-admin', async (req, res) => {
    const input = parseInput(firstAdminRequestSchema, req.body, 'first admin account');
    res.status(201).json(await setup.createFirstAdmin(input));
  });
  return router;
}
