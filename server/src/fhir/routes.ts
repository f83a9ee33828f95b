import express, { Router, type Request, type RequestHandler } from 'express';
import { requireRole, requireWardAccess } from '../auth/service.js';
import type { AppDeps } from '../http/deps.js';
import { decompressionErrors, userOf } from '../http/middleware.js';
import { requireBundleScopes, requireFhirAuth, writeRefusal } from '../smart/fhir-auth.js';
import { originOf } from '../smart/routes.js';
import { tokenUrlFor } from '../smart/service.js';
import { applyBatch, applyImport, type BatchEntry } from './apply-import.js';
import { capabilityStatement, SUPPORTED_TYPES } from './capability-statement.js';
import { fhirBase, formatNegotiation, jsonBodies, unsupportedInteraction, utf8Only } from './http-conformance.js';
import { importPreparer } from './import-thread.js';
import { fhirErrorHandler, FhirError, issue, sendFhir } from './operation-outcome.js';
import { createFhirReadRepository, type DoseResource } from './read-repository.js';
import { createFhirRepository } from './repository.js';
import { dateWindow, idParam, outcomeParam, patientIdParam, searchControls, single, values } from './search-params.js';
import { NHS_NUMBER_SYSTEM } from './systems.js';
import { mrnSystem } from './from-fhir/patient.js';
import { auditEventToFhir } from './to-fhir/audit-event.js';
import { COMPLIANCE_MEASURE_ID, complianceMeasure, complianceMeasureReport } from './to-fhir/measure-report.js';
import { daysIn, measureMatches, reportIdParts, reportPeriod, subjectWards } from './measure-report-search.js';
import { complianceRunner } from '../metrics/compliance-thread.js';
import { createComplianceRepository } from '../metrics/compliance-repository.js';
import { wardDate } from '../domain/ward-time.js';
import { searchset } from './to-fhir/bundle.js';
import { administrationToFhir, notGivenToFhir } from './to-fhir/medication-administration.js';
import { patientToFhir } from './to-fhir/patient.js';

/** The query as given, in order, repeats kept (for the searchset's links). */
const paramsOf = (req: Request): [string, string][] => [...new URL(req.originalUrl, 'http://x').searchParams.entries()];
/** MedicationAdministration status → which records: completed (given) or not-done (not given); a status we never write matches nothing. */
const statusParam = (status: string | undefined): { kinds?: readonly ('given' | 'not-given')[] } => {
  if (status === undefined) return {};
  const kinds = status.split(',').flatMap((s) => (s === 'completed' ? ['given' as const] : s === 'not-done' ? ['not-given' as const] : []));
  return { kinds };
};
const doseToFhir = (d: DoseResource) => (d.kind === 'given' ? administrationToFhir(d.dose) : notGivenToFhir(d.dose));

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

