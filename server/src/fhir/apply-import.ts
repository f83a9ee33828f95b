import { randomUUID } from 'node:crypto';
import type { BundleEntryResponse, OperationOutcomeIssue } from '@medplum/fhirtypes';
import { patientGsrn, type ProductInput } from '@wardscan/shared';
import type { Repositories } from '../repositories.js';
import { combine, describeRef, findPatient, NotOnWard, patientOf, reject, type Context, type EntryResult } from './apply-context.js';
import { applyEndOrder, applyPrescription, prescriptionIdFor } from './apply-medication-request.js';
import { WRITE_ORDER, type IdentifierSearch, type ImportCommand, type PatientCommand, type PatientRef, type PlaceRef } from './commands.js';
import { ApiError } from '../http/api-error.js';
import { FhirError, issue, toOutcome } from './operation-outcome.js';
import type { FhirRepository, RegisteredPatientRow, WriteResult } from './repository.js';
import { GLN_SYSTEM, GSRN_SYSTEM, GTIN_SYSTEM, NHS_NUMBER_SYSTEM, WARD_ID_SYSTEM, wardIdForGln } from './systems.js';
import { mrnSystem } from './from-fhir/patient.js';

export type { EntryResult } from './apply-context.js';
export { prescriptionIdFor } from './apply-medication-request.js';

const sameRef = (a: PatientRef, b: PatientRef): boolean =>
  a.by === b.by && (a.by === 'nhs-number' ? a.nhsNumber === (b as typeof a).nhsNumber : a.by === 'mrn' ? a.mrn === (b as typeof a).mrn : a.id === (b as typeof a).id);

/** The patient command's own key: NHS Number, else hospital number. */
const keyOf = (cmd: PatientCommand): PatientRef => (cmd.nhsNumber ? { by: 'nhs-number', nhsNumber: cmd.nhsNumber } : { by: 'mrn', mrn: cmd.mrn ?? '' });

/** The in-progress Encounter of this bundle that places the patient, if any (by either of their numbers). */
function placementFor(c: Context, cmd: PatientCommand) {
  const keys: PatientRef[] = [...(cmd.nhsNumber ? [{ by: 'nhs-number' as const, nhsNumber: cmd.nhsNumber }] : []), ...(cmd.mrn ? [{ by: 'mrn' as const, mrn: cmd.mrn }] : [])];
  const found = c.commands.find((p) => p.kind === 'placement' && keys.some((k) => sameRef(k, p.patient)));
  return found?.kind === 'placement' ? found : undefined;
}

/** Puts a patient on a ward: a new row, or a registered patient's (same id). A deceased patient or one without an NHS Number cannot be admitted. */
function admit(c: Context, id: string, p: { nhsNumber: string | null; mrn: string | null; familyName: string; givenName: string; birthDate: string; nhsVerification: string | null; deceased: boolean; deceasedAt: string | null }, placement: { place: PlaceRef; entry: number }) {
  if (p.deceased) throw reject(placement.entry, 'A deceased patient cannot be admitted to a ward.', '.subject', 'business-rule');
  if (!p.nhsNumber) throw reject(placement.entry, 'A patient needs an NHS Number to be admitted to a ward: their wristband carries it (DCB1077). They stay registered by hospital number.', '.subject', 'business-rule');
  const place = placeOf(c, placement.place, placement.entry);
  if (place.bedId && c.fhir.bedOccupant(place.bedId)) throw reject(placement.entry, 'That bed already has a patient on record.', '.location', 'conflict');
  const prefix = c.nhsCompanyPrefix;
  const { nhsVerification, deceased, deceasedAt, ...fields } = p;
  c.repos.patients.insert({ id, ...fields, nhsNumber: p.nhsNumber, ...place, wristbandGsrn: prefix && prefix.length <= 7 ? patientGsrn(prefix, p.nhsNumber) : null, allergies: [], allergyStatus: 'unknown' });
  c.fhir.setPatientStatus(id, { nhsVerification, deceased, deceasedAt });
}

