import { roundTimesSchema, type PlainNhsNumberPolicy, type ManualIdPolicy, type RoundTimes } from '@wardscan/shared';
import type { Db } from '../db/database.js';

export interface BedView {
  readonly id: string;
  readonly label: string;
  readonly gln: string;
  readonly patientId: string | null;
}
export interface WardView {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly beds: BedView[];
}
export interface BedRecord {
  readonly id: string;
  readonly wardId: string;
  readonly label: string;
  readonly gln: string;
}

export function createWardRepository(db: Db) {
  const wardRow = db.prepare<[string], { id: string; name: string; time_zone: string }>('SELECT * FROM wards WHERE id = ?');
  // Read at every wristband scan: prepared once.
  const plainNhsNumber = db.prepare<[string], PlainNhsNumberPolicy | null>('SELECT plain_nhs_number FROM wards WHERE id = ?').pluck();
  const manualIdentification = db.prepare<[string], ManualIdPolicy | null>('SELECT manual_identification FROM wards WHERE id = ?').pluck();
  const roundTimes = db.prepare<[string], string | null>('SELECT round_times FROM wards WHERE id = ?').pluck();
  const bedByGln = db.prepare<[string], { id: string; ward_id: string; label: string; gln: string }>('SELECT * FROM beds WHERE gln = ?');
  const bedsOf = db.prepare<[string], { id: string; label: string; gln: string; patient_id: string | null }>(
    `SELECT b.id, b.label, b.gln, p.id AS patient_id FROM beds b LEFT JOIN patients p ON p.bed_id = b.id
     WHERE b.ward_id = ? ORDER BY CAST(substr(b.label, instr(b.label, ' ') + 1) AS INTEGER), b.label`,
  );
  const view = (w: { id: string; name: string; time_zone: string }): WardView => ({
    id: w.id,
    name: w.name,
    timeZone: w.time_zone,
    beds: bedsOf.all(w.id).map((b) => ({ id: b.id, label: b.label, gln: b.gln, patientId: b.patient_id })),
  });
  return {
    get: (id: string): WardView | undefined => {
      const w = wardRow.get(id);
      return w && view(w);
    },
    timeZone: (id: string): string | undefined => wardRow.get(id)?.time_zone,
    /** The ward's own plain NHS Number policy; null when it has none (the server default applies). */
    plainNhsNumber: (id: string): PlainNhsNumberPolicy | null => plainNhsNumber.get(id) ?? null,
    setPlainNhsNumber: (id: string, policy: PlainNhsNumberPolicy | null): void => {
      db.prepare('UPDATE wards SET plain_nhs_number = ? WHERE id = ?').run(policy, id);
    },
    /** The ward's own manual identification policy; null when it has none (the default applies). */
    manualIdentification: (id: string): ManualIdPolicy | null => manualIdentification.get(id) ?? null,
    setManualIdentification: (id: string, policy: ManualIdPolicy | null): void => {
      db.prepare('UPDATE wards SET manual_identification = ? WHERE id = ?').run(policy, id);
    },
    /** The ward's own standard administration times; null when it has set none (the trust defaults apply). */
    roundTimes: (id: string): RoundTimes | null => {
      const json = roundTimes.get(id);
      return json ? roundTimesSchema.parse(JSON.parse(json)) : null;
    },
    setRoundTimes: (id: string, times: RoundTimes | null): void => {
      db.prepare('UPDATE wards SET round_times = ? WHERE id = ?').run(times && JSON.stringify(times), id);
    },
    list: (): WardView[] => (db.prepare('SELECT * FROM wards ORDER BY name').all() as { id: string; name: string; time_zone: string }[]).map(view),
    ids: (): string[] => db.prepare('SELECT id FROM wards ORDER BY id').pluck().all() as string[],
    bedByGln: (gln: string): BedRecord | undefined => {
      const b = bedByGln.get(gln);
      return b && { id: b.id, wardId: b.ward_id, label: b.label, gln: b.gln };
    },
    insertWard: (w: { id: string; name: string; timeZone: string }): void => {
      db.prepare('INSERT INTO wards (id, name, time_zone) VALUES (?, ?, ?)').run(w.id, w.name, w.timeZone);
    },
    insertBed: (b: BedRecord): void => {
      db.prepare('INSERT INTO beds (id, ward_id, label, gln) VALUES (?, ?, ?, ?)').run(b.id, b.wardId, b.label, b.gln);
    },
  };
}
export type WardRepository = ReturnType<typeof createWardRepository>;
