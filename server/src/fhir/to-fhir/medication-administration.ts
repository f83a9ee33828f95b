import type { MedicationAdministration } from '@medplum/fhirtypes';
import { isCountUnit, OVERRIDE_REASONS, type DoseUnit, type MedicationRoute, type OverrideReason } from '@wardscan/shared';
import { routeCode, SNOMED_UNITS, ucumCode } from '../from-fhir/codes.js';
import { DMD_SYSTEM, EXT_OVERRIDE_REASON, GTIN_SYSTEM, MED_ADMIN_FUNCTION_SYSTEM, OVERRIDE_REASON_SYSTEM, SNOMED_SYSTEM, UCUM_SYSTEM } from '../systems.js';

/** One recorded dose with what the nurse scanned (repository row, see `fhir/read-repository.ts`). */
export interface GivenDose {
  readonly id: string;
  readonly eventId: string;
  readonly patientId: string;
  readonly prescriptionId: string;
  readonly givenAt: string;
  readonly givenBy: { readonly id: string; readonly name: string };
  readonly witness: { readonly id: string; readonly name: string } | null;
  readonly overrideReason: OverrideReason | null;
  readonly doseText: string;
  readonly dose: { readonly value: string; readonly unit: DoseUnit };
  readonly route: MedicationRoute;
  readonly product: {
    readonly gtin: string;
    readonly name: string | null;
    readonly batch: string | null;
    readonly expiry: string | null;
    /** The pack in dm+d (AMPP), when the release maps its GTIN. */
    readonly ampp: { readonly code: string; readonly name: string } | null;
  };
}

/** A dose as FHIR writes it: UCUM for measures, SNOMED CT for counted units (as UK Core does for tablets), else UCUM's annotation. */
function doseQuantity(dose: { readonly value: string; readonly unit: DoseUnit }) {
  const value = Number(dose.value);
  if (!isCountUnit(dose.unit)) return { value, unit: dose.unit, system: UCUM_SYSTEM, code: ucumCode(dose.unit) };
  const snomed = Object.entries(SNOMED_UNITS).find(([, u]) => u === dose.unit)?.[0];
  return snomed ? { value, unit: dose.unit, system: SNOMED_SYSTEM, code: snomed } : { value, unit: dose.unit, system: UCUM_SYSTEM, code: `{${dose.unit}}` };
}

const fn = (code: 'performer' | 'witness') => ({ coding: [{ system: MED_ADMIN_FUNCTION_SYSTEM, code, display: code === 'performer' ? 'Performer' : 'Witness' }] });

/**
 * A given dose as MedicationAdministration: the scanned pack (GTIN, batch,
 * expiry) as a contained Medication, the nurse and any witness as performers,
 * and a coded override reason as an extension and a note.
 */
export function administrationToFhir(d: GivenDose): MedicationAdministration {
  const pack = d.product;
  return {
    resourceType: 'MedicationAdministration',
    id: d.id,
    contained: [
      {
        resourceType: 'Medication',
        id: 'pack',
        code: {
          coding: [
            { system: GTIN_SYSTEM, code: pack.gtin, ...(pack.name ? { display: pack.name } : {}) },
            ...(pack.ampp ? [{ system: DMD_SYSTEM, code: pack.ampp.code, display: pack.ampp.name }] : []),
          ],
          ...(pack.name ? { text: pack.name } : {}),
        },
        ...(pack.batch || pack.expiry ? { batch: { ...(pack.batch ? { lotNumber: pack.batch } : {}), ...(pack.expiry ? { expirationDate: pack.expiry } : {}) } } : {}),
      },
    ],
    ...(d.overrideReason
      ? { extension: [{ url: EXT_OVERRIDE_REASON, valueCoding: { system: OVERRIDE_REASON_SYSTEM, code: d.overrideReason, display: OVERRIDE_REASONS[d.overrideReason] } }] }
      : {}),
    identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${d.eventId}` }],
    status: 'completed',
    medicationReference: { reference: '#pack' },
    subject: { reference: `Patient/${d.patientId}` },
    effectiveDateTime: d.givenAt,
    performer: [
      { function: fn('performer'), actor: { reference: `Practitioner/${d.givenBy.id}`, display: d.givenBy.name } },
      ...(d.witness ? [{ function: fn('witness'), actor: { reference: `Practitioner/${d.witness.id}`, display: d.witness.name } }] : []),
    ],
    request: { reference: `MedicationRequest/${d.prescriptionId}` },
    ...(d.overrideReason ? { note: [{ text: `Given after a warning; override reason: ${OVERRIDE_REASONS[d.overrideReason]}.` }] } : {}),
    dosage: {
      text: d.doseText,
      route: { coding: [{ system: SNOMED_SYSTEM, code: routeCode(d.route) }], text: d.route },
      dose: doseQuantity(d.dose),
    },
  };
}
