import type { Check } from '@wardscan/shared';
import type { ProductRecord } from '../domain/records.js';
import type { HeldPrescription } from '../prescriptions/repository.js';
import { ordersForProduct } from './medicine-match.js';

/*
 * A pack that fits none of the patient's active orders may fit one the
 * bedside does not check (issue 13): on hold, or needing review. The nurse is
 * told which, in plain words, instead of "not prescribed"; the drug is still
 * verified, but no dose is ever called a match.
 */

/** The checks for a pack that fits a held order (drug, then why no dose is checked), or null when it fits none. */
export function heldOrderChecks(product: ProductRecord, held: readonly HeldPrescription[], vmpOfAmp: (apid: string) => string | undefined): Check[] | null {
  const fits = ordersForProduct(
    product,
    held.map((h) => h.prescription),
    vmpOfAmp,
  );
  // On hold first: whatever the review says, nothing is due.
  const pick = (kind: 'on-hold' | 'needs-review') => fits.find((f) => held.find((h) => h.prescription.id === f.prescription.id)?.hold.kind === kind);
  const fit = pick('on-hold') ?? pick('needs-review');
  const hold = fit && held.find((h) => h.prescription.id === fit.prescription.id)?.hold;
  if (!fit || !hold) return null;
  const drug = fit.prescription.drug;
  switch (hold.kind) {
    case 'on-hold':
      return [
        fit.rightDrug,
        {
          rule: 'order-on-hold',
          outcome: 'stop',
          message: `The order for ${drug} is on hold: no dose is due while it is held. Do not give; it can be given again only when the prescriber makes the order active.`,
        },
      ];
    case 'needs-review':
      return [
        fit.rightDrug,
        {
          rule: 'order-needs-review',
          outcome: 'stop',
          message: `The order for ${drug} needs review before its dose can be checked: ${hold.reason} The dose cannot be confirmed by barcode: do not give on this scan; ask pharmacy or the prescriber to review the order.`,
        },
      ];
    default: {
      const never: never = hold;
      return never;
    }
  }
}
