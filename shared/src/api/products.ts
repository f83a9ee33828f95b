import { z } from 'zod';
import { decimalSchema, gtinSchema, idSchema, instantSchema } from './common.js';
import { LIMITS } from './limits.js';
import { doseFormSchema, doseUnitSchema, medicationRouteSchema } from './units.js';

/** Strength per unit of the pack: 500 mg per tablet, 50 mg per mL. */
export const strengthSchema = z.object({ value: decimalSchema, unit: doseUnitSchema });

const productFields = {
  kind: z.enum(['drug', 'device']),
  /** GTINs on the packs of this product (several suppliers, several pack sizes). */
  gtins: z.array(gtinSchema).min(1).max(50),
  name: z.string().trim().min(1).max(LIMITS.nameMaxLength),
  /** Generic drug the product contains, matched against prescriptions, e.g. "paracetamol". */
  drug: z.string().trim().min(1).max(LIMITS.nameMaxLength).nullable(),
  /** Drug class for allergy checks, e.g. "penicillins". */
  drugClass: z.string().trim().max(LIMITS.nameMaxLength).nullable(),
  /** NHS Dictionary of medicines and devices code, where known. */
  dmdCode: z.string().regex(/^\d{6,18}$/, 'dm+d code is 6 to 18 digits').nullable(),
  strength: strengthSchema.nullable(),
  form: doseFormSchema,
  routes: z.array(medicationRouteSchema),
  highAlert: z.boolean(),
  /** Scored tablets may be halved; an unscored half tablet is a warning. */
  scored: z.boolean(),
};

export const productInputSchema = z.object(productFields).strict();
export type ProductInput = z.infer<typeof productInputSchema>;

export const productSchema = z.object({ id: idSchema, ...productFields, updatedAt: instantSchema });
export type Product = z.infer<typeof productSchema>;

export const productSearchQuerySchema = z.object({
  q: z.string().trim().max(LIMITS.nameMaxLength).optional(),
  gtin: gtinSchema.optional(),
});

/** A batch recalled by the manufacturer or MHRA: never to be given. */
export const recallInputSchema = z.object({
  gtin: gtinSchema,
  batch: z.string().trim().min(1).max(20),
  reason: z.string().trim().min(1).max(LIMITS.freeTextMaxLength),
}).strict();
export type RecallInput = z.infer<typeof recallInputSchema>;

export const recallSchema = z.object({
  id: idSchema,
  gtin: gtinSchema,
  batch: z.string(),
  reason: z.string(),
  recordedAt: instantSchema,
  recordedBy: idSchema,
  liftedAt: instantSchema.nullable(),
  liftedBy: idSchema.nullable(),
});
export type Recall = z.infer<typeof recallSchema>;
