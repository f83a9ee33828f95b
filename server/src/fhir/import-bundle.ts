import type { AllergyIntolerance, Bundle, BundleEntry, Encounter, Location, Medication, MedicationRequest, OperationOutcomeIssue, Patient, Practitioner, Resource } from '@medplum/fhirtypes';
import type { EntryRequest, IdentifierSearch, ImportCommand } from './commands.js';
import { validateR4 } from './definitions.js';
import { allergyFromFhir } from './from-fhir/allergy.js';
import { encounterFromFhir, locationFromFhir } from './from-fhir/location.js';
import { medicationRequestFromFhir } from './from-fhir/medication-request.js';
import { medicationFromFhir } from './from-fhir/medication.js';
import { patientFromFhir } from './from-fhir/patient.js';
import { practitionerFromFhir } from './from-fhir/practitioner.js';
import { FhirError, issue } from './operation-outcome.js';
import { entryIndexOf, fail, ok, type EntryContext, type Mapped } from './references.js';
import { NHS_NUMBER_SYSTEM } from './systems.js';

/** The resource types a transaction may carry, and what each becomes. */
export const IMPORTABLE_TYPES = ['Patient', 'Location', 'Encounter', 'Practitioner', 'Medication', 'MedicationRequest', 'AllergyIntolerance'] as const;
export const MAX_ENTRIES = 2000;

function mapEntry(resource: Resource, ctx: EntryContext): Mapped<ImportCommand> {
  switch (resource.resourceType) {
    case 'Patient':
      return patientFromFhir(resource as Patient, ctx);
    case 'Location':
      return locationFromFhir(resource as Location, ctx);
    case 'Encounter':
      return encounterFromFhir(resource as Encounter, ctx);
    case 'Practitioner':
      return practitionerFromFhir(resource as Practitioner, ctx);
    case 'Medication':
      return medicationFromFhir(resource as Medication, ctx);
    case 'MedicationRequest':
      return medicationRequestFromFhir(resource as MedicationRequest, ctx);
    case 'AllergyIntolerance':
      return allergyFromFhir(resource as AllergyIntolerance, ctx);
    default:
      return fail(`Wardscan does not import ${resource.resourceType}; it takes ${IMPORTABLE_TYPES.join(', ')}.`, `${ctx.at}.resourceType`, 'not-supported');
  }
}

function entryShapeIssues(entries: readonly BundleEntry[]): OperationOutcomeIssue[] {
  const issues: OperationOutcomeIssue[] = [];
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const method = e.request?.method;
    if (method !== 'POST' && method !== 'PUT') {
      issues.push(issue('not-supported', `Entry ${i}: Wardscan creates or updates (POST or PUT, matched on identifiers); ${method ?? 'no'} request method given.`, `Bundle.entry[${i}].request.method`));
    }
    if (!e.resource) issues.push(issue('required', `Entry ${i} has no resource.`, `Bundle.entry[${i}].resource`));
    if (e.fullUrl) {
      const first = seen.get(e.fullUrl);
      if (first !== undefined) issues.push(issue('invalid', `Entries ${first} and ${i} have the same fullUrl ${e.fullUrl}.`, `Bundle.entry[${i}].fullUrl`));
      else seen.set(e.fullUrl, i);
    }
  });
  return issues;
}

/** `identifier=system|value` (or `code=` for a Medication): the one search a conditional request may name. */
function searchFrom(query: string, type: string, where: string): Mapped<IdentifierSearch> {
  const q = query.startsWith(`${type}?`) ? query.slice(type.length + 1) : query.startsWith('?') ? query.slice(1) : query;
  const params = [...new URLSearchParams(q)];
  const [first] = params;
  const allowed = type === 'Medication' ? ['identifier', 'code'] : ['identifier'];
  if (params.length !== 1 || !first || !allowed.includes(first[0])) {
    return fail(`Wardscan matches a ${type} on one ${allowed.join(' or ')}=system|value; "${query}" asks for something else.`, where, 'not-supported');
  }
  const [param, token] = first;
  const bar = token.indexOf('|');
  if (bar <= 0 || bar === token.length - 1) return fail(`${param}=${token} needs both a system and a value (system|value).`, where, 'invalid');
  return ok({ param: param as IdentifierSearch['param'], system: token.slice(0, bar), value: token.slice(bar + 1) });
}

const sameValue = (system: string, a: string, b: string): boolean => (system === NHS_NUMBER_SYSTEM ? a.replace(/\s/g, '') === b.replace(/\s/g, '') : a.trim() === b.trim());

