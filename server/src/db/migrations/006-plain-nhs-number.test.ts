import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.js';

/* Migration 006 rebuilds device_contexts for the new method: a handheld's positive ID in progress survives it. */

describe('migration 006 (plain NHS Number barcode)', () => {
  it('keeps the device contexts, accepts the new method, still refuses an unknown one, and leaves wards on the server default', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((x) => x.version < 6)) db.exec(m.sql);
    db.exec(`
      INSERT INTO wards (id, name) VALUES ('w', 'Ward');
      INSERT INTO patients (id, nhs_number, family_name, given_name, birth_date, ward_id) VALUES ('p1', '9990000018', 'A', 'A', '1950-01-01', 'w');
      INSERT INTO device_contexts VALUES ('d1', 's1', 'p1', 'wristband', 'e1', 't', 't', NULL);
    `);
    db.exec(MIGRATIONS.find((m) => m.version === 6)?.sql ?? '');
    expect(db.prepare('SELECT device_id, method FROM device_contexts').all()).toEqual([{ device_id: 'd1', method: 'wristband' }]);
    db.exec("INSERT INTO device_contexts VALUES ('d2', 's1', 'p1', 'nhs-number-barcode', 'e2', 't', 't', NULL)");
    expect(() => db.exec("INSERT INTO device_contexts VALUES ('d3', 's1', 'p1', 'guessed', 'e3', 't', 't', NULL)")).toThrow(/CHECK/);
    expect(db.prepare('SELECT plain_nhs_number FROM wards').pluck().get()).toBeNull();
    expect(() => db.exec("UPDATE wards SET plain_nhs_number = 'sometimes'")).toThrow(/CHECK/);
  });
});
