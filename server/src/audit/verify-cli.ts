/*
 * `npm run audit:verify [-- <db file>]`: checks the audit trail (every row's
 * link, hash and MAC, the anchor file, the append-only guards) and names the
 * first row affected. Exit code 0 intact; 1 tampered; 2 could not check;
 * 3 intact since the log was sealed, but some rows written before issue 16
 * already failed then.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { configFromEnv } from '../config.js';
import { auditPlaces } from './key.js';
import { describeReport, verifyAuditTrail } from './verify.js';

const file = process.argv[2] ?? configFromEnv(process.env).config.dbFile;
if (!existsSync(file)) {
  console.error(`audit:verify: no database at ${file}`);
  process.exit(2);
}
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  const { lines, exitCode } = describeReport(verifyAuditTrail(db, auditPlaces(file)), file);
  for (const line of lines) console.log(line);
  process.exitCode = exitCode;
} catch (err) {
  console.error(`audit:verify: ${(err as Error).message}`);
  process.exitCode = 2;
} finally {
  db.close();
}
