import type { CapabilityStatement, CapabilityStatementRestResourceSearchParam } from '@medplum/fhirtypes';
import type { SupportedType } from './http-conformance.js';
import { IMPORTABLE_TYPES, MAX_ENTRIES } from './import-bundle.js';
import { DEFAULT_COUNT, MAX_COUNT } from './search-params.js';
import { mrnSystem } from './from-fhir/patient.js';
import { REPORT_DEFAULT_DAYS, REPORT_MAX_DAYS } from './measure-report-search.js';
import { GLN_SYSTEM, GSRN_SYSTEM, GTIN_SYSTEM, NHS_NUMBER_SYSTEM, WARD_ID_SYSTEM } from './systems.js';
import { COMPLIANCE_MEASURE_ID, MEASURE_URL } from './to-fhir/measure-report.js';

const PAGING =
  `Searches answer a searchset: total is every match; _count (default ${DEFAULT_COUNT}, at most ${MAX_COUNT}; 0 or _summary=count for the total alone) and the absolute ` +
  'self, first, previous, next and last links page through them (_offset). An unknown parameter is ignored and named in an OperationOutcome entry, or refused with 400 ' +
  'under Prefer: handling=strict. Dates take ge, gt, le, lt, eq at the precision given (year to millisecond, a time with its zone). JSON only: _format=xml or Accept without ' +
  'JSON is 406, a body that is not JSON 415, an interaction not listed here 405.';

/** The resource types the reads serve, with their search parameters (the routes in routes.ts implement exactly these). */
/** A function, not a constant: settings read when used (WARDSCAN_MRN_SYSTEM) appear as they stand. */
const served = (): readonly { type: 'Patient' | 'MedicationAdministration' | 'AuditEvent' | 'MeasureReport' | 'Measure'; read: boolean; search: boolean; searchParam: CapabilityStatementRestResourceSearchParam[]; documentation: string }[] => [
  {
    type: 'Patient',
    read: true,
    search: true,
    searchParam: [{ name: 'identifier', type: 'token', documentation: `Required: ${NHS_NUMBER_SYSTEM}|<NHS Number> or the trust's hospital number system (this server: ${mrnSystem()})|<MRN>.` }],
    documentation: 'meta.versionId counts the changes to the patient’s record; meta.lastUpdated is the last.',
  },
  {
    type: 'MedicationAdministration',
    read: true,
    search: true,
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
    search: true,
    searchParam: [
      { name: 'patient', type: 'reference' },
      { name: 'date', type: 'date', documentation: 'When the row was recorded; _lastUpdated is the same (rows never change).' },
      { name: '_lastUpdated', type: 'date' },
      { name: 'outcome', type: 'token', documentation: '0 match, 4 warning, 8 stop.' },
    ],
    documentation: 'Newest first; the paging links hold the log as it stood at the first page (_snapshot), so rows recorded meanwhile do not shift later pages.',
  },
  {
    type: 'MeasureReport',
    read: true,
    search: true,
    searchParam: [
      {
        name: 'period',
        type: 'date',
        documentation: `The period to report, in whole ward days (dates only): ge/gt its first day, le/lt its last, eq or none a day, month or year; an open end is today, an open start ${REPORT_DEFAULT_DAYS} days before the end; none at all is the last ${REPORT_DEFAULT_DAYS} days. At most ${REPORT_MAX_DAYS} days. Reports are computed when asked, so date is taken as the same.`,
      },
      { name: 'date', type: 'date', documentation: 'As period.' },
      { name: 'subject', type: 'reference', documentation: 'A ward: Location/<ward id> or the ward id (several comma-separated).' },
      { name: 'measure', type: 'reference', documentation: `${MEASURE_URL} (every report is of that Measure).` },
    ],
    documentation:
      `Ward scan compliance (the figures of GET /api/metrics/trust/measure-report): one summary MeasureReport per ward for the period, wards in id order, id <ward id>-<first day>-<last day>, of Measure/${COMPLIANCE_MEASURE_ID}. Admins, and system clients with system/MeasureReport.read.`,
  },
  {
    type: 'Measure',
    read: true,
    search: false,
    searchParam: [],
    documentation: `Measure/${COMPLIANCE_MEASURE_ID} (${MEASURE_URL}): what each compliance figure counts. Read by whoever may read the reports (a system client: system/MeasureReport.read or system/Measure.read).`,
  },
];