function fhirRouter({ repos, config, durable }: AppDeps): Router {
  const router = Router();
  const fhir = createFhirRepository(repos.db);
  const reads = createFhirReadRepository(repos.db);
  const compliance = complianceRunner({ dbFile: config.dbFile, repo: createComplianceRepository(repos.db), now: config.now, windowMinutes: config.doseWindowMinutes });
  // Only the import has a body, and only an admin's is read: the token and the role are checked
  // first, so an unauthenticated (or nurse's) 5 MB body is refused before a byte of it is read.
  // It is read as bytes: parsing and validation happen on the import thread (import-thread.ts).
  // No other FHIR route reads a body at all.
  const importBody = express.raw({ type: ['application/fhir+json', 'application/json'], limit: '5mb' });
  router.use(formatNegotiation);
  router.get('/metadata', (req, res) => sendFhir(res, 200, capabilityStatement(config.now().toISOString(), tokenUrlFor(originOf(req)))));
  // A staff session, or a SMART Backend Services token checked against its scopes (smart/fhir-auth.ts).
  router.use(requireFhirAuth(repos, config));
  router.use(jsonBodies);

  const adminOnly: RequestHandler = (_req, res, next) => {
    requireRole(userOf(res), 'admin');
    next();
  };
  router.post('/', adminOnly, utf8Only, importBody, async (req, res) => {
    const prepared = await importPreparer().prepare(Buffer.isBuffer(req.body) ? req.body : new Uint8Array(0));
    const opts = { now: config.now(), userId: userOf(res).id, nhsCompanyPrefix: config.nhsCompanyPrefixes[0] };
    if (prepared.kind === 'batch') {
      // Each entry on its own, the scope check included: an entry outside the client's scopes fails alone (403).
      const entries = prepared.entries.map((e, i): BatchEntry => {
        const refusal = writeRefusal(res, prepared.types[i] ?? null);
        return refusal ? { ok: false, status: 403, issues: [issue('forbidden', refusal, `Bundle.entry[${i}].resource`)] } : e;
      });
      // Through the group commit, as every write on the bedside path: the fsync off the event loop, the answer after it.
      const responses = await durable.write(() => applyBatch(repos, fhir, entries, opts));
      sendFhir(res, 200, { resourceType: 'Bundle', type: 'batch-response', entry: responses.map((response) => ({ response })) });
      return;
    }
    requireBundleScopes(res, prepared.types);
    if (prepared.kind === 'refused') throw new FhirError(prepared.status, prepared.issues);
    const responses = await durable.write(() => applyImport(repos, fhir, prepared.commands, opts));
    sendFhir(res, 200, { resourceType: 'Bundle', type: 'transaction-response', entry: responses.map((response) => ({ response })) });
  });

  const patientFor = (id: string, res: Parameters<typeof userOf>[0]) => {
    const patient = repos.patients.byId(id);
    if (!patient) throw new FhirError(404, [issue('not-found', `Patient/${id} not found.`)]);
    requireWardAccess(userOf(res), patient.wardId, 'nurse', 'ward-manager');
    return patient;
  };

  const patientResource = (p: Parameters<typeof patientToFhir>[0]) => {
    const meta = reads.patientVersion(p.id);
    return { ...patientToFhir(p), ...(meta ? { meta } : {}) };
  };

  router.get('/Patient/:id', (req, res) => sendFhir(res, 200, patientResource(patientFor(patientIdParam(req.params.id), res))));

  router.get('/Patient', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'admin', 'nurse', 'ward-manager');
    const controls = searchControls(req.query, ['identifier'], req.get('prefer'));
    const token = single(req.query, 'identifier');
    if (!token) throw new FhirError(400, [issue('required', `Search by identifier=${NHS_NUMBER_SYSTEM}|<NHS Number>.`)]);
    const [system, value] = token.includes('|') ? [token.slice(0, token.indexOf('|')), token.slice(token.indexOf('|') + 1)] : [undefined, token];
    const digits = value.replace(/\s/g, '');
    const byNhs = () => repos.patients.byNhsNumber(digits);
    const found =
      system === NHS_NUMBER_SYSTEM
        ? [byNhs()]
        : system === mrnSystem()
          ? repos.patients.list().filter((p) => p.mrn === value)
          : !system
            ? [byNhs(), ...repos.patients.list().filter((p) => p.mrn === value)]
            : [];
    // Nurses and ward managers see only their own ward's patients.
    const visible = found.filter((p): p is NonNullable<typeof p> => !!p && (user.role === 'admin' || p.wardId === user.wardId));
    const page = visible.slice(controls.offset, controls.offset + controls.count);
    sendFhir(res, 200, searchset({ base: fhirBase(req), type: 'Patient', params: paramsOf(req), controls, total: visible.length, resources: page.map(patientResource) }));
  });

  router.get('/MedicationAdministration/:id', (req, res) => {
    const found = reads.medicationAdministration(idParam(req.params.id, 'MedicationAdministration'));
    if (!found) throw new FhirError(404, [issue('not-found', `MedicationAdministration/${req.params.id} not found.`)]);
    patientFor(found.dose.patientId, res);
    sendFhir(res, 200, doseToFhir(found));
  });

  // Doses given and doses documented as not given, oldest update first. Admins may search every patient (incremental pull by _lastUpdated); nurses and ward managers name a patient on their ward.
  router.get('/MedicationAdministration', (req, res) => {
    const controls = searchControls(req.query, ['patient', 'subject', '_lastUpdated', 'effective-time', 'date', 'status'], req.get('prefer'));
    const patientParam = single(req.query, 'patient') ?? single(req.query, 'subject');
    if (req.query.patient !== undefined && req.query.subject !== undefined) throw new FhirError(400, [issue('invalid', 'Give patient or subject, not both.')]);
    const user = userOf(res);
    if (!patientParam && user.role !== 'admin') throw new FhirError(400, [issue('required', 'Search by patient=<id>.')]);
    const patientId = patientParam ? patientFor(patientIdParam(patientParam), res).id : undefined;
    const effective = [...values(req.query, 'effective-time'), ...values(req.query, 'date')];
    const { total, doses } = reads.searchDoses(
      {
        ...(patientId ? { patientId } : {}),
        lastUpdated: dateWindow(values(req.query, '_lastUpdated'), '_lastUpdated'),
        effective: dateWindow(effective, 'effective-time'),
        ...statusParam(single(req.query, 'status')),
      },
      controls,
    );
    sendFhir(res, 200, searchset({ base: fhirBase(req), type: 'MedicationAdministration', params: paramsOf(req), controls, total, resources: doses.map(doseToFhir) }));
  });

  // Newest first; the paging links pin the log as it stood at the first page (_snapshot), so rows added meanwhile do not shift later pages.
  router.get('/AuditEvent', (req, res) => {
    const user = userOf(res);
    const controls = searchControls(req.query, ['patient', 'date', 'outcome', '_lastUpdated', '_snapshot'], req.get('prefer'));
    if (user.role !== 'admin' && user.role !== 'ward-manager') throw new FhirError(403, [issue('forbidden', 'Only ward managers and admins read the audit trail.')]);
    const patient = single(req.query, 'patient');
    const outcome = outcomeParam(single(req.query, 'outcome'));
    const snapshotParam = single(req.query, '_snapshot');
    if (snapshotParam !== undefined && !/^\d{1,15}$/.test(snapshotParam)) throw new FhirError(400, [issue('invalid', '_snapshot is a paging link\'s row number.')]);
    const snapshot = snapshotParam !== undefined ? Number(snapshotParam) : reads.auditHead();
    const dates = [...values(req.query, 'date'), ...values(req.query, '_lastUpdated')];
    const filters = {
      ...(patient ? { patientId: patientIdParam(patient) } : {}),
      ...(outcome && outcome !== 'none' ? { outcome } : {}),
      ...(user.role === 'ward-manager' ? { wardId: user.wardId ?? '-' } : {}),
      at: dateWindow(dates),
      maxSeq: snapshot,
    };
    const { total, entries } = outcome === 'none' ? { total: 0, entries: [] } : reads.searchAudit(filters, controls);
    const params = paramsOf(req).filter(([k]) => k !== '_snapshot');
    sendFhir(res, 200, searchset({ base: fhirBase(req), type: 'AuditEvent', params, controls, total, resources: entries.map(auditEventToFhir), pin: [['_snapshot', String(snapshot)]] }));
  });

  // Compliance as FHIR quality reporting (issue 15): the same Measure and MeasureReports as GET /api/metrics/trust/measure-report,
  // computed by the compliance service on its thread. Admins, and system clients holding system/MeasureReport.read.
  const reportsReader = (res: Parameters<typeof userOf>[0]) => {
    if (userOf(res).role !== 'admin') throw new FhirError(403, [issue('forbidden', 'Compliance reports are for admins (and system clients with system/MeasureReport.read).')]);
  };
  const today = () => wardDate(config.now(), repos.wards.list()[0]?.timeZone ?? 'Europe/London');
  const wardReports = async (from: string, to: string) => {
    const { reports } = await compliance.trust(daysIn(from, to), to);
    return [...reports].sort((a, b) => (a.ward.id < b.ward.id ? -1 : a.ward.id > b.ward.id ? 1 : 0));
  };

  router.get('/Measure/:id', (req, res) => {
    reportsReader(res);
    const id = idParam(req.params.id, 'Measure');
    if (id !== COMPLIANCE_MEASURE_ID) throw new FhirError(404, [issue('not-found', `Measure/${id} not found; this server defines Measure/${COMPLIANCE_MEASURE_ID}.`)]);
    sendFhir(res, 200, complianceMeasure(config.now().toISOString()));
  });

  router.get('/MeasureReport', async (req, res) => {
    reportsReader(res);
    const controls = searchControls(req.query, ['period', 'date', 'subject', 'measure'], req.get('prefer'));
    const { from, to } = reportPeriod([...values(req.query, 'period'), ...values(req.query, 'date')], today());
    const wards = subjectWards(values(req.query, 'subject'));
    const matching = measureMatches(values(req.query, 'measure')) && wards?.size !== 0 ? (await wardReports(from, to)).filter((r) => !wards || wards.has(r.ward.id)) : [];
    const generatedAt = config.now().toISOString();
    const page = matching.slice(controls.offset, controls.offset + controls.count).map((r) => complianceMeasureReport(r.ward, r.total, generatedAt));
    sendFhir(res, 200, searchset({ base: fhirBase(req), type: 'MeasureReport', params: paramsOf(req), controls, total: matching.length, resources: page }));
  });

  router.get('/MeasureReport/:id', async (req, res) => {
    reportsReader(res);
    const id = idParam(req.params.id, 'MeasureReport');
    const parts = reportIdParts(id);
    const found = parts && repos.wards.get(parts.wardId) ? (await wardReports(parts.from, parts.to)).find((r) => r.ward.id === parts.wardId) : undefined;
    if (!found) throw new FhirError(404, [issue('not-found', `MeasureReport/${id} not found: a report's id is <ward id>-<first day>-<last day>.`)]);
    sendFhir(res, 200, complianceMeasureReport(found.ward, found.total, config.now().toISOString()));
  });

  router.use(unsupportedInteraction(SUPPORTED_TYPES));
  router.use(decompressionErrors, fhirErrorHandler(config.logger));
  return router;
}
