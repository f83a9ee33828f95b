import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index.js';

/*
 * Migration 003 carries a ward's existing records into the dm+d model: nothing
 * is lost, and nothing is read as more than it said (a liquid's strength that
 * never said "per mL" stays without a denominator, so the check says so).
 */

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function upTo(db: Database.Database, version: number): void {
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.exec(m.sql);
}

describe('migration 003 (dm+d medicines)', () => {
  it('keeps every product, gives counted forms their "per 1" and leaves a liquid without one; NKDA becomes a status', () => {
    dir = mkdtempSync(join(tmpdir(), 'mig-'));
    const db = new Database(join(dir, 'old.db'));
    upTo(db, 2);
    db.exec(`
      INSERT INTO wards (id, name) VALUES ('w', 'Ward');
      INSERT INTO patients (id, nhs_number, family_name, given_name, birth_date, ward_id) VALUES
        ('p1', '9990000018', 'A', 'A', '1950-01-01', 'w'), ('p2', '9990000026', 'B', 'B', '1950-01-01', 'w'), ('p3', '9990000034', 'C', 'C', '1950-01-01', 'w');
      INSERT INTO allergies (patient_id, substance, drug_class, reaction) VALUES
        ('p1', 'penicillin', 'penicillins', 'rash'), ('p2', 'No known drug allergies', NULL, NULL);
      INSERT INTO products (id, kind, name, drug, drug_class, dmd_code, strength_value, strength_unit, form, routes, high_alert, scored, updated_at) VALUES
        ('tab', 'drug', 'Tabs', 'x', NULL, NULL, '500', 'mg', 'tablet', '["oral"]', 0, 1, 't'),
        ('inj', 'drug', 'Gentamicin 80 mg/2 mL', 'gentamicin', NULL, NULL, '80', 'mg', 'injection', '["iv"]', 0, 0, 't');
    `);
    const m3 = MIGRATIONS.find((m) => m.version === 3);
    db.exec(m3?.sql ?? '');
    const products = db.prepare('SELECT id, strength_value, strength_unit, strength_per_value, strength_per_unit FROM products ORDER BY id').all();
    expect(products).toEqual([
      { id: 'inj', strength_value: '80', strength_unit: 'mg', strength_per_value: null, strength_per_unit: null },
      { id: 'tab', strength_value: '500', strength_unit: 'mg', strength_per_value: '1', strength_per_unit: 'tablet' },
    ]);
    expect(db.prepare('SELECT id, allergy_status FROM patients ORDER BY id').all()).toEqual([
      { id: 'p1', allergy_status: 'recorded' },
      { id: 'p2', allergy_status: 'nkda' },
      { id: 'p3', allergy_status: 'unknown' },
    ]);
    expect(db.prepare('SELECT patient_id, substance, drug_class, code FROM allergies').all()).toEqual([{ patient_id: 'p1', substance: 'penicillin', drug_class: 'penicillins', code: null }]);
    db.close();
  });
});
