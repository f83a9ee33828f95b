import type { Annotation, CodeableConcept, Identifier, MedicationAdministration, MedicationAdministrationDosage, MedicationRequest, Patient, Practitioner, Reference, Resource } from '@medplum/fhirtypes';
import { isCountUnit, NOT_GIVEN_REASONS, OVERRIDE_REASONS, type DoseUnit, type MedicationRoute, type NotGivenReason, type OrderDose, type OverrideReason } from '@wardscan/shared';
import { routeCode, SNOMED_UNITS, ucumCode } from '../from-fhir/codes.js';
import {
  DMD_SYSTEM,
  EXT_DOCUMENTED_AT,
  EXT_OVERRIDE_REASON,
  GSRN_SYSTEM,
  GTIN_SYSTEM,
  MED_ADMIN_FUNCTION_SYSTEM,
  NHS_NUMBER_SYSTEM,
  NOT_GIVEN_REASON_SYSTEM,
  OVERRIDE_REASON_SYSTEM,
  PRESCRIPTION_ID_SYSTEM,
  SNOMED_SYSTEM,
  STAFF_ID_SYSTEM,
  UCUM_SYSTEM,
  URI_SYSTEM,
} from '../systems.js';

/** A member of staff as a performer: their id, name and badge (GSRN) if they have one. */
export interface StaffRef {
  readonly id: string;
  readonly name: string;
  readonly badge: string | null;
}

/** What a dose record shares, given or not (repository rows, see `fhir/read-repository.ts`). */
interface DoseRecord {
  readonly id: string;
  readonly eventId: string;
  readonly patientId: string;
  readonly nhsNumber: string;
  readonly prescriptionId: string;
  /** The identifier the EPR's MedicationRequest was imported with; null for orders from elsewhere. */
  readonly order: { readonly system: string; readonly value: string } | null;
  /** When the record reached the server (meta.lastUpdated). */
  readonly lastUpdated: string;
}

