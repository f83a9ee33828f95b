import type { CapabilityStatement, CapabilityStatementRestResourceSearchParam } from '@medplum/fhirtypes';
import type { SupportedType } from './http-conformance.js';
import { IMPORTABLE_TYPES, MAX_ENTRIES } from './import-bundle.js';
import { DEFAULT_COUNT, MAX_COUNT } from './search-params.js';
import { GLN_SYSTEM, GSRN_SYSTEM, GTIN_SYSTEM, NHS_NUMBER_SYSTEM, TRUST_MRN_SYSTEM, WARD_ID_SYSTEM } from './systems.js';

const PAGING =
  `Searches answer a searchset: total is every match; _count (default ${DEFAULT_COUNT}, at most ${MAX_COUNT}; 0 or _summary=count for the total alone) and the absolute ` +
  'self, first, previous, next and last links page through them (_offset). An unknown parameter is ignored and named in an OperationOutcome entry, or refused with 400 ' +
  'under Prefer: handling=strict. Dates take ge, gt, le, lt, eq at the precision given (year to millisecond, a time with its zone). JSON only: _format=xml or Accept without ' +
  'JSON is 406, a body that is not JSON 415, an interaction not listed here 405.';

/** The resource types the reads serve, with their search parameters (the routes in routes.ts implement exactly these). */
const SERVED: readonly { type: 'Patient' | 'MedicationAdministration' | 'AuditEvent'; read: boolean; searchParam: CapabilityStatementRestResourceSearchParam[]; documentation: string }[] = [
  {
    type: 'Patient',
    read: true,
    searchParam: [{ name: 'identifier', type: 'token', documentation: `Required: ${NHS_NUMBER_SYSTEM}|<NHS Number> or ${TRUST_MRN_SYSTEM}|<MRN>.` }],
    documentation: 'meta.versionId counts the changes to the patient’s record; meta.lastUpdated is the last.',
  },
  {
    type: 'MedicationAdministration',
    read: true,
    searchParam: [
      { name: 'patient', type: 'reference', documentation: 'The patient id (or Patient/<id>). Required for nurses and ward managers (their own ward’s patients); admins may leave it out.' },
      { name: 'subject', type: 'reference', documentation: 'As patient.' },
      { name: '_lastUpdated', type: 'date', documentation: 'When the record reached the server (a dose confirmed offline arrives later than it was given). For an incremental pull ask ge the newest meta.lastUpdated already seen and skip identifiers already held.' },
      { name: 'effective-time', type: 'date', documentation: 'When the dose was given (the nurse’s confirmation), or was due for a dose not given. date is taken as the same.' },
      { name: 'status', type: 'token', documentation: 'completed (given) or not-done (documented as not given, statusReason coded).' },
    ],
    documentation:
      'Every dose given (status completed) and every scheduled dose documented as not given (not-done), oldest meta.lastUpdated first. identifier (urn:uuid of the bedside event) is stable; request carries the prescribing system’s MedicationRequest identifier where the order came from a FHIR import.',
  },
  {
    type: 'AuditEvent',
    read: false,
    searchParam: [
      { name: 'patient', type: 'reference' },
      { name: 'date', type: 'date', documentation: 'When the row was recorded; _lastUpdated is the same (rows never change).' },
      { name: '_lastUpdated', type: 'date' },
      { name: 'outcome', type: 'token', documentation: '0 match, 4 warning, 8 stop.' },
    ],
    documentation: 'Newest first; the paging links hold the log as it stood at the first page (_snapshot), so rows recorded meanwhile do not shift later pages.',
  },
];

/** For HTTP semantics: every type the endpoint knows (served, or imported in a transaction) and what it serves of each; any other type is 404. */
export const SUPPORTED_TYPES: Readonly<Record<string, SupportedType>> = Object.fromEntries([
  ...IMPORTABLE_TYPES.map((t) => [t, { search: false, read: false }] as const),
  ...SERVED.map((r) => [r.type, { search: true, read: r.read }] as const),
]);

/** What /fhir/r4 really does: exactly the interactions and search parameters the routes implement. */
export function capabilityStatement(date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Wardscan',
    kind: 'instance',
    software: { name: 'Wardscan' },
    implementation: { description: 'Wardscan bedside positive patient identification: FHIR R4 exchange' },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          `POST /fhir/r4 takes a transaction Bundle (at most ${MAX_ENTRIES} entries) of ${IMPORTABLE_TYPES.join(', ')}; each entry is created or updated by its identifier ` +
          `(Patient: ${NHS_NUMBER_SYSTEM}, required and checked mod 11, and ${TRUST_MRN_SYSTEM}; Location: ${GLN_SYSTEM} or ${WARD_ID_SYSTEM}; ` +
          `Practitioner: ${GSRN_SYSTEM}; Medication: ${GTIN_SYSTEM}; MedicationRequest: its own identifier). An in-progress Encounter places a patient on a ward or in a bed. ` +
          'All or nothing; admin role only. New Practitioners are created inactive, without credentials.',
        security: {
          description:
            'Bearer session token from POST /api/sessions. Import: admin. Patient and MedicationAdministration reads: admin, or nurse and ward-manager for patients on their own ward (a MedicationAdministration search without a patient: admin). AuditEvent: admin, or ward-manager for their own ward. metadata is public.',
        },
        interaction: [{ code: 'transaction' }],
        resource: SERVED.map((r) => ({
          type: r.type,
          versioning: 'versioned' as const,
          interaction: [...(r.read ? [{ code: 'read' as const }] : []), { code: 'search-type' as const }],
          searchParam: r.searchParam,
          documentation: `${r.documentation} ${PAGING}`,
        })),
      },
      {
        mode: 'client',
        documentation:
          'Outbound push, when the trust sets WARDSCAN_FHIR_PUSH_URL (a FHIR base; WARDSCAN_FHIR_PUSH_TOKEN is sent as a bearer token): every new MedicationAdministration, ' +
          'given or not-done, is POSTed to <base>/MedicationAdministration with If-None-Exist on its identifier, from a durable outbox, until the receiver answers 2xx; ' +
          'failures are retried with exponential back-off, across restarts. At least once: the receiver deduplicates on the identifier. References are logical (NHS Number, ' +
          'staff badge GSRN, the prescribing system’s MedicationRequest identifier), not ids on this server.',
        resource: [{ type: 'MedicationAdministration', interaction: [{ code: 'create' }], conditionalCreate: true }],
      },
    ],
  };
}