/** For HTTP semantics: every type the endpoint knows (served, or imported in a transaction) and what it serves of each; any other type is 404. */
export const SUPPORTED_TYPES: Readonly<Record<string, SupportedType>> = Object.fromEntries([
  ...IMPORTABLE_TYPES.map((t) => [t, { search: false, read: false }] as const),
  ...served().map((r) => [r.type, { search: r.search, read: r.read }] as const),
]);

/** SMART App Launch: the OAuth URIs extension (the CapabilityStatement half of discovery; .well-known/smart-configuration is the other). */
export const OAUTH_URIS_EXTENSION = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
export const SECURITY_SERVICE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/restful-security-service';

/** What /fhir/r4 really does: exactly the interactions and search parameters the routes implement. `tokenUrl` is the SMART token endpoint. */
export function capabilityStatement(date: string, tokenUrl: string): CapabilityStatement {
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
          `POST /fhir/r4 takes a transaction or batch Bundle (at most ${MAX_ENTRIES} entries) of ${IMPORTABLE_TYPES.join(', ')}; each entry is created or updated by its identifier ` +
          `(Patient: ${NHS_NUMBER_SYSTEM}, checked mod 11, or the trust's hospital number ${mrnSystem()}; Location: ${GLN_SYSTEM} or ${WARD_ID_SYSTEM}; ` +
          `Practitioner: ${GSRN_SYSTEM}; Medication: ${GTIN_SYSTEM}; MedicationRequest: its own identifier). An in-progress Encounter places a patient on a ward or in a bed. ` +
          'A transaction is all or nothing. A batch takes each entry on its own (no entry may refer to another; refer by identifier): the answer is a batch-response with each ' +
          "entry's status and, for a failure, an OperationOutcome. Admins, and system clients within their write scopes. New Practitioners are created inactive, without credentials.",
        security: {
          extension: [{ url: OAUTH_URIS_EXTENSION, extension: [{ url: 'token', valueUri: tokenUrl }] }],
          service: [{ coding: [{ system: SECURITY_SERVICE_SYSTEM, code: 'SMART-on-FHIR', display: 'SMART-on-FHIR' }], text: 'SMART Backend Services (client credentials, private_key_jwt)' }],
          description:
            'Systems: SMART Backend Services (SMART App Launch 2.x): an OAuth 2.0 client-credentials token from the token endpoint (see .well-known/smart-configuration) for a JWT assertion ' +
            'signed RS384 or ES384 by a key an admin registered, scoped per client with system scopes (v1 or v2), e.g. system/MedicationRequest.write, system/MedicationAdministration.read, ' +
            'system/MeasureReport.read. People: the bearer session token from POST /api/sessions. Import: admin. Patient and MedicationAdministration reads: admin, or nurse and ' +
            'ward-manager for patients on their own ward (a MedicationAdministration search without a patient: admin). AuditEvent: admin, or ward-manager for their own ward. ' +
            'MeasureReport and Measure: admin. metadata and .well-known/smart-configuration are public.',
        },
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        resource: served().map((r) => ({
          type: r.type,
          versioning: 'versioned' as const,
          interaction: [...(r.read ? [{ code: 'read' as const }] : []), ...(r.search ? [{ code: 'search-type' as const }] : [])],
          ...(r.searchParam.length ? { searchParam: r.searchParam } : {}),
          documentation: r.search ? `${r.documentation} ${PAGING}` : r.documentation,
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
