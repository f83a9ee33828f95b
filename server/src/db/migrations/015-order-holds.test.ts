import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.js';

/* Migration 015 keeps when orders were held: those held already are held from their start, as the figures assumed before it. */

describe('migration 015 (order holds)', () => {
  it('gives each order held before it a span from its start, and none to an active order', () => {
    const db = new Database(':memory:');
    for (const m of MIGRATIONS.filter((x) => x.version < 15)) db.exec(m.sql);
    db.exec(`
      INSERT INTO wards (id, name) VALUES ('w', 'Ward');
      INSERT INTO patients (id, nhs_number, family_name, given_name, birth_date, ward_id) VALUES ('p1', '9990000018', 'A', 'A', '1950-01-01', 'w');
      INSERT INTO prescriptions (id, patient_id, drug, dose_value, dose_unit, route, schedule, starts_at, status, needs_review)
      VALUES ('active', 'p1', 'X', '1', 'mg', 'oral', '{}', '2026-11-01T00:00:00.000Z', 'active', NULL),
             ('held', 'p1', 'X', '1', 'mg', 'oral', '{}', '2026-11-02T00:00:00.000Z', 'on-hold', NULL),
             ('review', 'p1', 'X', '1', 'mg', 'oral', '{}', '2026-11-03T00:00:00.000Z', 'active', 'Dose in words only');
    `);
    db.exec(MIGRATIONS.find((m) => m.version === 15)?.sql ?? '');
    expect(db.prepare('SELECT prescription_id, kind, from_at, to_at FROM order_holds ORDER BY prescription_id').all()).toEqual([
      { prescription_id: 'held', kind: 'on-hold', from_at: '2026-11-02T00:00:00.000Z', to_at: null },
      { prescription_id: 'review', kind: 'needs-review', from_at: '2026-11-03T00:00:00.000Z', to_at: null },
    ]);
    // One open span per order at a time.
    expect(() => db.exec("INSERT INTO order_holds (prescription_id, kind, from_at) VALUES ('held', 'needs-review', '2026-11-04T00:00:00.000Z')")).toThrow(/UNIQUE/);
  });
});
