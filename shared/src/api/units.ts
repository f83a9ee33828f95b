import { z } from 'zod';

/**
 * Units a dose or strength is expressed in, by dimension. Measures convert
 * within a dimension (g/mg/microgram/nanogram; L/mL) and never across one: a
 * mismatch across dimensions is a stop. Counted units (tablet, capsule,
 * ampoule…) are each their own dimension: "2 tablets" is never 2 capsules.
 */
export const DOSE_UNITS = {
  g: { dimension: 'mass', factor: '1000000' },
  mg: { dimension: 'mass', factor: '1000' },
  microgram: { dimension: 'mass', factor: '1' },
  nanogram: { dimension: 'mass', factor: '0.001' },
  L: { dimension: 'volume', factor: '1000' },
  mL: { dimension: 'volume', factor: '1' },
  unit: { dimension: 'unit', factor: '1' },
  mmol: { dimension: 'amount', factor: '1000' },
  micromol: { dimension: 'amount', factor: '1' },
  tablet: { dimension: 'tablet', factor: '1' },
  capsule: { dimension: 'capsule', factor: '1' },
  ampoule: { dimension: 'ampoule', factor: '1' },
  vial: { dimension: 'vial', factor: '1' },
  syringe: { dimension: 'syringe', factor: '1' },
  patch: { dimension: 'patch', factor: '1' },
  puff: { dimension: 'puff', factor: '1' },
  suppository: { dimension: 'suppository', factor: '1' },
  sachet: { dimension: 'sachet', factor: '1' },
  drop: { dimension: 'drop', factor: '1' },
  dose: { dimension: 'dose', factor: '1' },
} as const;
export type DoseUnit = keyof typeof DOSE_UNITS;
export const doseUnitSchema = z.enum(Object.keys(DOSE_UNITS) as [DoseUnit, ...DoseUnit[]]);

/** Units measured out (mass, volume, activity, amount), as against things counted. */
export const MEASURE_DIMENSIONS = ['mass', 'volume', 'unit', 'amount'] as const;
export const isCountUnit = (u: DoseUnit): boolean => !(MEASURE_DIMENSIONS as readonly string[]).includes(DOSE_UNITS[u].dimension);

/** Singular and plural words for each unit, as the nurse reads them. */
export const UNIT_WORDS: Readonly<Record<DoseUnit, readonly [string, string]>> = {
  g: ['g', 'g'],
  mg: ['mg', 'mg'],
  microgram: ['microgram', 'micrograms'],
  nanogram: ['nanogram', 'nanograms'],
  L: ['L', 'L'],
  mL: ['mL', 'mL'],
  unit: ['unit', 'units'],
  mmol: ['mmol', 'mmol'],
  micromol: ['micromol', 'micromol'],
  tablet: ['tablet', 'tablets'],
  capsule: ['capsule', 'capsules'],
  ampoule: ['ampoule', 'ampoules'],
  vial: ['vial', 'vials'],
  syringe: ['syringe', 'syringes'],
  patch: ['patch', 'patches'],
  puff: ['puff', 'puffs'],
  suppository: ['suppository', 'suppositories'],
  sachet: ['sachet', 'sachets'],
  drop: ['drop', 'drops'],
  dose: ['dose', 'doses'],
};

/** What one unit of a pack is: the thing a nurse counts out. */
export const DOSE_FORMS = [
  'tablet',
  'capsule',
  'oral-liquid',
  'injection',
  'infusion',
  'patch',
  'inhaler',
  'suppository',
  'cream',
  'drops',
  'device',
] as const;
export const doseFormSchema = z.enum(DOSE_FORMS);
export type DoseForm = z.infer<typeof doseFormSchema>;

export const MEDICATION_ROUTES = ['oral', 'iv', 'im', 'sc', 'topical', 'inhaled', 'rectal', 'sublingual', 'transdermal', 'ng', 'eye', 'ear'] as const;
export const medicationRouteSchema = z.enum(MEDICATION_ROUTES);
export type MedicationRoute = z.infer<typeof medicationRouteSchema>;
