import { createSessionRequestSchema } from '@wardscan/shared';
import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { requireAuth, userOf, type AuthedLocals } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { signIn, signOut } from './service.js';

export function sessionRoutes({ repos, config, endSessionSockets, tellAccountLocked, durable }: AppDeps): Router {
  const router = Router();
  const loginLimiter = rateLimit({
    windowMs: config.loginRateLimit.windowMs,
    limit: config.loginRateLimit.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new ApiError('RATE_LIMITED', 'Too many sign-in attempts. Wait a minute and try again.')),
  });
  router.post('/sessions', loginLimiter, async (req, res) => {
    const body = parseInput(createSessionRequestSchema, req.body, 'sign-in');
    res.status(201).json(await signIn({ repos, config, durable, tellAccountLocked }, body, req.ip ?? 'unknown'));
  });
  router.delete('/sessions/current', requireAuth(repos, config), (_req, res) => {
    const { tokenHash, user } = res.locals as AuthedLocals;
    signOut(repos, config, { tokenHash, staffId: user.id });
    endSessionSockets(tokenHash);
    res.status(204).end();
  });
  router.get('/me', requireAuth(repos, config), (_req, res) => {
    res.json(userOf(res));
  });
  return router;
}
