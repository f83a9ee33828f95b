import { z } from 'zod';
import { glnSchema, idSchema } from './common.js';

/** A bed as `GET /api/wards` lists it, with the patient recorded in it. */
export const bedSchema = z.object({
  id: idSchema,
  label: z.string(),
  gln: glnSchema,
  patientId: idSchema.nullable(),
});
export type Bed = z.infer<typeof bedSchema>;

/** `GET /api/wards`: each ward with its beds. */
export const wardSchema = z.object({
  id: idSchema,
  name: z.string(),
  beds: z.array(bedSchema),
});
export type Ward = z.infer<typeof wardSchema>;
export const wardListSchema = z.array(wardSchema);
