import { randomUUID } from 'node:crypto';
import { idSchema, issueUnitRequestSchema, patientBloodGroupRequestSchema, transfusionOrderRequestSchema, type IssuedUnitView, type TransfusionOrderView } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole } from '../auth/service.js';
import { conflict, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { unitView } from './service.js';

/**
 * The transfusion laboratory's records: the patient's group, orders and
 * issued units. Its interface signs in as an admin; every change is audited.
 */
export function transfusionLabRoutes(deps: AppDeps): Router {
  const router = Router();
  const { transfusions } = deps.repos;
  const patientOf = (id: string) => {
    const patient = deps.repos.patients.byId(id);
    if (!patient) throw notFound('Patient');
    return patient;
  };

  router.put('/patients/:id/blood-group', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'admin');
    const patient = patientOf(parseInput(idSchema, req.params.id, 'patient id'));
    const { bloodGroup } = parseInput(patientBloodGroupRequestSchema, req.body, 'blood group');
    const now = deps.config.now();
    deps.repos.transaction(() => {
      transfusions.setBloodGroup(patient.id, bloodGroup, now.toISOString());
      deps.repos.audit.append({ type: 'ward-settings', wardId: patient.wardId, patientId: patient.id, userId: user.id, summary: `Blood group recorded: ${bloodGroup}`, detail: { bloodGroup } }, now);
    });
    res.json({ patientId: patient.id, bloodGroup });
  });

  router.post('/transfusions/orders', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'admin');
    const body = parseInput(transfusionOrderRequestSchema, req.body, 'transfusion order');
    const patient = patientOf(body.patientId);
    const now = deps.config.now();
    const order = { id: `order-${randomUUID()}`, patientId: patient.id, component: body.component, units: body.units, requirements: body.requirements, status: 'active' as const, orderedAt: now.toISOString() };
    deps.repos.transaction(() => {
      transfusions.insertOrder(order);
      deps.repos.audit.append({ type: 'ward-settings', wardId: patient.wardId, patientId: patient.id, userId: user.id, summary: `Transfusion ordered: ${body.units} unit(s) of ${body.component}`, detail: { order } }, now);
    });
    const { patientId: _p, ...view } = order;
    res.status(201).json(view satisfies TransfusionOrderView);
  });

  router.post('/transfusions/issued-units', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'admin');
    const body = parseInput(issueUnitRequestSchema, req.body, 'issued unit');
    const order = transfusions.orderById(body.orderId);
    if (!order) throw notFound('Transfusion order');
    if (order.status !== 'active') throw conflict(`This order is ${order.status}: no more units can be issued against it.`, 'orderId');
    if (transfusions.unitByDin(body.din)) throw conflict(`Unit ${body.din} has already been issued.`, 'din');
    const patient = patientOf(order.patientId);
    const now = deps.config.now();
    const unit = { ...body, id: `unit-${randomUUID()}`, patientId: order.patientId, component: order.component, issuedAt: now.toISOString(), status: 'issued' as const };
    deps.repos.transaction(() => {
      transfusions.insertUnit(unit);
      deps.repos.audit.append({ type: 'ward-settings', wardId: patient.wardId, patientId: patient.id, userId: user.id, summary: `Blood unit ${body.din} issued`, detail: { unit } }, now);
    });
    res.status(201).json(unitView(unit) satisfies IssuedUnitView);
  });
  return router;
}