function applyPatient(c: Context, cmd: PatientCommand): EntryResult {
  const { entry } = cmd;
  const nowIso = c.now.toISOString();
  const status = { nhsVerification: cmd.nhsVerification, deceased: cmd.deceased !== null, deceasedAt: cmd.deceased?.at ?? null };
  const found = findPatient(c, keyOf(cmd), false);
  const placement = placementFor(c, cmd);
  if (found?.on === 'ward') {
    const current = found.record;
    const results = [c.fhir.updatePatient(current.id, current, { mrn: cmd.mrn ?? current.mrn, familyName: cmd.familyName, givenName: cmd.givenName, birthDate: cmd.birthDate }), c.fhir.setPatientStatus(current.id, status)];
    if (status.deceased) results.push(c.fhir.discharge(current.id, status.deceasedAt && status.deceasedAt < nowIso ? status.deceasedAt : nowIso));
    if (cmd.replacedBy) {
      const survivor = findPatient(c, cmd.replacedBy);
      if (survivor?.on !== 'ward' || survivor.record.id === current.id) throw reject(entry, 'Patient.link replaced-by must name another patient on record (on a ward) to merge into.', '.link', 'not-found');
      results.push(c.fhir.replaceBy(current.id, survivor.record.id, nowIso));
    }
    return { entry, result: combine(...results), location: `Patient/${current.id}` };
  }
  const row: RegisteredPatientRow = {
    id: found?.on === 'registered' ? found.row.id : `patient-${randomUUID()}`,
    nhs_number: cmd.nhsNumber,
    mrn: cmd.mrn,
    family_name: cmd.familyName,
    given_name: cmd.givenName,
    birth_date: cmd.birthDate,
    nhs_verification: cmd.nhsVerification,
    deceased: status.deceased ? 1 : 0,
    deceased_at: status.deceasedAt,
  };
  if (placement) {
    admit(c, row.id, { nhsNumber: cmd.nhsNumber, mrn: cmd.mrn, familyName: cmd.familyName, givenName: cmd.givenName, birthDate: cmd.birthDate, ...status }, placement);
    if (found) c.fhir.unregister(row.id);
    return { entry, result: found ? 'updated' : 'created', location: `Patient/${row.id}` };
  }
  const note = 'Known to the hospital, not on a ward: they cannot be identified at a bedside until an Encounter admits them.';
  if (found) return { entry, result: c.fhir.updateRegistered(row, nowIso), location: `Patient/${row.id}`, note };
  c.fhir.register(row, nowIso);
  return { entry, result: 'created', location: `Patient/${row.id}`, note };
}

function placeOf(c: Context, place: PlaceRef, entry: number): { wardId: string; bedId: string | null } {
  const bed = place.by === 'bed-gln' || place.by === 'gln' ? c.fhir.bedByGln(place.gln) : place.by === 'id' ? c.fhir.bedById(place.id) : undefined;
  if (bed) return { wardId: bed.ward_id, bedId: bed.id };
  const wardId = place.by === 'ward' ? place.wardId : place.by === 'id' ? place.id : place.by === 'gln' ? `ward-gln-${place.gln}` : '';
  if (c.fhir.ward(wardId)) return { wardId, bedId: null };
  throw reject(entry, 'The encounter location is no ward or bed on record or in this bundle.', '.location', 'not-found');
}

