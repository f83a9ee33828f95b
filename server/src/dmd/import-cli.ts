/*
 * `npm run dmd:import -- <release folder> [<db file>]`: imports a dm+d
 * release (its XML files unzipped into one folder, the GTIN file beside them)
 * into the ward database, replacing the previous release in one transaction.
 * Prints progress per file, then the counts, the wall time and the peak RSS.
 * Exit code 0 imported; 1 the release is invalid (nothing changed); 2 usage.
 */
import { basename } from 'node:path';
import { configFromEnv } from '../config.js';
import { migrate, openDatabase } from '../db/database.js';
import { DmdImportError, importDmdRelease } from './import-release.js';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: npm run dmd:import -- <release folder> [<db file>]');
  process.exit(2);
}
const file = process.argv[3] ?? configFromEnv(process.env).config.dbFile;
const db = openDatabase(file);
const started = performance.now();
try {
  migrate(db);
  const summary = importDmdRelease(db, folder, {
    now: new Date(),
    onProgress: (p) => process.stderr.write(`${basename(p.file)}: ${Math.round((100 * p.bytes) / p.totalBytes)}% (${p.records} records)\n`),
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(`dm+d release imported into ${file}:`);
  for (const [table, n] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(16)} ${n}`);
  console.log(`wall time ${seconds.toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} catch (err) {
  console.error(`dmd:import: ${(err as Error).message}`);
  process.exitCode = err instanceof DmdImportError ? 1 : 2;
} finally {
  db.close();
}
