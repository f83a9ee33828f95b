import type { MedicinalProduct, Product } from '@wardscan/shared';
import type { ProductRecord } from '../domain/records.js';
import { addDays, wardClockTime, wardDate, wardInstant } from '../domain/ward-time.js';
import type { BedsideEnv } from './bedside.js';

/** A catalogue product with no dm+d code, as a medicine: its ingredient named in words, its strength as pharmacy entered it. */
function localMedicine(p: Product): MedicinalProduct {
  return {
    source: 'local',
    name: p.name,
    vtm: null,
    vmp: null,
    amp: null,
    ampp: null,
    ingredients: p.drug ? [{ substance: null, substanceName: p.drug.toLowerCase(), strength: p.strength }] : [],
    unitDose: null,
    form: p.form,
    routes: p.routes,
  };
}

/**
 * What a scanned GTIN is: dm+d first (GTIN → AMPP → AMP → VMP, on the ward's
 * date), with the ward catalogue's flags for that pack or its VMP; otherwise
 * the catalogue's own entry (a local pack, by its dm+d VMP or in words).
 * `local` is the catalogue's entry for this GTIN, which the caller has read.
 */
export function resolveProduct(env: BedsideEnv, gtin: string, day: string, local: Product | undefined): ProductRecord | undefined {
  const { dmd, products } = env.repos;
  const fromDmd = dmd.productByGtin(gtin, day);
  if (fromDmd) {
    const flags = local ?? (fromDmd.vmp ? products.byDmdCode(fromDmd.vmp.code) : undefined);
    return { productId: flags?.id ?? null, name: fromDmd.name, medicine: fromDmd, highAlert: flags?.highAlert ?? false, scored: flags?.scored ?? false, inCatalogue: flags !== undefined };
  }
  if (!local || local.kind !== 'drug') return undefined;
  const medicine: MedicinalProduct = local.dmd ? { ...local.dmd, source: 'local', name: local.name } : localMedicine(local);
  return { productId: local.id, name: local.name, medicine, highAlert: local.highAlert, scored: local.scored, inCatalogue: true };
}

/** Ward shifts change at 07:00 and 19:00 (the long-day pattern on most NHS wards): when the current one began. */
export function shiftStart(now: Date, timeZone: string): Date {
  const today = wardDate(now, timeZone);
  const clock = wardClockTime(now, timeZone);
  if (clock >= '19:00') return wardInstant(today, '19:00', timeZone);
  if (clock >= '07:00') return wardInstant(today, '07:00', timeZone);
  return wardInstant(addDays(today, -1), '19:00', timeZone);
}
