import { z } from 'zod';

/**
 * Dose units by dimension. Doses convert within a dimension (g/mg/microgram;
 * L/mL) and never across one: a mismatch across dimensions is a stop.
 */
export const DOSE_UNITS = {
  g: { dimension: 'mass', factor: '1000000' },
  mg: { dimension: 'mass', factor: '1000' },
  microgram: { dimension: 'mass', factor: '1' },
  nanogram: { dimension: 'mass', factor: '0.001' },
  L: { dimension: 'volume', factor: '1000' },
  mL: { dimension: 'volume', factor: '1' },
  unit: { dimension: 'unit', factor: '1' },
  mmol: { dimension: 'amount', factor: '1' },
} as const;
export type DoseUnit = keyof typeof DOSE_UNITS;
export const doseUnitSchema = z.enum(Object.keys(DOSE_UNITS) as [DoseUnit, ...DoseUnit[]]);

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
