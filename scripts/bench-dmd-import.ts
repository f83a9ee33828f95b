/**
 * dm+d import at the size of a real weekly release.
 *
 *   npm run bench:dmd-import        (BENCH_DMD_SCALE=0.1 for a tenth of it)
 *
 * Writes a synthetic release in dm+d's XML layout (about 5,000 VTMs, 20,000
 * VMPs, 60,000 AMPs, 40,000 VMPPs, 150,000 AMPPs and 100,000 GTINs; every
 * code made up), then runs the built `dmd:import` CLI on it in a child
 * process, twice (a first import, then next week's over it), and prints its
 * wall time and peak RSS, with the release's size on disk. BENCH_DMD_MAX_HEAP_MB caps the importer's
 * V8 heap: an import that still completes under a small cap holds no more than that, whatever the size.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withGs1CheckDigit } from '@wardscan/shared';
import { writeRelease } from '../server/src/dmd/test/release-writer.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const scale = Number(process.env.BENCH_DMD_SCALE ?? 1);
const n = (x: number): number => Math.max(1, Math.round(x * scale));
const VTMS = n(5_000);
const VMPS = n(20_000);
const AMPS = n(60_000);
const VMPPS = n(40_000);
const AMPPS = n(150_000);
const GTINS = n(100_000);
// Synthetic SNOMED-style ids in a namespace dm+d does not use.
const id = (kind: number, i: number): string => `${kind}${String(i).padStart(7, '0')}1000099`;
const units: [string, string][] = [
  ['258684004', 'mg'],
  ['258773002', 'ml'],
  ['428673006', 'tablet'],
  ['413516001', 'ampoule'],
];

function release(dir: string): void {
  const vmps = Array.from({ length: VMPS }, (_, i) => {
    const liquid = i % 5 === 0;
    return { VPID: id(2, i), VTMID: id(1, i % VTMS), NM: `Drug ${i % VTMS} ${i}mg ${liquid ? 'solution for injection ampoules' : 'tablets'}`, UDFS: liquid ? '2' : '1', UDFS_UOMCD: liquid ? '258773002' : '428673006', UNIT_DOSE_UOMCD: liquid ? '413516001' : '428673006' };
  });
  writeRelease(dir, {
    units,
    vtms: Array.from({ length: VTMS }, (_, i) => ({ VTMID: id(1, i), NM: `Drug ${i}` })),
    ingredients: Array.from({ length: VTMS }, (_, i) => ({ ISID: id(3, i), NM: `Drug ${i} substance` })),
    vmps,
    vpis: vmps.map((v, i) => ({ VPID: v.VPID, ISID: id(3, i % VTMS), STRNT_NMRTR_VAL: String(1 + (i % 500)), STRNT_NMRTR_UOMCD: '258684004', ...(i % 5 === 0 ? { STRNT_DNMTR_VAL: '1', STRNT_DNMTR_UOMCD: '258773002' } : {}) })),
    amps: Array.from({ length: AMPS }, (_, i) => ({ APID: id(4, i), VPID: id(2, i % VMPS), NM: `Drug product ${i} (Supplier ${i % 300})` })),
    vmpps: Array.from({ length: VMPPS }, (_, i) => ({ VPPID: id(5, i), VPID: id(2, i % VMPS), NM: `Pack ${i}`, QTYVAL: '28', QTY_UOMCD: '428673006' })),
    ampps: Array.from({ length: AMPPS }, (_, i) => ({ APPID: id(6, i), APID: id(4, i % AMPS), VPPID: id(5, i % VMPPS), NM: `Drug product ${i % AMPS} pack ${i}` })),
    gtins: Array.from({ length: GTINS }, (_, i) => ({ ampp: id(6, i % AMPPS), gtins: [{ GTIN: withGs1CheckDigit(`0952${String(i).padStart(9, '0')}`), STARTDT: '2024-01-01' }] })),
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bench-dmd-'));
try {
  const folder = join(dir, 'release');
  execFileSync('mkdir', [folder]);
  const t = performance.now();
  release(folder);
  const bytes = readdirSync(folder).reduce((s, f) => s + statSync(join(folder, f)).size, 0);
  if (process.env.BENCH_DMD_MAX_HEAP_MB) console.log(`importer's V8 heap capped at ${process.env.BENCH_DMD_MAX_HEAP_MB} MB`);
  console.log(`generated release: ${VMPS} VMPs, ${AMPPS} AMPPs, ${GTINS} GTINs, ${(bytes / 1e6).toFixed(0)} MB of XML in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const db = join(dir, 'ward.db');
  for (const run of ['first import', 'next week over it']) {
    const heap = process.env.BENCH_DMD_MAX_HEAP_MB ? [`--max-old-space-size=${process.env.BENCH_DMD_MAX_HEAP_MB}`] : [];
    const out = execFileSync(process.execPath, [...heap, join(repo, 'server/dist/dmd/import-cli.js'), folder, db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    console.log(`${run}: ${out.trim().split('\n').at(-1)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
