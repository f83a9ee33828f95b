import express, { Router, type Request, type RequestHandler } from 'express';
import { requireRole, requireWardAccess } from '../auth/service.js';
import type { AppDeps } from '../http/deps.js';
import { decompressionErrors, requireAuth, userOf, wellFormedBody } from '../http/middleware.js';
import { applyImport } from './apply-import.js';
import { capabilityStatement } from './capability-statement.js';
import { importBundle } from './import-bundle.js';
import { fhirErrorHandler, FhirError, issue, sendFhir } from './operation-outcome.js';
import { createFhirReadRepository } from './read-repository.js';
import { createFhirRepository } from './repository.js';
import { dateWindow, onlyParams, outcomeParam, patientIdParam, single, values } from './search-params.js';
import { NHS_NUMBER_SYSTEM, TRUST_MRN_SYSTEM } from './systems.js';
import { auditEventToFhir } from './to-fhir/audit-event.js';
import { searchset } from './to-fhir/bundle.js';
import { administrationToFhir } from './to-fhir/medication-administration.js';
import { patientToFhir } from './to-fhir/patient.js';

const selfUrl = (req: Request): string => `${req.baseUrl}${req.url}`;

/**
 * FHIR R4 exchange at /fhir/r4: transaction import (admin) and the reads listed
 * in the CapabilityStatement. Returned as a plain handler, not a Router layer,
 * because the OpenAPI route listing walks every nested router as if it were
 * under /api; these routes are documented by /fhir/r4/metadata instead.
 */
export function fhirRoutes(deps: AppDeps): RequestHandler {
  const router = fhirRouter(deps);
  return (req, res, next) => router(req, res, next);
}

function fhirRouter({ repos, config }: AppDeps): Router {
  const router = Router();
  const fhir = createFhirRepository(repos.db);
  const reads = createFhirReadRepository(repos.db);
  // Only the transaction import has a body, and only an admin's is read: the token and the role are
  // checked first, so an unauthenticated (or nurse's) 5 MB body is refused before a byte of it is parsed.
  // No other FHIR route parses a body at all.
  const importBody = express.json({ type: ['application/fhir+json', 'application/json'], limit: '5mb', strict: true });

  router.get('/metadata', (_req, res) => sendFhir(res, 200, capabilityStatement(config.now().toISOString())));
  router.use(requireAuth(repos, config));

  const adminOnly: RequestHandler = (_req, res, next) => {
    requireRole(userOf(res), 'admin');
    next();
  };
  router.post('/', adminOnly, importBody, wellFormedBody, (req, res) => {
    const commands = importBundle(req.body);
    const responses = applyImport(repos, fhir, commands, { now: config.now(), userId: userOf(res).id, nhsCompanyPrefix: config.nhsCompanyPrefixes[0] });
    sendFhir(res, 200, { resourceType: 'Bundle', type: 'transaction-response', entry: responses.map((response) => ({ response })) });
  });

  const patientFor = (id: string, res: Parameters<typeof userOf>[0]) => {
    const patient = repos.patients.byId(id);
    if (!patient) throw new FhirError(404, [issue('not-found', `Patient/${id} not found.`)]);
    requireWardAccess(userOf(res), patient.wardId, 'nurse', 'ward-manager');
    return patient;
  };

  router.get('/Patient/:id', (req, res) => sendFhir(res, 200, patientToFhir(patientFor(patientIdParam(req.params.id), res))));

  router.get('/Patient', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'admin', 'nurse', 'ward-manager');
    onlyParams(req.query, ['identifier']);
    const token = single(req.query, 'identifier');
    if (!token) throw new FhirError(400, [issue('required', `Search by identifier=${NHS_NUMBER_SYSTEM}|<NHS Number>.`)]);
    const [system, value] = token.includes('|') ? [token.slice(0, token.indexOf('|')), token.slice(token.indexOf('|') + 1)] : [undefined, token];
    const digits = value.replace(/\s/g, '');
    const byNhs = () => repos.patients.byNhsNumber(digits);
    const found =
      system === NHS_NUMBER_SYSTEM
        ? [byNhs()]
        : system === TRUST_MRN_SYSTEM
          ? repos.patients.list().filter((p) => p.mrn === value)
          : !system
            ? [byNhs(), ...repos.patients.list().filter((p) => p.mrn === value)]
            : [];
    // Nurses and ward managers see only their own ward's patients.
    const visible = found.filter((p): p is NonNullable<typeof p> => !!p && (user.role === 'admin' || p.wardId === user.wardId));
    sendFhir(res, 200, searchset(visible.map(patientToFhir), selfUrl(req)));
  });

  router.get('/MedicationAdministration', (req, res) => {
    onlyParams(req.query, ['patient']);
    const param = single(req.query, 'patient');
    if (!param) throw new FhirError(400, [issue('required', 'Search by patient=<id>.')]);
    const patient = patientFor(patientIdParam(param), res);
    sendFhir(res, 200, searchset(reads.givenDoses(patient.id).map(administrationToFhir), selfUrl(req)));
  });

  router.get('/AuditEvent', (req, res) => {
    const user = userOf(res);
    onlyParams(req.query, ['patient', 'date', 'outcome', '_count']);
    if (user.role !== 'admin' && user.role !== 'ward-manager') throw new FhirError(403, [issue('forbidden', 'Only ward managers and admins read the audit trail.')]);
    const patient = single(req.query, 'patient');
    const outcome = outcomeParam(single(req.query, 'outcome'));
    const count = Number(single(req.query, '_count') ?? 50);
    if (!Number.isInteger(count) || count < 1 || count > 500) throw new FhirError(400, [issue('invalid', '_count must be 1 to 500.')]);
    const filters = {
      ...(patient ? { patientId: patientIdParam(patient) } : {}),
      ...(outcome && outcome !== 'none' ? { outcome } : {}),
      ...(user.role === 'ward-manager' ? { wardId: user.wardId ?? '-' } : {}),
      ...dateWindow(values(req.query, 'date')),
    };
    const entries = outcome === 'none' ? [] : repos.audit.query(filters, 1, count).entries;
    sendFhir(res, 200, searchset(entries.map(auditEventToFhir), selfUrl(req)));
  });

  router.use((req, _res, next) => next(new FhirError(404, [issue('not-supported', `${req.method} /fhir/r4${req.path} is not supported; see /fhir/r4/metadata.`)])));
  router.use(decompressionErrors, fhirErrorHandler(config.logger));
  return router;
}
