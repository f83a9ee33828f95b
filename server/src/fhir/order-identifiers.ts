import type { Db } from '../db/database.js';
import { prepared } from '../db/statements.js';

/**
 * The EPR's order identifier (the MedicationRequest identifier an order was
 * imported with), kept with the prescription it charted, so that every
 * MedicationAdministration of it carries `request.identifier` as the EPR
 * knows it. Our prescription id is a one-way hash of that identifier
 * (`prescriptionIdFor`), so the import records it here, in its transaction,
 * after writing the prescription. Returns whether it changed.
 */
export function recordOrderIdentifier(db: Db, prescriptionId: string, identifier: { readonly system: string; readonly value: string }): boolean {
  const update = prepared<[string, string, string, string, string]>(
    db,
    `UPDATE prescriptions SET order_identifier_system = ?, order_identifier_value = ?
     WHERE id = ? AND (order_identifier_system IS NOT ? OR order_identifier_value IS NOT ?)`,
  );
  return update.run(identifier.system, identifier.value, prescriptionId, identifier.system, identifier.value).changes > 0;
}
