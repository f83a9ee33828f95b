import { idSchema, patientGsrn, patientInputSchema, patientListQuerySchema, isValidNhsNumber, type PatientRecordView } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole, requireWardAccess } from '../auth/service.js';
import type { PatientRecord } from '../domain/records.js';
import { conflict, invalid, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { summaryOf } from '../scans/bedside.js';
import { randomUUID } from 'node:crypto';

const view = (p: PatientRecord): PatientRecordView => ({
  id: p.id,
  nhsNumber: p.nhsNumber,
  wristbandGsrn: p.wristbandGsrn,
  mrn: p.mrn,
  familyName: p.familyName,
  givenName: p.givenName,
  birthDate: p.birthDate,
  wardId: p.wardId,
  bedId: p.bedId,
  bedLabel: p.bedLabel,
  allergies: [...p.allergies],
});

export function patientRoutes({ repos, config }: AppDeps): Router {
  const router = Router();
  router.get('/patients/:id', (req, res) => {
    const user = userOf(res);
    const patient = repos.patients.byId(parseInput(idSchema, req.params.id, 'patient id'));
    if (!patient) throw notFound('Patient');
    requireWardAccess(user, patient.wardId, 'nurse', 'ward-manager');
    res.json(summaryOf({ repos, config, user, now: config.now() }, patient));
  });
  router.get('/patients', (req, res) => {
    requireRole(userOf(res), 'admin');
    const q = parseInput(patientListQuerySchema, req.query, 'query');
    res.json(repos.patients.list(q.wardId).map(view));
  });
  router.post('/patients', (req, res) => {
    requireRole(userOf(res), 'admin');
    const input = parseInput(patientInputSchema, req.body, 'patient');
    // Only a valid NHS Number may ever identify a patient (mod 11).
    if (!isValidNhsNumber(input.nhsNumber)) throw invalid('nhsNumber: the check digit is wrong.', 'nhsNumber');
    if (repos.patients.byNhsNumberAny(input.nhsNumber)) throw conflict('A patient with this NHS Number is already on record.', 'nhsNumber');
    if (!repos.wards.get(input.wardId)) throw invalid('wardId: no such ward.', 'wardId');
    if (input.bedId && !repos.wards.get(input.wardId)?.beds.some((b) => b.id === input.bedId)) throw invalid('bedId: no such bed on this ward.', 'bedId');
    const prefix = config.nhsCompanyPrefixes[0];
    const wristbandGsrn = input.wristbandGsrn ?? (prefix && prefix.length <= 7 ? patientGsrn(prefix, input.nhsNumber) : null);
    const id = `patient-${randomUUID()}`;
    if (input.allergyStatus === 'nkda' && input.allergies.length) throw invalid('allergyStatus: "no known drug allergies" contradicts the allergies listed.', 'allergyStatus');
    const allergyStatus = input.allergies.length ? 'recorded' : (input.allergyStatus ?? 'unknown');
    repos.patients.insert({ ...input, id, wristbandGsrn, allergyStatus });
    const saved = repos.patients.byId(id);
    res.status(201).json(saved && view(saved));
  });
  return router;
}
