import type { Db } from '../db/database.js';
import type { PastIngredient } from '../domain/records.js';

/** How much of each ingredient each dose gave: the history that limits across prescriptions read. */
export function createMedicationHistoryRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO administration_ingredients (administration_id, patient_id, given_at, substance_code, substance_name, amount_num, amount_den, dimension)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const since = db.prepare<[string, string], { given_at: string; substance_code: string | null; substance_name: string; amount_num: string; amount_den: string; dimension: string }>(
    'SELECT given_at, substance_code, substance_name, amount_num, amount_den, dimension FROM administration_ingredients WHERE patient_id = ? AND given_at > ? ORDER BY given_at',
  );
  return {
    record(administrationId: string, patientId: string, givenAt: string, given: readonly Omit<PastIngredient, 'givenAt'>[]): void {
      for (const g of given) insert.run(administrationId, patientId, givenAt, g.substanceCode, g.substanceName, g.amount.num.toString(), g.amount.den.toString(), g.dimension);
    },
    /** Every ingredient given to the patient after `after`. */
    givenSince(patientId: string, after: Date): PastIngredient[] {
      return since.all(patientId, after.toISOString()).map((r) => ({
        givenAt: new Date(r.given_at),
        substanceCode: r.substance_code,
        substanceName: r.substance_name,
        amount: { num: BigInt(r.amount_num), den: BigInt(r.amount_den) },
        dimension: r.dimension,
      }));
    },
  };
}
export type MedicationHistoryRepository = ReturnType<typeof createMedicationHistoryRepository>;
