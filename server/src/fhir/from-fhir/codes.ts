import type { CodeableConcept, Quantity as FhirQuantity } from '@medplum/fhirtypes';
import { decimalSchema, type DoseForm, type DoseUnit, type MedicationRoute } from '@wardscan/shared';
import { fail, ok, type Mapped } from '../references.js';
import { SNOMED_SYSTEM, UCUM_SYSTEM } from '../systems.js';

/** SNOMED CT route of administration (as used by dm+d) → Wardscan route. */
export const SNOMED_ROUTES: Readonly<Record<string, MedicationRoute>> = {
  '26643006': 'oral',
  '47625008': 'iv',
  '78421000': 'im',
  '34206005': 'sc',
  '6064005': 'topical',
  '447694001': 'inhaled',
  '18679011000001101': 'inhaled',
  '37161004': 'rectal',
  '37839007': 'sublingual',
  '45890007': 'transdermal',
  '127492001': 'ng',
  '54485002': 'eye',
  '10547007': 'ear',
  // The same routes as other senders code them: dm+d's "Cutaneous" route, and the
  // qualifier-value concepts (Intravenous, Intramuscular, Subcutaneous, Topical) the
  // HL7 R4 examples use. Each means one route without doubt.
  '448598008': 'topical',
  '255560000': 'iv',
  '255559005': 'im',
  '263887005': 'sc',
  '359540000': 'topical',
};

/** The SNOMED CT code Wardscan writes for each route (the first listed above). */
export const routeCode = (route: MedicationRoute): string => Object.entries(SNOMED_ROUTES).find(([, r]) => r === route)?.[0] ?? '';

/** UCUM code → Wardscan dose unit. Units outside this table are refused, never guessed. */
export const UCUM_UNITS: Readonly<Record<string, DoseUnit>> = {
  g: 'g',
  mg: 'mg',
  ug: 'microgram',
  ng: 'nanogram',
  L: 'L',
  mL: 'mL',
  U: 'unit',
  '[iU]': 'unit',
  mmol: 'mmol',
  // UCUM's own drop (UK Core writes eye drops in it).
  '[drp]': 'drop',
};

/** UCUM annotations for counted units ({tablet}, {ampoule}): UCUM's way of naming what is counted. */
const UCUM_ANNOTATED: Readonly<Record<string, DoseUnit>> = {
  '{tablet}': 'tablet',
  '{tbl}': 'tablet',
  '{capsule}': 'capsule',
  '{ampoule}': 'ampoule',
  '{vial}': 'vial',
  '{syringe}': 'syringe',
  '{patch}': 'patch',
  '{puff}': 'puff',
  '{suppository}': 'suppository',
  '{sachet}': 'sachet',
  '{drop}': 'drop',
  '{dose}': 'dose',
};

/**
 * SNOMED CT units of measure as dm+d and UK Core use them (DOMAIN: tablet
 * 428673006, capsule 428641000; the others from dm+d's UNIT_OF_MEASURE lookup).
 */
export const SNOMED_UNITS: Readonly<Record<string, DoseUnit>> = {
  '258684004': 'mg',
  '258682000': 'g',
  '258685003': 'microgram',
  '258773002': 'mL',
  '428673006': 'tablet',
  '428641000': 'capsule',
  '413516001': 'ampoule',
  '415818006': 'vial',
  '419702001': 'patch',
};

/** HL7 v3 orderableDrugForm, as the HL7 R4 examples count tablets and capsules ({ code: "TAB" }). */
export const ORDERABLE_DRUG_FORM_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-orderableDrugForm';
const ORDERABLE_DRUG_FORMS: Readonly<Record<string, DoseUnit>> = { TAB: 'tablet', CAP: 'capsule' };

/** The UCUM code Wardscan writes for each dose unit. */
export const ucumCode = (unit: DoseUnit): string => Object.entries(UCUM_UNITS).find(([, u]) => u === unit)?.[0] ?? unit;

export function routeFrom(c: CodeableConcept | undefined, where: string): Mapped<MedicationRoute> {
  const coding = c?.coding?.find((x) => x.system === SNOMED_SYSTEM && x.code);
  if (!coding?.code) return fail(`A route coded in SNOMED CT (${SNOMED_SYSTEM}) is required.`, where, 'required');
  const route = SNOMED_ROUTES[coding.code];
  return route ? ok(route) : fail(`SNOMED CT route ${coding.code}${coding.display ? ` (${coding.display})` : ''} is not one Wardscan checks at the bedside.`, where, 'not-supported');
}