/** One recorded dose with what the nurse scanned. */
export interface GivenDose extends DoseRecord {
  /** When the nurse confirmed it on the handheld (the capture time). */
  readonly givenAt: string;
  readonly documentedLate: boolean;
  readonly givenBy: StaffRef;
  readonly witness: StaffRef | null;
  readonly overrideReason: OverrideReason | null;
  readonly indication: string | null;
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

/** A scheduled dose documented as not given. */
export interface NotGivenDose extends DoseRecord {
  readonly slotAt: string;
  readonly reason: NotGivenReason;
  readonly note: string | null;
  readonly recordedBy: StaffRef;
  /** The order as prescribed: what was due (for a range, no single dose). */
  readonly drug: string;
  readonly medicationCode: string | null;
  readonly dose: OrderDose;
  readonly route: MedicationRoute;
}

/**
 * SNOMED CT for the reasons that have a code in the value set FHIR R4 binds
 * MedicationAdministration.statusReason to (example binding):
 * http://hl7.org/fhir/R4/valueset-reason-medication-not-given-codes.html —
 * "is-a 242990004 Drug not available for administration" and "is-a 182895007
 * Drug declined by patient" (expansion: SNOMED CT International 31-Jul-2020,
 * also listed at hl7.org/fhir/R4B/valueset-reason-medication-not-given-codes.html).
 * No published source gives a code for the other reasons (nil by mouth, away
 * from the ward, unable to administer, withheld, self-administered, other):
 * they are sent as text and Wardscan's own code only, never a guessed concept.
 */
export const NOT_GIVEN_SNOMED: Readonly<Partial<Record<NotGivenReason, { code: string; display: string }>>> = {
  'patient-refused': { code: '182895007', display: 'Drug declined by patient' },
  'drug-unavailable': { code: '242990004', display: 'Drug not available for administration' },
};

/** How references are written: `literal` for our own reads (the id on this server, with the identifier beside it); `logical` for a resource sent elsewhere, where our ids mean nothing. */
export type ReferenceStyle = 'literal' | 'logical';

/** A dose as FHIR writes it: UCUM for measures, SNOMED CT for counted units (as UK Core does for tablets), else UCUM's annotation. */
function doseQuantity(dose: { readonly value: string; readonly unit: DoseUnit }) {
  const value = Number(dose.value);
  if (!isCountUnit(dose.unit)) return { value, unit: dose.unit, system: UCUM_SYSTEM, code: ucumCode(dose.unit) };
  const snomed = Object.entries(SNOMED_UNITS).find(([, u]) => u === dose.unit)?.[0];
  return snomed ? { value, unit: dose.unit, system: SNOMED_SYSTEM, code: snomed } : { value, unit: dose.unit, system: UCUM_SYSTEM, code: `{${dose.unit}}` };
}

const fn = (code: 'performer' | 'witness') => ({ coding: [{ system: MED_ADMIN_FUNCTION_SYSTEM, code, display: code === 'performer' ? 'Performer' : 'Witness' }] });

const ref = <T extends Resource>(style: ReferenceStyle, literal: string, identifier: Identifier, display?: string): Reference<T> => ({
  ...(style === 'literal' ? { reference: literal } : {}),
  identifier,
  ...(display ? { display } : {}),
});

const staffRef = (style: ReferenceStyle, s: StaffRef): Reference<Practitioner> =>
  ref<Practitioner>(style, `Practitioner/${s.id}`, s.badge ? { system: GSRN_SYSTEM, value: s.badge } : { system: STAFF_ID_SYSTEM, value: s.id }, s.name);

/** The EPR's order when it is known (its own identifier), else our prescription id. */
const requestRef = (style: ReferenceStyle, d: DoseRecord): Reference<MedicationRequest> =>
  ref<MedicationRequest>(style, `MedicationRequest/${d.prescriptionId}`, d.order ? { system: d.order.system, value: d.order.value } : { system: PRESCRIPTION_ID_SYSTEM, value: d.prescriptionId });

/** The elements every dose record has, given or not. */
function common(d: DoseRecord, style: ReferenceStyle) {
  return {
    resourceType: 'MedicationAdministration' as const,
    id: d.id,
    // Records are never changed once written: one version.
    meta: { versionId: '1', lastUpdated: d.lastUpdated },
    identifier: [{ system: URI_SYSTEM, value: `urn:uuid:${d.eventId}` }],
    category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/medication-admin-category', code: 'inpatient', display: 'Inpatient' }] },
    subject: ref<Patient>(style, `Patient/${d.patientId}`, { system: NHS_NUMBER_SYSTEM, value: d.nhsNumber }),
    request: requestRef(style, d),
  };
}

/**
 * A given dose as MedicationAdministration: the scanned pack (GTIN, batch,
 * expiry, dm+d AMPP) as a contained Medication, the nurse and any witness as
 * performers, the capture time as effectiveDateTime, a coded override reason
 * as an extension and a note, and a late record's arrival as an extension
 * and a note (meta.lastUpdated is always when it reached the server).
 */
export function administrationToFhir(d: GivenDose, style: ReferenceStyle = 'literal'): MedicationAdministration {
  const pack = d.product;
  const extension = [
    ...(d.overrideReason ? [{ url: EXT_OVERRIDE_REASON, valueCoding: { system: OVERRIDE_REASON_SYSTEM, code: d.overrideReason, display: OVERRIDE_REASONS[d.overrideReason] } }] : []),
    ...(d.documentedLate ? [{ url: EXT_DOCUMENTED_AT, valueDateTime: d.lastUpdated }] : []),
  ];
  const notes = [
    ...(d.overrideReason ? [{ text: `Given after a warning; override reason: ${OVERRIDE_REASONS[d.overrideReason]}.` }] : []),
    ...(d.documentedLate ? [{ text: `Documented late: given at ${d.givenAt}, recorded on the server at ${d.lastUpdated}.` }] : []),
  ];
  const { resourceType, id, meta, identifier, category, subject, request } = common(d, style);
  return {
    resourceType,
    id,
    meta,
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
    ...(extension.length ? { extension } : {}),
    identifier,
    status: 'completed',
    category,
    medicationReference: { reference: '#pack' },
    subject,
    effectiveDateTime: d.givenAt,
    performer: [
      { function: fn('performer'), actor: staffRef(style, d.givenBy) },
      ...(d.witness ? [{ function: fn('witness'), actor: staffRef(style, d.witness) }] : []),
    ],
    ...(d.indication ? { reasonCode: [{ text: d.indication }] } : {}),
    request,
    ...(notes.length ? { note: notes } : {}),
    dosage: {
      text: d.doseText,
      route: { coding: [{ system: SNOMED_SYSTEM, code: routeCode(d.route) }], text: d.route },
      dose: doseQuantity(d.dose),
    },
  };
}

/** The coded reason: SNOMED CT where a published code exists, Wardscan's own code always, and the words. */
export function notGivenReasonConcept(reason: NotGivenReason): CodeableConcept {
  const snomed = NOT_GIVEN_SNOMED[reason];
  return {
    coding: [
      ...(snomed ? [{ system: SNOMED_SYSTEM, code: snomed.code, display: snomed.display }] : []),
      { system: NOT_GIVEN_REASON_SYSTEM, code: reason, display: NOT_GIVEN_REASONS[reason] },
    ],
    text: NOT_GIVEN_REASONS[reason],
  };
}

/**
 * The dose that was due, as R4 can say it. One exact dose: `dosage` with it.
 * A range (issue 13): no single dose was due, the nurse chooses one when
 * giving, so sending one (the low bound) would record a dose nobody decided
 * on; and R4 allows no `dosage` without a dose or a rate (mad-1), so the
 * range is said in words in a note and `dosage` is left out.
 */
function doseDue(d: NotGivenDose): { dosage: MedicationAdministrationDosage } | { rangeNote: Annotation } {
  const route = { coding: [{ system: SNOMED_SYSTEM, code: routeCode(d.route) }], text: d.route };
  switch (d.dose.kind) {
    case 'fixed':
      return { dosage: { text: `${d.dose.value} ${d.dose.unit} ${d.route} (not given)`, route, dose: doseQuantity(d.dose) } };
    case 'range':
      return { rangeNote: { text: `Ordered as a dose range, ${d.dose.low}–${d.dose.high} ${d.dose.unit} ${d.route}, the nurse choosing the dose when giving it: not given, so no dose is stated.` } };
    default: {
      const never: never = d.dose;
      return never;
    }
  }
}

/**
 * A scheduled dose documented as not given: status not-done with the coded
 * reason, effectiveDateTime the time it was due, the medicine and dose as
 * ordered (a range in a note, see `doseDue`), and the nurse who documented it.
 */
export function notGivenToFhir(d: NotGivenDose, style: ReferenceStyle = 'literal'): MedicationAdministration {
  const { resourceType, id, meta, identifier, category, subject, request } = common(d, style);
  const due = doseDue(d);
  const notes = [...('rangeNote' in due ? [due.rangeNote] : []), ...(d.note ? [{ text: d.note }] : [])];
  return {
    resourceType,
    id,
    meta,
    identifier,
    status: 'not-done',
    statusReason: [notGivenReasonConcept(d.reason)],
    category,
    medicationCodeableConcept: { ...(d.medicationCode ? { coding: [{ system: DMD_SYSTEM, code: d.medicationCode }] } : {}), text: d.drug },
    subject,
    effectiveDateTime: d.slotAt,
    performer: [{ function: fn('performer'), actor: staffRef(style, d.recordedBy) }],
    request,
    ...(notes.length ? { note: notes } : {}),
    ...('dosage' in due ? { dosage: due.dosage } : {}),
  };
}
