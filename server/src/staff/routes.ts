import { randomUUID } from 'node:crypto';
import { staffInputSchema, type StaffMember } from '@wardscan/shared';
import { Router } from 'express';
import { hashSecret } from '../auth/passwords.js';
import { requireRole } from '../auth/service.js';
import type { StaffRecord } from '../auth/staff-repository.js';
import { conflict, invalid } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';

const view = (s: StaffRecord): StaffMember => ({
  id: s.id,
  username: s.username,
  name: s.name,
  role: s.role,
  wardId: s.wardId,
  badgeGsrn: s.badgeGsrn,
  active: s.active,
});

export function staffRoutes({ repos, config }: AppDeps): Router {
  const router = Router();
  router.get('/staff', (_req, res) => {
    requireRole(userOf(res), 'admin');
    res.json(repos.staff.list().map(view));
  });
  router.post('/staff', (req, res) => {
    requireRole(userOf(res), 'admin');
    const input = parseInput(staffInputSchema, req.body, 'staff member');
    if ((input.role === 'nurse' || input.role === 'ward-manager') && !input.wardId) throw invalid('wardId: nurses and ward managers need a ward.', 'wardId');
    if (input.wardId && !repos.wards.get(input.wardId)) throw invalid('wardId: no such ward.', 'wardId');
    if (repos.staff.byUsername(input.username)) throw conflict('This username is taken.', 'username');
    if (input.badgeGsrn && repos.staff.byBadge(input.badgeGsrn)) throw conflict('This badge belongs to someone else.', 'badgeGsrn');
    const id = `staff-${randomUUID()}`;
    repos.staff.insert({
      id,
      username: input.username,
      name: input.name,
      role: input.role,
      wardId: input.wardId,
      badgeGsrn: input.badgeGsrn,
      passwordHash: hashSecret(input.password, config.passwordHashCost),
      pinHash: input.pin ? hashSecret(input.pin, config.passwordHashCost) : null,
    });
    const saved = repos.staff.byId(id);
    res.status(201).json(saved && view(saved));
  });
  return router;
}
