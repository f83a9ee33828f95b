import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.js';

export const metricsQuerySchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Instead of `from`: this many ward days up to `to` (default today on the ward's clock). */
  days: z.coerce.number().int().min(1).max(366).optional(),
});

/** One day of a ward's scanning figures. Rates are null when nothing was given. */
export const wardDayMetricsSchema = z.object({
  date: isoDateSchema,
  dosesGiven: z.number().int(),
  /** Doses given with both the wristband and the product scanned. */
  dosesFullyScanned: z.number().int(),
  scanCompliance: z.number().nullable(),
  overrides: z.number().int(),
  overrideRate: z.number().nullable(),
  stopsByRule: z.record(z.string(), z.number().int()),
});
export type WardDayMetrics = z.infer<typeof wardDayMetricsSchema>;

export const wardMetricsSchema = z.object({
  wardId: idSchema,
  days: z.array(wardDayMetricsSchema),
});
export type WardMetrics = z.infer<typeof wardMetricsSchema>;
