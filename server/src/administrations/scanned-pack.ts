import type { ScanResponse } from '@wardscan/shared';
import type { PackStrength } from '../domain/dose.js';
import { wardDate } from '../domain/ward-time.js';
import { timingFor, type BedsideEnv } from '../scans/bedside.js';
import { resolveProduct } from '../scans/resolve-product.js';

/**
 * The strength of the pack a product scan read, as the scan resolved it (dm+d
 * on the ward's date, else the ward catalogue): what a chosen dose is made
 * from. Null when the scan was not of a pack this server still knows.
 */
export function packOf(env: BedsideEnv, scan: ScanResponse, at: Date): PackStrength | null {
  const interpretation = scan.interpretation;
  if (!interpretation.ok || interpretation.scan.kind !== 'product') return null;
  const gtin = interpretation.scan.gtin;
  const product = resolveProduct(env, gtin, wardDate(at, timingFor(env, env.user.wardId).timeZone), env.repos.products.byGtin(gtin));
  return product ? { ingredients: product.medicine.ingredients, unitDose: product.medicine.unitDose, scored: product.scored } : null;
}