/** Whether the resource carries the identifier (or code) a conditional URL names. */
function carries(resource: Resource, s: IdentifierSearch): boolean {
  const r = resource as { identifier?: { system?: string; value?: string }[]; code?: { coding?: { system?: string; code?: string }[] } };
  if (s.param === 'code') return (r.code?.coding ?? []).some((c) => c.system === s.system && !!c.code && sameValue(s.system, c.code, s.value));
  return (r.identifier ?? []).some((i) => i.system === s.system && !!i.value && sameValue(s.system, i.value, s.value));
}

/**
 * The entry's request as FHIR's transaction rules read it: a POST's url is
 * the resource type (with `ifNoneExist` a conditional create); a PUT's is a
 * conditional URL (whose identifier the resource must carry: a PUT to one
 * patient's URL never updates another) or `Type/id`.
 */
function requestOf(e: BundleEntry, i: number): Mapped<EntryRequest | undefined> {
  const resource = e.resource as Resource;
  const type = resource.resourceType;
  const where = `Bundle.entry[${i}].request`;
  const url = (e.request?.url ?? '').trim();
  if (e.request?.method === 'POST') {
    if (url.replace(/\/$/, '') !== type) return fail(`A POST of a ${type} has request.url "${type}"; this one has "${url}".`, `${where}.url`, 'invalid');
    const ifNoneExist = e.request.ifNoneExist?.trim();
    if (!ifNoneExist) return ok(undefined);
    const search = searchFrom(ifNoneExist, type, `${where}.ifNoneExist`);
    return search.ok ? ok({ kind: 'if-none-exist', search: search.value }) : search;
  }
  const instance = /^([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(url);
  if (instance) {
    const [, urlType = '', id = ''] = instance;
    if (urlType !== type) return fail(`request.url names a ${urlType}; the resource is a ${type}.`, `${where}.url`, 'invalid');
    if (resource.id !== undefined && resource.id !== id) return fail(`request.url is ${url} but the resource's id is ${resource.id}.`, `Bundle.entry[${i}].resource.id`, 'invalid');
    return ok({ kind: 'instance-update', type, id });
  }
  const q = url.indexOf('?');
  if (q < 0 || url.slice(0, q) !== type) return fail(`A PUT of a ${type} has request.url ${type}?identifier=system|value or ${type}/<id>; this one has "${url}".`, `${where}.url`, 'invalid');
  const search = searchFrom(url.slice(q + 1), type, `${where}.url`);
  if (!search.ok) return search;
  if (!carries(resource, search.value)) {
    return fail(`request.url matches ${search.value.param} ${search.value.system}|${search.value.value}, which this ${type} does not carry: a conditional update changes only the resource it matches.`, `${where}.url`, 'conflict');
  }
  return ok({ kind: 'conditional-update', search: search.value });
}

/** The Bundle itself: a Bundle of type transaction or batch with 1 to MAX_ENTRIES entries, else the whole request is refused (400). */
function bundleOf(body: unknown): { bundle: Bundle; entries: BundleEntry[] } {
  const bundle = body as Bundle | null;
  if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
    throw new FhirError(400, [issue('structure', 'POST /fhir/r4 takes a Bundle of type transaction or batch.', 'Bundle')]);
  }
  if (bundle.type !== 'transaction' && bundle.type !== 'batch') {
    throw new FhirError(400, [issue('not-supported', `POST /fhir/r4 processes transaction bundles (all or nothing) and batch bundles (each entry on its own); this one is ${bundle.type}.`, 'Bundle.type')]);
  }
  const entries = bundle.entry ?? [];
  if (entries.length === 0) throw new FhirError(400, [issue('required', 'The bundle has no entries.', 'Bundle.entry')]);
  if (entries.length > MAX_ENTRIES) throw new FhirError(400, [issue('too-costly', `At most ${MAX_ENTRIES} entries per ${bundle.type}.`, 'Bundle.entry')]);
  return { bundle, entries };
}

/** Not valid FHIR R4, or not an entry Wardscan can process: the Bundle's own shape, each entry's request and each resource. */
function structuralIssues(bundle: Bundle, entries: readonly BundleEntry[]): OperationOutcomeIssue[] {
  const structural = [...validateR4({ ...bundle, entry: entries.map(({ resource: _r, ...rest }) => rest) }), ...entryShapeIssues(entries)];
  entries.forEach((e, i) => {
    if (e.resource) structural.push(...validateR4(e.resource, `Bundle.entry[${i}].resource`));
  });
  return structural;
}

/** One entry as a write command (its request's conditions kept), or the issues that stop it. */
function commandOf(e: BundleEntry, index: number, entries: readonly BundleEntry[]): Mapped<ImportCommand> {
  const mapped = mapEntry(e.resource as Resource, { index, at: `Bundle.entry[${index}].resource`, entries });
  if (!mapped.ok) return mapped;
  const request = requestOf(e, index);
  if (!request.ok) return request;
  return ok(request.value ? { ...mapped.value, request: request.value } : mapped.value);
}

/** An entry referring to a faulty entry repeats its issue: report each once. */
const uniqueIssues = (issues: readonly OperationOutcomeIssue[]): OperationOutcomeIssue[] => [...new Map(issues.map((i) => [`${i.expression?.join()}|${i.details?.text}`, i])).values()];

/**
 * A transaction Bundle as validated write commands, or a FhirError naming
 * every entry that is wrong and why (400: not valid FHIR R4; 422: valid FHIR
 * that Wardscan cannot take safely). Pure: no database, no clock.
 */
export function importBundle(body: unknown): ImportCommand[] {
  const { bundle, entries } = bundleOf(body);
  if (bundle.type !== 'transaction') throw new FhirError(400, [issue('not-supported', 'This is a batch: each entry is prepared on its own (importBatch).', 'Bundle.type')]);
  const structural = structuralIssues(bundle, entries);
  if (structural.length) throw new FhirError(400, structural);

  const commands: ImportCommand[] = [];
  const issues: OperationOutcomeIssue[] = [];
  entries.forEach((e, index) => {
    const command = commandOf(e, index, entries);
    if (command.ok) commands.push(command.value);
    else issues.push(...command.issues);
  });
  const unique = uniqueIssues(issues);
  if (unique.length) throw new FhirError(422, unique);
  return commands;
}

/** One entry of a batch, ready to apply, or why it fails (its own status and issues; the other entries go on). */
export type BatchEntryPlan = { readonly ok: true; readonly command: ImportCommand } | { readonly ok: false; readonly status: number; readonly issues: OperationOutcomeIssue[] };

const ENTRY_PATH = /^Bundle\.entry\[(\d+)\]/;

/** Every `reference` string in a resource, with its FHIRPath. */
function referencesIn(value: unknown, at: string, out: { text: string; at: string }[] = []): { text: string; at: string }[] {
  if (Array.isArray(value)) value.forEach((v, i) => referencesIn(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push({ text: v, at: `${at}.reference` });
      else referencesIn(v, `${at}.${k}`, out);
    }
  }
  return out;
}

/**
 * R4 batch rules (http.html#brules): entries have no interdependencies, and a
 * reference to another entry of the batch is non-conformant. Such an entry
 * fails on its own, saying how to send it instead.
 */
function crossEntryIssues(e: BundleEntry, index: number, entries: readonly BundleEntry[]): OperationOutcomeIssue[] {
  const at = `Bundle.entry[${index}].resource`;
  return referencesIn(e.resource, at).flatMap((r) => {
    const target = entryIndexOf(r.text, { index, at, entries });
    if (target < 0 || target === index) return [];
    return [
      issue(
        'invalid',
        `In a batch each entry stands alone: ${r.text} names entry ${target} of the same batch (FHIR R4 batch rules). Send them together as a transaction, or refer by identifier (e.g. Patient?identifier=system|value) to what is already on record.`,
        r.at,
      ),
    ];
  });
}

/**
 * A batch Bundle, entry by entry (FHIR R4 http.html, batch): each valid entry
 * becomes a command and each invalid one carries its own 400 (not valid FHIR,
 * or refers to another entry) or 422 (valid FHIR Wardscan cannot take
 * safely); only a fault in the Bundle itself refuses the whole request
 * (FhirError). Pure, as importBundle.
 */
export function importBatch(body: unknown): BatchEntryPlan[] {
  const { bundle, entries } = bundleOf(body);
  if (bundle.type !== 'batch') throw new FhirError(400, [issue('not-supported', 'This is a transaction: it is prepared as a whole (importBundle).', 'Bundle.type')]);
  const byEntry = new Map<number, OperationOutcomeIssue[]>();
  const general: OperationOutcomeIssue[] = [];
  for (const i of structuralIssues(bundle, entries)) {
    const m = ENTRY_PATH.exec(i.expression?.[0] ?? '');
    if (m) byEntry.set(Number(m[1]), [...(byEntry.get(Number(m[1])) ?? []), i]);
    else general.push(i);
  }
  if (general.length) throw new FhirError(400, general);
  return entries.map((e, index): BatchEntryPlan => {
    const own = byEntry.get(index) ?? crossEntryIssues(e, index, entries);
    if (own.length) return { ok: false, status: 400, issues: own };
    const command = commandOf(e, index, entries);
    return command.ok ? { ok: true, command: command.value } : { ok: false, status: 422, issues: uniqueIssues(command.issues) };
  });
}
