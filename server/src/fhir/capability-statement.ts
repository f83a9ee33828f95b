import type { CapabilityStatement } from '@medplum/fhirtypes';
import { IMPORTABLE_TYPES, MAX_ENTRIES } from './import-bundle.js';
import { GLN_SYSTEM, GSRN_SYSTEM, GTIN_SYSTEM, NHS_NUMBER_SYSTEM, TRUST_MRN_SYSTEM, WARD_ID_SYSTEM } from './systems.js';

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
            'Bearer session token from POST /api/sessions. Import: admin. Patient and MedicationAdministration reads: admin, or nurse and ward-manager for patients on their own ward. AuditEvent: admin, or ward-manager for their own ward. metadata is public.',
        },
        interaction: [{ code: 'transaction' }],
        resource: [
          {
            type: 'Patient',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [{ name: 'identifier', type: 'token', documentation: `${NHS_NUMBER_SYSTEM}|<NHS Number> or ${TRUST_MRN_SYSTEM}|<MRN>` }],
          },
          {
            type: 'MedicationAdministration',
            interaction: [{ code: 'search-type' }],
            searchParam: [{ name: 'patient', type: 'reference', documentation: 'Required: the patient id (or Patient/<id>).' }],
          },
          {
            type: 'AuditEvent',
            interaction: [{ code: 'search-type' }],
            searchParam: [
              { name: 'patient', type: 'reference' },
              { name: 'date', type: 'date', documentation: 'Prefixes ge, gt, le, lt, eq; may repeat.' },
              { name: 'outcome', type: 'token', documentation: '0 match, 4 warning, 8 stop.' },
              { name: '_count', type: 'number', documentation: 'Newest first; at most 500.' },
            ],
          },
        ],
      },
    ],
  };
}
