import type { Patient } from '@medplum/fhirtypes';
import type { PatientRecord } from '../../domain/records.js';
import { mrnSystem, NHS_NUMBER_SYSTEM } from '../systems.js';

/** A Wardscan patient as a FHIR R4 Patient (identifiers, name, date of birth). */
export function patientToFhir(p: PatientRecord): Patient {
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [
      { system: NHS_NUMBER_SYSTEM, value: p.nhsNumber },
      ...(p.mrn ? [{ system: mrnSystem(), value: p.mrn }] : []),
    ],
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    birthDate: p.birthDate,
  };
}
