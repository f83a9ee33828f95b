import { z } from 'zod';
import { decimalSchema, gtinSchema, idSchema, instantSchema } from './common.js';
import { LIMITS } from './limits.js';
import { doseFormSchema, medicationRouteSchema } from './units.js';
import { medicinalProductSchema, strengthRatioSchema } from '../medicines/product.js';

const productFields = {
  kind: z.enum(['drug', 'device']),
  /** GTINs on the packs of this product (several suppliers, several pack sizes). */
  gtins: z.array(gtinSchema).min(1).max(50),
  name: z.string().trim().min(1).max(LIMITS.nameMaxLength),
  /** Generic drug the product contains, in words: used only where the product has no dm+d code. */
  drug: z.string().trim().min(1).max(LIMITS.nameMaxLength).nullable(),
  /**
   * The dm+d VMP (or AMP) this product is, e.g. a hospital-made syringe of a
   * VMP: its ingredients, strength and routes then come from dm+d.
   */
  dmdCode: z.string().regex(/^\d{6,18}$/, 'dm+d code is 6 to 18 digits').nullable(),
  /** Strength as an exact ratio (80 mg / 2 mL), for a product with no dm+d code. */
  strength: strengthRatioSchema.nullable(),
  form: doseFormSchema,
  routes: z.array(medicationRouteSchema),
  highAlert: z.boolean(),
  /** Scored tablets may be halved; an unscored half tablet is a warning. */
  scored: z.boolean(),
};

export const productInputSchema = z.object(productFields).strict();
export type ProductInput = z.infer<typeof productInputSchema>;

export const productSchema = z.object({
  id: idSchema,
  ...productFields,
  updatedAt: instantSchema,
  /** The product as dm+d describes it (VTM, VMP, ingredients and strengths), when its dm+d code is in the release. */
  dmd: medicinalProductSchema.nullable(),
});
export type Product = z.infer<typeof productSchema>;

/** `GET /api/dmd/products?q=` and `?gtin=`: the ward's view of dm+d, for pharmacy. */
export const dmdSearchQuerySchema = z.object({
  q: z.string().trim().min(2).max(LIMITS.nameMaxLength).optional(),
  gtin: gtinSchema.optional(),
});
export const dmdSearchResponseSchema = z.object({ products: z.array(medicinalProductSchema) });

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
