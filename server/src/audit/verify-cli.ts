/*
 * `npm run audit:verify [-- <db file>]`: checks the audit log's hash chain
 * and names the first tampered row. Exit code 0 intact, 1 tampered, 2 error.
 */
import { existsSync } from 'node:fs';
import { configFromEnv } from '../config.js';
import { openDatabase } from '../db/database.js';
import { createAuditRepository } from './repository.js';
import { verifyChain } from './verify.js';

const file = process.argv[2] ?? configFromEnv(process.env).config.dbFile;
if (!existsSync(file)) {
  console.error(`audit:verify: no database at ${file}`);
  process.exit(2);
}
const db = openDatabase(file);
try {
  const report = verifyChain(createAuditRepository(db).iterate());
  if (report.ok) {
    console.log(`audit:verify: OK, ${report.rows} rows, chain intact (${file})`);
  } else {
    console.log(`audit:verify: TAMPERED at row seq=${report.seq}: ${report.reason} (${file})`);
    process.exitCode = 1;
  }
} finally {
  db.close();
}