function apply(c: Context, cmd: ImportCommand): EntryResult {
  const { entry } = cmd;
  switch (cmd.kind) {
    case 'ward':
      return { entry, result: c.fhir.upsertWard(cmd.wardId, cmd.name), location: `Location/${cmd.wardId}` };
    case 'bed': {
      if (!c.fhir.ward(cmd.wardId)) throw reject(entry, `Ward ${cmd.wardId} is not on record or in this bundle.`, '.partOf', 'not-found');
      const { id, result } = c.fhir.upsertBed(cmd.gln, cmd.label, cmd.wardId);
      return { entry, result, location: `Location/${id}` };
    }
    case 'staff': {
      const { id, result } = c.fhir.upsertStaff(cmd.badgeGsrn, cmd.name, `staff-${randomUUID()}`);
      return { entry, result, location: `Practitioner/${id}` };
    }
    case 'product': {
      const owners = new Set(cmd.gtins.map((g) => c.repos.products.gtinOwner(g)).filter((o): o is string => !!o));
      if (owners.size > 1) throw reject(entry, `These GTINs belong to different products (${[...owners].join(', ')}).`, '.code', 'conflict');
      const [ownerId] = [...owners];
      const current = ownerId ? c.repos.products.byId(ownerId) : undefined;
      const next: ProductInput = {
        kind: 'drug',
        gtins: [...cmd.gtins],
        name: cmd.name,
        drug: cmd.drug,
        dmdCode: cmd.dmdCode,
        strength: cmd.strength,
        form: cmd.form,
        routes: [...cmd.routes],
        // High-alert status is pharmacy's call: kept on update; a new product of a high-alert drug is high-alert too.
        highAlert: current?.highAlert ?? [cmd.drug.toLowerCase(), cmd.dmdCode].some((k) => k !== null && c.repos.products.highAlertKeys().has(k)),
        scored: current?.scored ?? false,
      };
      const id = ownerId ?? `product-${randomUUID()}`;
      const same = current && JSON.stringify({ ...current, gtins: [...current.gtins].sort(), id: undefined, updatedAt: undefined, dmd: undefined }) === JSON.stringify({ ...next, gtins: [...next.gtins].sort(), id: undefined, updatedAt: undefined, kind: current.kind });
      if (!same) c.repos.products.save(id, next, c.now.toISOString());
      return { entry, result: !current ? 'created' : same ? 'unchanged' : 'updated', location: `Medication/${id}` };
    }
    case 'patient':
      return applyPatient(c, cmd);
    case 'prescription':
      return applyPrescription(c, cmd);
    case 'end-order':
      return applyEndOrder(c, cmd);
    case 'placement': {
      const found = findPatient(c, cmd.patient);
      if (!found) throw reject(entry, `No patient ${describeRef(cmd.patient)} on record or in this bundle.`, '.subject', 'not-found');
      if (found.on === 'registered') {
        const r = found.row;
        admit(c, r.id, { nhsNumber: r.nhs_number, mrn: r.mrn, familyName: r.family_name, givenName: r.given_name, birthDate: r.birth_date, nhsVerification: r.nhs_verification, deceased: r.deceased === 1, deceasedAt: r.deceased_at }, cmd);
        c.fhir.unregister(r.id);
        return { entry, result: 'updated', location: `Patient/${r.id}` };
      }
      const patient = found.record;
      if (patient.deceased) throw reject(entry, 'A deceased patient cannot be admitted to a ward.', '.subject', 'business-rule');
      const place = placeOf(c, cmd.place, entry);
      const occupant = place.bedId ? c.fhir.bedOccupant(place.bedId) : undefined;
      if (occupant && occupant !== patient.id) throw reject(entry, 'That bed already has another patient on record.', '.location', 'conflict');
      return { entry, result: c.fhir.placePatient(patient.id, patient, place), location: `Patient/${patient.id}` };
    }
    case 'discharge': {
      const found = findPatient(c, cmd.patient);
      if (!found) throw reject(entry, `No patient ${describeRef(cmd.patient)} on record or in this bundle.`, '.subject', 'not-found');
      if (found.on === 'registered') return { entry, result: 'unchanged', location: `Patient/${found.row.id}`, note: 'Not on a ward: nothing to discharge.' };
      const nowIso = c.now.toISOString();
      const at = cmd.at && new Date(cmd.at).toISOString() < nowIso ? new Date(cmd.at).toISOString() : nowIso;
      return { entry, result: c.fhir.discharge(found.record.id, at), location: `Patient/${found.record.id}` };
    }
    case 'allergy': {
      const patient = patientOf(c, cmd.patient, entry, '.patient');
      const { id, result } = c.fhir.upsertAllergy(patient.id, cmd);
      return { entry, result, location: `AllergyIntolerance/${id ?? 'removed'}` };
    }
    case 'not-charted':
      return { entry, result: 'unchanged', location: null, note: cmd.reason };
    case 'no-known-allergies': {
      const patient = patientOf(c, cmd.patient, entry, '.patient');
      const result = c.fhir.recordNoKnownAllergies(patient.id);
      if (result === 'conflict') throw reject(entry, 'The patient has allergies on record: "no known drug allergies" contradicts them. Refute those first.', '.code', 'conflict');
      return { entry, result, location: `Patient/${patient.id}` };
    }
    default: {
      const never: never = cmd;
      return never;
    }
  }
}

