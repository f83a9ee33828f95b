import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.js';

/* Migration 018 keys a handheld's bedside context by device and nurse: a context in progress survives it. */

describe('migration 018 (device context per nurse)', () => {
  it('keeps a context in progress and lets a second nurse hold one on the same device, one each', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((x) => x.version < 18)) db.exec(m.sql);
    db.exec(`
      INSERT INTO wards (id, name) VALUES ('w', 'Ward');
      INSERT INTO patients (id, nhs_number, family_name, given_name, birth_date, ward_id) VALUES ('p1', '9990000018', 'A', 'A', '1950-01-01', 'w');
      INSERT INTO device_contexts VALUES ('d1', 's1', 'p1', 'wristband', 'e1', 't', 't', 'e0');
    `);
    db.exec(MIGRATIONS.find((m) => m.version === 18)?.sql ?? '');
    expect(db.prepare('SELECT * FROM device_contexts').all()).toEqual([
      { device_id: 'd1', staff_id: 's1', patient_id: 'p1', method: 'wristband', identified_by_event_id: 'e1', identified_at: 't', last_activity_at: 't', pending_product_event_id: 'e0' },
    ]);
    db.exec("INSERT INTO device_contexts VALUES ('d1', 's2', 'p1', 'manual', 'e2', 't', 't', NULL)");
    expect(db.prepare('SELECT count(*) FROM device_contexts').pluck().get()).toBe(2);
    expect(() => db.exec("INSERT INTO device_contexts VALUES ('d1', 's1', 'p1', 'wristband', 'e3', 't', 't', NULL)")).toThrow(/UNIQUE/);
  });
});
