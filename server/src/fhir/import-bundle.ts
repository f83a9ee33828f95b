import type { AllergyIntolerance, Bundle, BundleEntry, Encounter, Location, Medication, MedicationRequest, OperationOutcomeIssue, Patient, Practitioner, Resource } from '@medplum/fhirtypes';
import type { ImportCommand } from './commands.js';
import { validateR4 } from './definitions.js';
import { allergyFromFhir } from './from-fhir/allergy.js';
import { encounterFromFhir, locationFromFhir } from './from-fhir/location.js';
import { medicationRequestFromFhir } from './from-fhir/medication-request.js';
import { medicationFromFhir } from './from-fhir/medication.js';
import { patientFromFhir } from './from-fhir/patient.js';
import { practitionerFromFhir } from './from-fhir/practitioner.js';
import { FhirError, issue } from './operation-outcome.js';
import { fail, type EntryContext, type Mapped } from './references.js';

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

/**
 * A transaction Bundle as validated write commands, or a FhirError naming
 * every entry that is wrong and why (400: not valid FHIR R4; 422: valid FHIR
 * that Wardscan cannot take safely). Pure: no database, no clock.
 */
export function importBundle(body: unknown): ImportCommand[] {
  const bundle = body as Bundle | null;
  if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
    throw new FhirError(400, [issue('structure', 'POST /fhir/r4 takes a Bundle of type transaction.', 'Bundle')]);
  }
  if (bundle.type !== 'transaction') throw new FhirError(400, [issue('not-supported', `Only transaction bundles are processed (all or nothing); this one is ${bundle.type}.`, 'Bundle.type')]);
  const entries = bundle.entry ?? [];
  if (entries.length === 0) throw new FhirError(400, [issue('required', 'The bundle has no entries.', 'Bundle.entry')]);
  if (entries.length > MAX_ENTRIES) throw new FhirError(400, [issue('too-costly', `At most ${MAX_ENTRIES} entries per transaction.`, 'Bundle.entry')]);

  const structural = [...validateR4({ ...bundle, entry: entries.map(({ resource: _r, ...rest }) => rest) }), ...entryShapeIssues(entries)];
  entries.forEach((e, i) => {
    if (e.resource) structural.push(...validateR4(e.resource, `Bundle.entry[${i}].resource`));
  });
  if (structural.length) throw new FhirError(400, structural);

  const commands: ImportCommand[] = [];
  const issues: OperationOutcomeIssue[] = [];
  entries.forEach((e, index) => {
    const mapped = mapEntry(e.resource as Resource, { index, at: `Bundle.entry[${index}].resource`, entries });
    if (mapped.ok) commands.push(mapped.value);
    else issues.push(...mapped.issues);
  });
  // An entry referring to a faulty entry repeats its issue: report each once.
  const unique = [...new Map(issues.map((i) => [`${i.expression?.join()}|${i.details?.text}`, i])).values()];
  if (unique.length) throw new FhirError(422, unique);
  return commands;
}
