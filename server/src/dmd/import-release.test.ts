import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.js';
import { DmdImportError, importDmdRelease } from './import-release.js';
import { createDmdRepository } from './repository.js';
import { writeRelease, type ReleaseContent } from './test/release-writer.js';

/*
 * Codes: Amoxicillin 500mg capsules 39732411000001106 is the VMP of the UK
 * Core MedicationRequest examples (NHS England, OGL); the unit-of-measure
 * codes are dm+d's (SNOMED CT: mg 258684004, ml 258773002, capsule 428641000,
 * ampoule 413516001). Every other code and GTIN here is made up for the test
 * (ending 9999) and names nothing real.
 */
const AMOX_VMP = '39732411000001106';
const base: ReleaseContent = {
  units: [
    ['258684004', 'mg'],
    ['258773002', 'ml'],
    ['428641000', 'capsule'],
    ['413516001', 'ampoule'],
  ],
  forms: [['385055001', 'Capsule']],
  routes: [
    ['26643006', 'Oral'],
    ['47625008', 'Intravenous'],
  ],
  vtms: [{ VTMID: '100009999', NM: 'Amoxicillin' }, { VTMID: '200009999', NM: 'Gentamicin' }],
  ingredients: [{ ISID: '300009999', NM: 'Amoxicillin trihydrate' }, { ISID: '400009999', NM: 'Gentamicin sulfate' }],
  vmps: [
    { VPID: AMOX_VMP, VTMID: '100009999', NM: 'Amoxicillin 500mg capsules', UDFS: '1.000', UDFS_UOMCD: '428641000', UNIT_DOSE_UOMCD: '428641000' },
    { VPID: '500009999', VTMID: '200009999', NM: 'Gentamicin 80mg/2ml solution for injection ampoules', UDFS: '2.000', UDFS_UOMCD: '258773002', UNIT_DOSE_UOMCD: '413516001' },
  ],
  vpis: [
    { VPID: AMOX_VMP, ISID: '300009999', STRNT_NMRTR_VAL: '500.000', STRNT_NMRTR_UOMCD: '258684004' },
    { VPID: '500009999', ISID: '400009999', STRNT_NMRTR_VAL: '40.000', STRNT_NMRTR_UOMCD: '258684004', STRNT_DNMTR_VAL: '1.000', STRNT_DNMTR_UOMCD: '258773002' },
  ],
  drugForms: [{ VPID: AMOX_VMP, FORMCD: '385055001' }],
  drugRoutes: [
    { VPID: AMOX_VMP, ROUTECD: '26643006' },
    { VPID: '500009999', ROUTECD: '47625008' },
  ],
  amps: [
    { APID: '600009999', VPID: AMOX_VMP, NM: 'Amoxicillin 500mg capsules (Test Pharma)' },
    { APID: '700009999', VPID: '500009999', NM: 'Gentamicin 80mg/2ml solution for injection ampoules (Test Pharma)' },
  ],
  vmpps: [{ VPPID: '800009999', VPID: AMOX_VMP, NM: 'Amoxicillin 500mg capsules 21 capsule', QTYVAL: '21.00', QTY_UOMCD: '428641000' }],
  ampps: [
    { APPID: '900009999', APID: '600009999', VPPID: '800009999', NM: 'Amoxicillin 500mg capsules (Test Pharma) 21 capsule' },
    { APPID: '910009999', APID: '700009999', NM: 'Gentamicin 80mg/2ml ampoules (Test Pharma) 5 ampoule' },
  ],
  gtins: [
    // A 13-digit GTIN (dm+d holds 13 or 14), and one whose mapping ended.
    { ampp: '900009999', gtins: [{ GTIN: '5099996000014', STARTDT: '2020-01-01' }, { GTIN: '05099996000021', STARTDT: '2019-01-01', ENDDT: '2025-06-30' }] },
    { ampp: '910009999', gtins: [{ GTIN: '05099996000038', STARTDT: '2020-01-01' }] },
  ],
};

