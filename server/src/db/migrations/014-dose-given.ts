/**
 * Issue 13, orders given as a dose range: the nurse chooses the dose at the
 * bedside, so an administration keeps the dose it gave (in the order's unit).
 * The 24-hour totals, the chart and the MedicationAdministration sent out
 * read it. Rows from before this migration were all exact-dose orders (a
 * range could not be given), so null there means the order's own dose.
 */
export const name = 'dose-given';

export const sql = /* sql */ `
ALTER TABLE administrations ADD COLUMN dose_given_value TEXT;
ALTER TABLE administrations ADD COLUMN dose_given_unit TEXT;
`;
