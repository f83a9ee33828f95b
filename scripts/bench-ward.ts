/* The ward both bedside benches run on: the demo ward plus one bench patient per handheld. */
import { patientGsrn } from '@wardscan/shared';
import { openDatabase, migrate, type Db } from '../server/src/db/database.js';
import { createRepositories, type Repositories } from '../server/src/repositories.js';
import { seedDemoWard } from '../server/src/fixtures/demo-ward.js';

function nhsNumber(i: number): string {
  for (let k = i * 10; ; k++) {
    const stem = `9998${String(k).padStart(5, '0')}`;
    const sum = [...stem].reduce((s, d, j) => s + Number(d) * (10 - j), 0);
    const c = 11 - (sum % 11);
    if (c !== 10) return stem + (c === 11 ? '0' : String(c));
  }
}

// An omeprazole 20 mg pack (demo GTIN, mapped to its AMPP in fixtures/dmd).
export const PACK = '01050999970001431735123110OM2611A\u001d21SN100001';

/**
 * One patient per handheld (`bench-patient-<i>` on ward 7B), each with omeprazole 20 mg (its dm+d
 * VMP, fixtures/dmd) as needed with no minimum interval, so every loop can give a dose: omeprazole
 * has no 24-hour maximum that would stop it. Leaves the database open for the caller.
 */
export function seedBenchWard(dbFile: string, n: number): { wristbands: string[]; repos: Repositories; db: Db } {
  const db = openDatabase(dbFile);
  migrate(db);
  const repos = createRepositories(db);
  seedDemoWard(repos, { passwordHashCost: 16384, now: new Date() });
  const wristbands: string[] = [];
  const used = new Set<string>();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      let nhs = nhsNumber(i);
      while (used.has(nhs)) nhs = nhsNumber(i + 100_000 + used.size);
      used.add(nhs);
      const gsrn = patientGsrn('5099999', nhs);
      const id = `bench-patient-${i}`;
      repos.patients.insert({ id, nhsNumber: nhs, wristbandGsrn: gsrn, mrn: null, familyName: `Bench${i}`, givenName: 'Handheld', birthDate: '1960-01-01', wardId: 'ward-7b', bedId: null, allergies: [], allergyStatus: 'nkda' });
      repos.prescriptions.insert({ id: `bench-rx-${i}`, patientId: id, drug: 'Omeprazole 20mg gastro-resistant capsules', medicationCode: '42356411000001102', productId: null, dose: { kind: 'fixed', value: '20', unit: 'mg' }, route: 'oral', schedule: { kind: 'prn', minIntervalMinutes: 0, maxDailyDose: null }, startsAt: '2026-01-01T00:00:00.000Z', stopsAt: null });
      wristbands.push(`8018${gsrn}`);
    }
  })();
  return { wristbands, repos, db };
}