let dir: string;
let db: Db;
const now = new Date('2026-12-02T10:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dmd-test-'));
  db = openDatabase(join(dir, 'ward.db'));
  migrate(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function releaseFolder(name: string, content: ReleaseContent): string {
  const folder = mkdtempSync(join(dir, `${name}-`));
  writeRelease(folder, content);
  return folder;
}

describe('dm+d release import', () => {
  it('reads a release into the pack → product → substance chain, with strengths as exact ratios', () => {
    const summary = importDmdRelease(db, releaseFolder('week1', base), { now });
    expect(summary.counts).toMatchObject({ dmd_vmp: 2, dmd_vpi: 2, dmd_gtin: 3, dmd_lookup: 7 });
    const dmd = createDmdRepository(db);
    const amox = dmd.productByGtin('05099996000014', '2026-12-02');
    expect(amox).toMatchObject({
      source: 'dmd',
      vtm: { code: '100009999', name: 'Amoxicillin' },
      vmp: { code: AMOX_VMP, name: 'Amoxicillin 500mg capsules' },
      amp: { code: '600009999' },
      ampp: { code: '900009999' },
      form: 'Capsule',
      routes: ['oral'],
      unitDose: { size: { value: '1', unit: 'capsule' }, container: 'capsule' },
    });
    // No denominator in dm+d: the strength is per unit dose (UDFS), 500 mg / 1 capsule.
    expect(amox?.ingredients).toEqual([{ substance: { code: '300009999', name: 'Amoxicillin trihydrate' }, substanceName: 'amoxicillin trihydrate', strength: { numerator: { value: '500', unit: 'mg' }, denominator: { value: '1', unit: 'capsule' } } }]);
    const gent = dmd.productByGtin('05099996000038', '2026-12-02');
    expect(gent?.ingredients[0]?.strength).toEqual({ numerator: { value: '40', unit: 'mg' }, denominator: { value: '1', unit: 'mL' } });
    expect(gent?.unitDose).toEqual({ size: { value: '2', unit: 'mL' }, container: 'ampoule' });
    expect(dmd.conceptLevel('100009999')).toEqual({ level: 'vtm', concept: { code: '100009999', name: 'Amoxicillin' } });
    expect(dmd.conceptLevel(AMOX_VMP)?.level).toBe('vmp');
    expect(dmd.conceptLevel('600009999')?.level).toBe('amp');
    expect(dmd.searchVmps('genta').map((p) => p.vmp?.code)).toEqual(['500009999']);
  });

  it('honours GTIN start and end dates: a mapping that ended no longer names the pack', () => {
    importDmdRelease(db, releaseFolder('week1', base), { now });
    const dmd = createDmdRepository(db);
    expect(dmd.productByGtin('05099996000021', '2025-06-30')?.vmp?.code).toBe(AMOX_VMP);
    expect(dmd.productByGtin('05099996000021', '2025-07-01')).toBeUndefined();
    expect(dmd.productByGtin('05099996000014', '2019-12-31')).toBeUndefined();
  });

  it('updates in place with next week’s release: renamed, added and withdrawn concepts', () => {
    importDmdRelease(db, releaseFolder('week1', base), { now });
    const next: ReleaseContent = {
      ...base,
      vtms: [{ VTMID: '100009999', NM: 'Amoxicillin (renamed)' }],
      vmps: base.vmps.slice(0, 1),
      vpis: base.vpis.slice(0, 1),
      amps: base.amps.slice(0, 1),
      ampps: base.ampps.slice(0, 1),
      gtins: base.gtins.slice(0, 1),
    };
    importDmdRelease(db, releaseFolder('week2', next), { now });
    const dmd = createDmdRepository(db);
    expect(dmd.productByGtin('05099996000014', '2026-12-02')?.vtm?.name).toBe('Amoxicillin (renamed)');
    expect(dmd.productByGtin('05099996000038', '2026-12-02')).toBeUndefined();
    expect(dmd.release()?.counts).toMatchObject({ dmd_vmp: 1 });
  });

  it('serves the new release to a running server at once, whether imported by it or by the import command in another process', () => {
    importDmdRelease(db, releaseFolder('week1', base), { now });
    const dmd = createDmdRepository(db); // as the server holds it, remembering what it read
    expect(dmd.productByGtin('05099996000014', '2026-12-02')?.vtm?.name).toBe('Amoxicillin');
    expect(dmd.productByCode(AMOX_VMP)?.vtm?.name).toBe('Amoxicillin');
    const renamed = (name: string): ReleaseContent => ({ ...base, vtms: [{ VTMID: '100009999', NM: name }] });
    importDmdRelease(db, releaseFolder('week2', renamed('Amoxicillin (week 2)')), { now });
    expect(dmd.productByGtin('05099996000014', '2026-12-02')?.vtm?.name).toBe('Amoxicillin (week 2)');
    const command = openDatabase(join(dir, 'ward.db'));
    try {
      importDmdRelease(command, releaseFolder('week3', renamed('Amoxicillin (week 3)')), { now });
    } finally {
      command.close();
    }
    expect(dmd.productByCode(AMOX_VMP)?.vtm?.name).toBe('Amoxicillin (week 3)');
  });

  it('reports an invalid value with its file and line, and changes nothing', () => {
    importDmdRelease(db, releaseFolder('week1', base), { now });
    const bad = releaseFolder('week2', { ...base, vtms: [{ VTMID: '100009999', NM: 'Changed' }], gtins: [{ ampp: '900009999', gtins: [{ GTIN: '05099996000016' }] }] });
    expect(() => importDmdRelease(db, bad, { now })).toThrow(DmdImportError);
    expect(() => importDmdRelease(db, bad, { now })).toThrow(/f_gtin2_0000001\.xml, line 4: AMPPS\/AMPP: GTIN "05099996000016" is not a valid GTIN/);
    const dmd = createDmdRepository(db);
    expect(dmd.conceptLevel('100009999')?.concept.name).toBe('Amoxicillin');
    expect(dmd.productByGtin('05099996000038', '2026-12-02')).toBeDefined();
  });

  it('reports malformed XML and a missing required field with the line, and a missing file by name', () => {
    const broken = releaseFolder('broken', base);
    const vmpFile = join(broken, 'f_vmp2_0000001.xml');
    writeFileSync(vmpFile, readFileSync(vmpFile, 'utf8').replace('</VMPS>', '</VMP>'));
    expect(() => importDmdRelease(db, broken, { now })).toThrow(/f_vmp2_0000001\.xml, line \d+/);
    const noName = releaseFolder('noname', { ...base, vtms: [{ VTMID: '100009999' }] });
    expect(() => importDmdRelease(db, noName, { now })).toThrow(/f_vtm2_0000001\.xml, line 3: .*NM is missing/);
    const partial = releaseFolder('partial', base);
    rmSync(join(partial, 'f_gtin2_0000001.xml'));
    expect(() => importDmdRelease(db, partial, { now })).toThrow(/no f_gtin2_\*\.xml file/);
    expect(createDmdRepository(db).release()).toBeUndefined();
  });
});
