import { z } from 'zod';
import { LIMITS } from './limits.js';

export const idSchema = z.string().min(1).max(64);
export const eventIdSchema = z.uuid();
export const deviceIdSchema = z.string().trim().min(1).max(LIMITS.deviceIdMaxLength);
/** YYYY-MM-DD, a real calendar date. */
export const isoDateSchema = z.iso.date();
/** ISO 8601 instant with offset, e.g. 2026-11-24T09:00:00.000Z. */
export const instantSchema = z.iso.datetime({ offset: true });
export const nhsNumberSchema = z.string().regex(/^\d{10}$/, 'NHS Number must be 10 digits');
export const gtinSchema = z.string().regex(/^\d{14}$/, 'GTIN must be 14 digits');
export const gsrnSchema = z.string().regex(/^\d{18}$/, 'GSRN must be 18 digits');
export const glnSchema = z.string().regex(/^\d{13}$/, 'GLN must be 13 digits');

/**
 * A decimal written as a string ("500", "2.5", "0.125") so that doses are
 * exact: no binary floating point anywhere a dose is stored or compared.
 */
export const decimalSchema = z
  .string()
  .regex(/^(0|[1-9]\d{0,8})(\.\d{1,6})?$/, 'must be a decimal number such as 500 or 2.5');
