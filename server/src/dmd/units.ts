import type { DoseUnit, MedicationRoute } from '@wardscan/shared';
import { SNOMED_ROUTES } from '../fhir/from-fhir/codes.js';

/*
 * dm+d lookups (UNIT_OF_MEASURE, ROUTE) as Wardscan's units and routes. dm+d
 * codes are SNOMED CT; the descriptions are dm+d's own words, which are
 * stable and what a pharmacist reads, so units map by description.
 */

const UNIT_BY_DESCRIPTION: Readonly<Record<string, DoseUnit>> = {
  gram: 'g',
  g: 'g',
  mg: 'mg',
  microgram: 'microgram',
  nanogram: 'nanogram',
  litre: 'L',
  ml: 'mL',
  unit: 'unit',
  mmol: 'mmol',
  micromol: 'micromol',
  tablet: 'tablet',
  capsule: 'capsule',
  ampoule: 'ampoule',
  vial: 'vial',
  'pre-filled disposable injection': 'syringe',
  'pre-filled syringe': 'syringe',
  syringe: 'syringe',
  patch: 'patch',
  suppository: 'suppository',
  sachet: 'sachet',
  drop: 'drop',
  dose: 'dose',
  'unit dose': 'dose',
};

/** A dm+d unit of measure, by its lookup description, as a Wardscan unit; undefined when Wardscan cannot count or measure it. */
export const unitFromDmd = (description: string | null | undefined): DoseUnit | undefined =>
  description ? UNIT_BY_DESCRIPTION[description.trim().toLowerCase()] : undefined;

const ROUTE_WORDS: readonly [RegExp, MedicationRoute][] = [
  [/^oral/i, 'oral'],
  [/intravenous/i, 'iv'],
  [/intramuscular/i, 'im'],
  [/subcutaneous/i, 'sc'],
  [/cutaneous|topical/i, 'topical'],
  [/inhalation/i, 'inhaled'],
  [/rectal/i, 'rectal'],
  [/sublingual/i, 'sublingual'],
  [/transdermal/i, 'transdermal'],
  [/gastroenteral|nasogastric/i, 'ng'],
  [/ocular|ophthalmic/i, 'eye'],
  [/auricular|otic/i, 'ear'],
];

/** A dm+d route (a SNOMED CT route code, with its description) as a Wardscan route. */
export function routeFromDmd(code: string, description: string | null | undefined): MedicationRoute | undefined {
  return SNOMED_ROUTES[code] ?? ROUTE_WORDS.find(([re]) => re.test(description ?? ''))?.[1];
}
