import { z } from 'zod';
import { decimalSchema } from '../api/common.js';
import { doseUnitSchema, medicationRouteSchema } from '../api/units.js';

/*
 * Medicines in the NHS's own terms (dm+d, NHSBSA, Open Government Licence):
 * VTM (the substance as prescribed generically) → VMP (generic product with
 * form and strength) → AMP (one supplier's product) → VMPP/AMPP (packs); a
 * GTIN on a pack maps to an AMPP. Every dm+d concept is a SNOMED CT identifier.
 */

/** A dm+d (SNOMED CT) identifier: digits only, up to 18. */
export const dmdCodeSchema = z.string().regex(/^\d{6,18}$/, 'a dm+d code is 6 to 18 digits');

export const conceptSchema = z.object({ code: dmdCodeSchema, name: z.string() });
/** A dm+d concept with its name as dm+d gives it. */
export type Concept = z.infer<typeof conceptSchema>;

/** An exact amount with its unit: "80" mg, "2" mL, "1" tablet. */
export const quantitySchema = z.object({ value: decimalSchema, unit: doseUnitSchema });
export type Quantity = z.infer<typeof quantitySchema>;

/**
 * Strength as an exact ratio: 80 mg / 2 mL, 500 mg / 1 capsule, 40 mg / 0.4 mL.
 * No strength exists without its denominator: "40 mg" alone cannot say how
 * much liquid to draw up.
 */
export const strengthRatioSchema = z.object({ numerator: quantitySchema, denominator: quantitySchema });
export type StrengthRatio = z.infer<typeof strengthRatioSchema>;

/** One active ingredient of a product (dm+d VPI): the substance and its strength. */
export const ingredientSchema = z.object({
  /** dm+d ingredient substance (ISID, a SNOMED CT substance); null for a local product named only in words. */
  substance: conceptSchema.nullable(),
  /** Lower-case substance name, for allergy and limit checks where no code is held. */
  substanceName: z.string(),
  /** Null when the source gives no complete strength (a numerator without its denominator): the dose cannot be worked out. */
  strength: strengthRatioSchema.nullable(),
});
export type Ingredient = z.infer<typeof ingredientSchema>;

/**
 * One unit dose of the product as it comes out of the pack (dm+d UDFS and
 * unit dose form): 1 tablet; 2 mL in an ampoule; 0.4 mL in a syringe. It says
 * what the nurse counts (tablets) or measures (mL) and in what container.
 */
export const unitDoseSchema = z.object({ size: quantitySchema, container: doseUnitSchema });
export type UnitDose = z.infer<typeof unitDoseSchema>;

/**
 * Where a scanned pack's identity comes from: dm+d (GTIN → AMPP → AMP → VMP)
 * or the ward's local catalogue (a hospital-made pack, or a product pharmacy
 * entered without a dm+d code).
 */
export const MEDICINE_SOURCES = ['dmd', 'local'] as const;

/** A medicinal product as the bedside check knows it. */
export const medicinalProductSchema = z.object({
  source: z.enum(MEDICINE_SOURCES),
  name: z.string(),
  vtm: conceptSchema.nullable(),
  vmp: conceptSchema.nullable(),
  amp: conceptSchema.nullable(),
  ampp: conceptSchema.nullable(),
  ingredients: z.array(ingredientSchema),
  unitDose: unitDoseSchema.nullable(),
  /** dm+d dose form as words: "Tablet", "Solution for injection". */
  form: z.string().nullable(),
  routes: z.array(medicationRouteSchema),
});
export type MedicinalProduct = z.infer<typeof medicinalProductSchema>;

/** The level an order names its medicine at: a dm+d concept, or words only (never a silent match). */
export const orderedMedicationSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('vtm'), code: dmdCodeSchema, name: z.string() }),
  z.object({ level: z.literal('vmp'), code: dmdCodeSchema, name: z.string() }),
  z.object({ level: z.literal('amp'), code: dmdCodeSchema, name: z.string() }),
  /** A dm+d code this server's release does not hold (yet): kept, but the drug cannot be verified by barcode. */
  z.object({ level: z.literal('dmd-unknown'), code: dmdCodeSchema, name: z.string() }),
  z.object({ level: z.literal('free-text'), name: z.string() }),
]);
export type OrderedMedication = z.infer<typeof orderedMedicationSchema>;

/** A strength as the label reads it: "40 mg/0.4 mL", "500 mg/tablet", "80 mg/2 mL". */
export function strengthText(s: StrengthRatio): string {
  const per = s.denominator.value === '1' ? s.denominator.unit : `${s.denominator.value} ${s.denominator.unit}`;
  return `${s.numerator.value} ${s.numerator.unit}/${per}`;
}
