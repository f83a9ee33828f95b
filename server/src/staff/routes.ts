import { randomUUID } from 'node:crypto';
import {
  passwordChangeRequestSchema,
  passwordResetRequestSchema,
  pinChangeRequestSchema,
  pinResetRequestSchema,
  staffActiveRequestSchema,
  staffInputSchema,
} from '@wardscan/shared';
import { Router } from 'express';
import { hashSecretAsync } from '../auth/passwords.js';
import { requireRole } from '../auth/service.js';
import { conflict, invalid } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { changeOwnPassword, changeOwnPin, resetSecret, revokeSessions, setStaffActive, staffView as view } from './accounts.js';

export function staffRoutes({ repos, config, endSessionSockets }: AppDeps): Router {
  const deps = { repos, config, endSessionSockets };
  const router = Router();
  router.get('/staff', (_req, res) => {
    requireRole(userOf(res), 'admin');
    const now = config.now();
    res.json(repos.staff.list().map((s) => view(s, now)));
  });
  router.post('/staff', async (req, res) => {
    requireRole(userOf(res), 'admin');
    const input = parseInput(staffInputSchema, req.body, 'staff member');
    if ((input.role === 'nurse' || input.role === 'ward-manager') && !input.wardId) throw invalid('wardId: nurses and ward managers need a ward.', 'wardId');
    if (input.wardId && !repos.wards.get(input.wardId)) throw invalid('wardId: no such ward.', 'wardId');
    const taken = () => {
      if (repos.staff.byUsername(input.username)) throw conflict('This username is taken.', 'username');
      if (input.badgeGsrn && repos.staff.byBadge(input.badgeGsrn)) throw conflict('This badge belongs to someone else.', 'badgeGsrn');
    };
    taken();
    // scrypt off the event loop (bedside answers keep flowing while it runs), so look again once it is done.
    const [passwordHash, pinHash] = await Promise.all([
      hashSecretAsync(input.password, config.passwordHashCost),
      input.pin ? hashSecretAsync(input.pin, config.passwordHashCost) : null,
    ]);
    const id = `staff-${randomUUID()}`;
    repos.transaction(() => {
      taken();
      repos.staff.insert({ id, username: input.username, name: input.name, role: input.role, wardId: input.wardId, badgeGsrn: input.badgeGsrn, passwordHash, pinHash });
    });
    const saved = repos.staff.byId(id);
    res.status(201).json(saved && view(saved, config.now()));
  });
  router.put('/staff/:id/active', (req, res) => {
    requireRole(userOf(res), 'admin');
    const { active } = parseInput(staffActiveRequestSchema, req.body, 'account status');
    res.json(setStaffActive(deps, userOf(res), req.params.id, active));
  });
  router.put('/staff/:id/password', async (req, res) => {
    requireRole(userOf(res), 'admin');
    const { password } = parseInput(passwordResetRequestSchema, req.body, 'password reset');
    res.json(await resetSecret(deps, userOf(res), req.params.id, 'password', password));
  });
  router.put('/staff/:id/pin', async (req, res) => {
    requireRole(userOf(res), 'admin');
    const { pin } = parseInput(pinResetRequestSchema, req.body, 'PIN reset');
    res.json(await resetSecret(deps, userOf(res), req.params.id, 'pin', pin));
  });
  router.delete('/staff/:id/sessions', (req, res) => {
    requireRole(userOf(res), 'admin');
    res.json(revokeSessions(deps, userOf(res), req.params.id));
  });
  router.put('/me/password', async (req, res) => {
    await changeOwnPassword(deps, userOf(res), parseInput(passwordChangeRequestSchema, req.body, 'password change'));
    res.status(204).end();
  });
  router.put('/me/pin', async (req, res) => {
    await changeOwnPin(deps, userOf(res), parseInput(pinChangeRequestSchema, req.body, 'PIN change'));
    res.status(204).end();
  });
  return router;
}