/** The resources on record a conditional request's search matches (as `Type/id`), for the kind of resource the entry is. */
function matching(c: Context, cmd: ImportCommand, s: IdentifierSearch): string[] {
  const v = s.value.trim();
  const unsupported = (): never => {
    throw new FhirError(400, [issue('not-supported', `Wardscan cannot match a ${cmd.kind} on ${s.param} ${s.system}: use the identifier it matches ${cmd.kind}s on.`, `Bundle.entry[${cmd.entry}].request`)]);
  };
  switch (cmd.kind) {
    case 'patient':
      if (s.system === NHS_NUMBER_SYSTEM) {
        const digits = v.replace(/\s/g, '');
        const id = c.fhir.patientStateByNhs(digits)?.id ?? c.fhir.registered('nhs', digits)?.id;
        return id ? [`Patient/${id}`] : [];
      }
      if (s.system === mrnSystem()) {
        const registered = c.fhir.registered('mrn', v)?.id;
        return [...c.fhir.patientIdsByMrn(v), ...(registered ? [registered] : [])].map((id) => `Patient/${id}`);
      }
      return unsupported();
    case 'prescription':
    case 'end-order': {
      const id = prescriptionIdFor(s.system, v);
      return c.fhir.prescription(id) ? [`MedicationRequest/${id}`] : [];
    }
    case 'ward': {
      const wardId = s.system === WARD_ID_SYSTEM ? v : s.system === GLN_SYSTEM ? wardIdForGln(v) : unsupported();
      return c.fhir.ward(wardId) ? [`Location/${wardId}`] : [];
    }
    case 'bed': {
      if (s.system !== GLN_SYSTEM) return unsupported();
      const bed = c.fhir.bedByGln(v);
      return bed ? [`Location/${bed.id}`] : [];
    }
    case 'staff': {
      if (s.system !== GSRN_SYSTEM) return unsupported();
      const staff = c.fhir.staffByBadge(v);
      return staff ? [`Practitioner/${staff.id}`] : [];
    }
    case 'product': {
      if (s.system !== GTIN_SYSTEM || !/^\d{8,14}$/.test(v)) return unsupported();
      const owner = c.repos.products.gtinOwner(v.padStart(14, '0'));
      return owner ? [`Medication/${owner}`] : [];
    }
    default:
      return unsupported();
  }
}

/**
 * One entry under its request's conditions (FHIR http.html): `ifNoneExist`
 * that matches creates nothing; a conditional update changes exactly the
 * resource its URL matches, and `Type/id` that resource; several matches are
 * 412. A write that would land elsewhere fails the transaction.
 */
function applyEntry(c: Context, cmd: ImportCommand): EntryResult {
  const r = cmd.request;
  const where = `Bundle.entry[${cmd.entry}].request`;
  const found = r && r.kind !== 'instance-update' ? matching(c, cmd, r.search) : [];
  if (found.length > 1) {
    throw new FhirError(412, [issue('multiple-matches', `${r?.kind === 'if-none-exist' ? 'ifNoneExist' : 'request.url'} matches ${found.length} resources (${found.join(', ')}): nothing was changed.`, where)]);
  }
  if (r?.kind === 'if-none-exist' && found[0]) {
    return { entry: cmd.entry, result: 'unchanged', location: found[0], note: `ifNoneExist matched ${found[0]}: not created again.` };
  }
  let result: EntryResult;
  try {
    result = apply(c, cmd);
  } catch (err) {
    if (!(err instanceof NotOnWard)) throw err;
    // An order or allergy for a patient on no ward: answered, kept off the chart, the rest of the bundle goes in.
    result = { entry: cmd.entry, result: 'unchanged', location: null, note: `Not charted: Patient/${err.row.id} is not on a ward. Send it again once an Encounter has admitted them.` };
  }
  const target = r?.kind === 'instance-update' ? `${r.type}/${r.id}` : r?.kind === 'conditional-update' ? found[0] : undefined;
  if (target && result.location !== target) {
    throw new FhirError(409, [issue('conflict', `request.url names ${target}, but this resource's identifiers are those of ${result.location ?? 'another resource'}: nothing was changed.`, `${where}.url`)]);
  }
  return result;
}

const STATUS_TEXT: Readonly<Record<number, string>> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 412: 'Precondition Failed', 422: 'Unprocessable Entity' };

const responseOf = (r: EntryResult): BundleEntryResponse => ({
  status: r.result === 'created' ? '201 Created' : '200 OK',
  ...(r.location ? { location: r.location } : {}),
  ...(r.note ? { outcome: { resourceType: 'OperationOutcome' as const, issue: [{ severity: 'information' as const, code: 'informational' as const, diagnostics: r.note }] } } : {}),
});

