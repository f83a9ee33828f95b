import type { DueDose, MedicationRoute } from '@wardscan/shared';

/*
 * What a pump scanned at the bedside may be linked to: the patient's running
 * transfusions and the orders a pump can give. A pump gives a drug into a vein
 * or under the skin (a syringe driver's subcutaneous infusion); nothing given
 * by mouth, on the skin, inhaled or into the eye or ear runs through one, so
 * those orders are not offered: linking a pump to an oral tablet is the slip
 * issue 12 saw. Enteral (NG) doses and feeds go through enteral syringes and
 * pumps, kept apart from infusion pumps so the two routes cannot be mixed up,
 * so NG orders are not offered either. Wardscan's routes have no
 * epidural, intrathecal or other infusion route yet; one added to
 * MEDICATION_ROUTES that a pump gives belongs here.
 */
export const INFUSABLE_ROUTES: ReadonlySet<MedicationRoute> = new Set<MedicationRoute>(['iv', 'sc']);

// Due first: the infusion being set up now is most likely the one due.
const ORDER: Record<DueDose['status'], number> = { overdue: 0, due: 1, prn: 2, later: 3, given: 4 };

/** The patient's orders a pump can give, one line per order, the most pressing first. */
export function infusableOrders(doses: readonly DueDose[]): DueDose[] {
  const seen = new Set<string>();
  return [...doses]
    .filter((dose) => INFUSABLE_ROUTES.has(dose.route))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status])
    .filter((dose) => !seen.has(dose.prescriptionId) && seen.add(dose.prescriptionId));
}