/** A FHIR decimal as an exact decimal string (FHIR JSON numbers such as 2.5 keep their digits). */
export function decimalFrom(value: number | undefined, where: string): Mapped<string> {
  if (value === undefined) return fail('A value is required.', where, 'required');
  const text = String(value);
  return decimalSchema.safeParse(text).success && value > 0 ? ok(text) : fail(`${text} is not a positive decimal Wardscan can hold exactly.`, where, 'invalid');
}

/** A UCUM or SNOMED CT quantity as an exact Wardscan quantity; a unit Wardscan cannot count or measure is refused, never guessed. */
export function quantityFrom(q: FhirQuantity | undefined, where: string): Mapped<{ value: string; unit: DoseUnit }> {
  if (!q) return fail('A quantity is required.', where, 'required');
  if ((q.system !== UCUM_SYSTEM && q.system !== SNOMED_SYSTEM && q.system !== ORDERABLE_DRUG_FORM_SYSTEM) || !q.code) {
    return fail(`The unit must be a UCUM (${UCUM_SYSTEM}) or SNOMED CT (${SNOMED_SYSTEM}) code.`, `${where}.system`, 'invalid');
  }
  const unit = q.system === SNOMED_SYSTEM ? SNOMED_UNITS[q.code] : q.system === ORDERABLE_DRUG_FORM_SYSTEM ? ORDERABLE_DRUG_FORMS[q.code] : (UCUM_UNITS[q.code] ?? UCUM_ANNOTATED[q.code]);
  if (!unit) return fail(`Unit "${q.code}"${q.unit ? ` (${q.unit})` : ''} is not a dose unit Wardscan knows.`, `${where}.code`, 'not-supported');
  const value = decimalFrom(q.value, `${where}.value`);
  return value.ok ? ok({ value: value.value, unit }) : value;
}

/**
 * A strength's denominator. Published Medications often give a counted one
 * in words only ({ value: 1, unit: "capsule" }): a counted unit named plainly
 * is unambiguous, so it is read; a measured one (mL) must be coded.
 */
export function denominatorFrom(q: FhirQuantity | undefined, where: string): Mapped<{ value: string; unit: DoseUnit }> {
  if (q && !q.system && !q.code && q.unit) {
    const unit = UCUM_ANNOTATED[`{${q.unit.trim().toLowerCase().replace(/s$/, '')}}`];
    if (unit) {
      const value = decimalFrom(q.value, `${where}.value`);
      return value.ok ? ok({ value: value.value, unit }) : value;
    }
  }
  return quantityFrom(q, where);
}

/** dm+d / EDQM dose form words → Wardscan form. Matched on words because form codes vary between sources. */
const FORM_WORDS: readonly [RegExp, DoseForm][] = [
  [/infusion/i, 'infusion'],
  [/inject/i, 'injection'],
  [/oral (solution|suspension|liquid)|syrup|elixir/i, 'oral-liquid'],
  [/tablet/i, 'tablet'],
  [/capsule/i, 'capsule'],
  [/patch/i, 'patch'],
  [/inhal/i, 'inhaler'],
  [/suppositor/i, 'suppository'],
  [/cream|ointment|gel\b/i, 'cream'],
  [/drop/i, 'drops'],
];

export function formFrom(c: CodeableConcept | undefined, where: string): Mapped<DoseForm> {
  const words = [c?.text, ...(c?.coding ?? []).map((x) => x.display)].filter((s): s is string => !!s).join(' ');
  const form = FORM_WORDS.find(([re]) => re.test(words))?.[1];
  return form ? ok(form) : fail(`Wardscan needs the dose form (tablet, capsule, oral solution, injection…); got "${words || 'none'}".`, where, form ? 'invalid' : 'required');
}

/**
 * Routes a form implies without doubt. Injections, infusions and drops could go
 * several ways, so for those the routes must be stated (extension), never assumed.
 */
export const ROUTES_OF_FORM: Readonly<Partial<Record<DoseForm, readonly MedicationRoute[]>>> = {
  tablet: ['oral'],
  capsule: ['oral'],
  'oral-liquid': ['oral'],
  patch: ['transdermal'],
  inhaler: ['inhaled'],
  suppository: ['rectal'],
  cream: ['topical'],
};