/** A failed batch entry's response: its HTTP status and the OperationOutcome saying why. */
export const failedResponse = (status: number, issues: OperationOutcomeIssue[]): BundleEntryResponse => ({
  status: `${status} ${STATUS_TEXT[status] ?? 'Error'}`,
  outcome: { resourceType: 'OperationOutcome', issue: issues },
});

const inWriteOrder = <T extends { readonly kind: ImportCommand['kind']; readonly entry: number }>(commands: readonly T[]): T[] =>
  [...commands].sort((a, b) => WRITE_ORDER.indexOf(a.kind) - WRITE_ORDER.indexOf(b.kind) || a.entry - b.entry);

const countOf = (results: readonly EntryResult[], r: WriteResult) => results.filter((x) => x.result === r).length;

/**
 * Applies the commands in one SQLite transaction, with the audit row: all or
 * nothing, committed before the response is sent.
 */
export function applyImport(repos: Repositories, fhir: FhirRepository, commands: readonly ImportCommand[], opts: { now: Date; userId: string; nhsCompanyPrefix: string | undefined }): BundleEntryResponse[] {
  return repos.db.transaction(() => {
    const c: Context = { repos, fhir, now: opts.now, nhsCompanyPrefix: opts.nhsCompanyPrefix, commands };
    const results = inWriteOrder(commands).map((cmd) => applyEntry(c, cmd)).sort((a, b) => a.entry - b.entry);
    repos.audit.append(
      {
        type: 'fhir-import',
        userId: opts.userId,
        summary: `FHIR import: ${countOf(results, 'created')} created, ${countOf(results, 'updated')} updated, ${countOf(results, 'unchanged')} unchanged`,
        detail: { entries: results.length, changed: results.filter((r) => r.result !== 'unchanged').map((r) => `${r.result} ${r.location}`) },
      },
      opts.now,
    );
    return results.map(responseOf);
  })();
}

/** A batch entry as the route hands it over: a command to apply, or already failed (invalid, or outside the client's scopes). */
export type BatchEntry = { readonly ok: true; readonly command: ImportCommand } | { readonly ok: false; readonly status: number; readonly issues: OperationOutcomeIssue[] };

/**
 * A batch (FHIR R4 http.html, batch): each entry is applied on its own, as if
 * it came alone: nothing else in the bundle places a new patient or is
 * looked up, and one that fails (404, 409, 412, 422) is rolled back to its
 * own savepoint while the others stand. The entries run in the order a
 * transaction's do; all the survivors and one audit row are committed
 * together before the response is sent. Answers one response per entry, in
 * the bundle's order.
 */
export function applyBatch(repos: Repositories, fhir: FhirRepository, entries: readonly BatchEntry[], opts: { now: Date; userId: string; nhsCompanyPrefix: string | undefined }): BundleEntryResponse[] {
  return repos.db.transaction(() => {
    const responses: BundleEntryResponse[] = entries.map((e) => (e.ok ? { status: '' } : failedResponse(e.status, e.issues)));
    const results: EntryResult[] = [];
    const failed: number[] = entries.flatMap((e, i) => (e.ok ? [] : [i]));
    const commands = entries.flatMap((e) => (e.ok ? [e.command] : []));
    for (const cmd of inWriteOrder(commands)) {
      const c: Context = { repos, fhir, now: opts.now, nhsCompanyPrefix: opts.nhsCompanyPrefix, commands: [cmd] };
      try {
        // A nested better-sqlite3 transaction is a savepoint: a failing entry undoes only its own writes.
        const result = repos.db.transaction(() => applyEntry(c, cmd))();
        results.push(result);
        responses[cmd.entry] = responseOf(result);
      } catch (err) {
        if (!(err instanceof FhirError) && !(err instanceof ApiError)) throw err;
        const { status, body } = toOutcome(err);
        failed.push(cmd.entry);
        responses[cmd.entry] = failedResponse(status, body.issue ?? []);
      }
    }
    repos.audit.append(
      {
        type: 'fhir-import',
        userId: opts.userId,
        summary: `FHIR batch: ${countOf(results, 'created')} created, ${countOf(results, 'updated')} updated, ${countOf(results, 'unchanged')} unchanged, ${failed.length} failed`,
        detail: {
          entries: entries.length,
          changed: results.filter((r) => r.result !== 'unchanged').map((r) => `${r.result} ${r.location}`),
          failed: failed.sort((a, b) => a - b).map((i) => `entry ${i}: ${responses[i]?.status}`),
        },
      },
      opts.now,
    );
    return responses;
  })();
}
