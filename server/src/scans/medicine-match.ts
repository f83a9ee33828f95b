import { normaliseSubstance, type Check, type OrderedMedication } from '@wardscan/shared';
import type { PrescriptionRecord, ProductRecord } from '../domain/records.js';

/*
 * Right drug, by dm+d code: the scanned pack's AMPP → AMP → VMP (→ VTM) must
 * reach the ordered concept. Where either side has no dm+d code, the drug is
 * never a silent match: the nurse reads the label (a warning).
 */

/** An order the pack fits, and the right-drug result for it. */
export interface OrderFit {
  readonly prescription: PrescriptionRecord;
  readonly rightDrug: Check;
}

const words = (s: string): string => ` ${normaliseSubstance(s)} `;
/** The pack's substance words are in the order's words ("amoxicillin" in "amoxicillin 500mg capsules"). */
function namesFit(order: string, product: ProductRecord): boolean {
  const names = [product.medicine.vtm?.name, ...product.medicine.ingredients.map((i) => i.substanceName), product.name].filter((n): n is string => !!n);
  const o = words(order);
  return names.some((n) => {
    const w = normaliseSubstance(n).split(' ')[0] ?? '';
    return w.length > 3 && o.includes(` ${w} `);
  });
}

const unverified = (p: PrescriptionRecord, product: ProductRecord, why: string): OrderFit => ({
  prescription: p,
  rightDrug: { rule: 'right-drug', outcome: 'warning', message: `${why} The drug cannot be verified by barcode: read the label and check it is ${p.drug}.` },
});

function fitByCode(p: PrescriptionRecord, m: Extract<OrderedMedication, { code: string }>, product: ProductRecord): OrderFit | null {
  const { vtm, vmp, amp } = product.medicine;
  const pass = (message: string): OrderFit => ({ prescription: p, rightDrug: { rule: 'right-drug', outcome: 'pass', message } });
  switch (m.level) {
    case 'vmp':
      return vmp?.code === m.code ? pass(`${product.name} is ${m.name}, as prescribed (dm+d ${m.code}).`) : null;
    case 'vtm':
      return vtm?.code === m.code ? pass(`${product.name} is ${m.name}, as prescribed (dm+d ${m.code}).`) : null;
    case 'amp':
      if (amp?.code === m.code) return pass(`${product.name} is the brand prescribed (dm+d ${m.code}).`);
      return null;
    case 'dmd-unknown':
      return namesFit(m.name, product) ? unverified(p, product, `The order's dm+d code ${m.code} is not in this server's dm+d release.`) : null;
    default: {
      const never: never = m;
      return never;
    }
  }
}

/**
 * The patient's orders this pack fits. `vmpOfAmp` resolves an order for a
 * brand (AMP) to its generic product, so another brand of the same VMP fits
 * with a warning.
 */
export function ordersForProduct(product: ProductRecord, prescriptions: readonly PrescriptionRecord[], vmpOfAmp: (apid: string) => string | undefined): OrderFit[] {
  const fits: OrderFit[] = [];
  for (const p of prescriptions) {
    const m = p.medication;
    if (p.productId && product.productId === p.productId) {
      fits.push({ prescription: p, rightDrug: { rule: 'right-drug', outcome: 'pass', message: `${product.name} is the product prescribed.` } });
      continue;
    }
    // An order for one catalogue product: another pack of the same medicine fits, with a warning.
    const asSpecific = (f: OrderFit | null): OrderFit | null =>
      f && p.productId && f.rightDrug.outcome === 'pass'
        ? { prescription: p, rightDrug: { rule: 'right-drug', outcome: 'warning', message: `${product.name} is ${p.drug} but not the product prescribed: confirm it is the same drug and strength.` } }
        : f;
    if (m.level === 'free-text') {
      if (namesFit(m.name, product)) fits.push(unverified(p, product, `The order "${m.name}" has no dm+d code.`));
      continue;
    }
    if (!product.medicine.vmp) {
      if (namesFit(m.name, product)) fits.push(unverified(p, product, `${product.name} has no dm+d code (a local product).`));
      continue;
    }
    const fit = asSpecific(fitByCode(p, m, product));
    if (fit) fits.push(fit);
    else if (m.level === 'amp' && product.medicine.vmp && vmpOfAmp(m.code) === product.medicine.vmp.code) {
      fits.push({ prescription: p, rightDrug: { rule: 'right-drug', outcome: 'warning', message: `${product.name} is another brand of ${m.name}, the brand prescribed: check the prescriber accepts it.` } });
    }
  }
  return fits;
}
