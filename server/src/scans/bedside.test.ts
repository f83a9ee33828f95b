import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULTS, type ServerConfig } from '../config.js';
import { migrate, openDatabase, type Db } from '../db/database.js';
import { createRepositories, type Repositories } from '../repositories.js';
import { seedDemoWard } from '../fixtures/demo-ward.js';
import { buildPatient, buildPrescription, buildProduct, TESTAMOL_ORDER } from '../test/fixtures.js';
import { summaryOf, type BedsideEnv } from './bedside.js';

/* The banner reads the catalogue's high-alert list from a cache: it must follow every save, and never a rolled-back one. */

describe('bedside banner', () => {
  let dir: string;
  let db: Db;
  let repos: Repositories;
  let env: () => BedsideEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wardscan-banner-'));
    db = openDatabase(join(dir, 'ward.db'));
    migrate(db);
    repos = createRepositories(db);
    const now = new Date('2026-11-24T08:00:00.000Z');
    seedDemoWard(repos, { passwordHashCost: 1024, now });
    const config: ServerConfig = { ...DEFAULTS, dbFile: join(dir, 'ward.db'), clientDir: null, now: () => now, logger: pino({ level: 'silent' }) };
    const user = { id: 'nurse', name: 'Nurse', role: 'nurse' as const, wardId: 'ward-7b' };
    env = () => ({ repos, config, now, user });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const flags = (patientId: string) => summaryOf(env(), repos.patients.byId(patientId)!).doses.map((d) => d.highAlert);
  const nextTurn = () => new Promise((r) => setImmediate(r));

  it('flags a drug as high-alert as soon as a catalogue save makes it so', async () => {
    const patient = buildPatient(repos);
    buildPrescription(repos, { patientId: patient.id, ...TESTAMOL_ORDER });
    const product = buildProduct(repos);
    expect(flags(patient.id)).toEqual([false]);
    buildProduct(repos, { highAlert: true });
    expect(flags(patient.id)).toEqual([true]);
    await nextTurn();
    expect(flags(patient.id)).toEqual([true]);
    repos.products.save(product.id, { ...repos.products.byId(product.id)!, highAlert: false }, '2026-01-02T00:00:00.000Z');
    expect(flags(patient.id)).toEqual([true]); // the other product is still high-alert
  });

  it('forgets a high-alert flag read inside a save that was rolled back', async () => {
    const patient = buildPatient(repos);
    buildPrescription(repos, { patientId: patient.id, ...TESTAMOL_ORDER });
    buildProduct(repos);
    expect(flags(patient.id)).toEqual([false]);
    expect(() =>
      db.transaction(() => {
        buildProduct(repos, { highAlert: true });
        expect(flags(patient.id)).toEqual([true]); // the import's own reads see its writes
        throw new Error('import refused');
      })(),
    ).toThrow('import refused');
    await nextTurn();
    expect(flags(patient.id)).toEqual([false]);
  });
});
