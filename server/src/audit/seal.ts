import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { checkAnchors, openAnchorLog, readAnchorFile, type AnchorLog } from './anchor.js';
import { GENESIS_HASH, legacyRowHash, type StoredAuditRow } from './hash.js';
import { auditPlaces, createAuditKey, fsyncPath, readAuditKey, rowMac } from './key.js';
import { storedRowToEntry } from './stored-rows.js';

/** What appending to the audit log needs beyond the database: the key, and the anchor log (none for `:memory:`). */
export interface AuditSeal {
  readonly key: Buffer;
  readonly anchors: AnchorLog | null;
}

/**
 * Opens the audit log's key and anchor file for a database, at start-up.
 * On the first start with issue 16 (no anchor file, no MAC in the log yet) it
 * makes the key file if there is no WARDSCAN_AUDIT_KEY, seals the rows
 * already there, and writes the genesis anchor. A sealed log whose key or
 * anchor file has gone stops the start: carrying on would write rows no one
 * can check, or let a stripped log be sealed again as if it were genuine.
 */
export function openAuditSeal(db: Db, env: NodeJS.ProcessEnv = process.env): AuditSeal {
  if (db.memory) return { key: randomBytes(32), anchors: null };
  const places = auditPlaces(db.name, env);
  // Any MAC at all: sealing has begun, and must never be done again (it would bless a stripped log).
  const sealed = db.prepare('SELECT 1 FROM audit_log WHERE mac IS NOT NULL LIMIT 1').get() !== undefined;
  const existing = readAnchorFile(places.anchorFile);
  let key = readAuditKey(places);
  if (sealed && !key) {
    throw new Error(`The audit log is sealed, but its key is missing: restore ${places.keyFile} from backup (or set WARDSCAN_AUDIT_KEY to the key it was sealed with).`);
  }
  if (sealed && !existing) {
    throw new Error(
      `The audit log is sealed, but its anchor file ${places.anchorFile} is missing: restore it from backup. ` +
        '(To start anyway, create an empty file there: deleting rows from the end of the log before now can then no longer be detected.)',
    );
  }
  key ??= createAuditKey(places.keyFile);
  if (existing) {
    const check = checkAnchors(key, existing);
    if (check.problem?.startsWith('anchor line 1 does not verify')) {
      throw new Error(`The audit key does not match the anchor file ${places.anchorFile}: start with the key this log was sealed with.`);
    }
    return { key, anchors: openAnchorLog(places.anchorFile, key, check.anchors) };
  }
  const anchors = openAnchorLog(places.anchorFile, key, []);
  const legacy = sealLegacyRows(db, key);
  syncDatabaseFiles(db);
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  anchors.appendSync({ kind: 'genesis', seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS_HASH, at: new Date().toISOString(), legacy });
  return { key, anchors };
}

/**
 * Seals the rows written before issue 16 (all rows, when this runs): checks
 * their legacy chain, then sets each one's MAC, the only update the log's
 * trigger allows. Rows that did not verify are sealed as found and named in
 * the genesis anchor, so `audit:verify` reports them every time, apart from
 * tampering done later.
 */
function sealLegacyRows(db: Db, key: Buffer): { sealed: number; broken: number[] } {
  // In pages, so a long log is never all in memory (a statement cannot write while another iterates).
  const page = db.prepare<[number], StoredAuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000');
  const setMac = db.prepare('UPDATE audit_log SET mac = ? WHERE seq = ? AND mac IS NULL');
  const broken: number[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  db.transaction(() => {
    for (let rows = page.all(0); rows.length > 0; rows = page.all(rows.at(-1)!.seq)) {
      for (const row of rows) {
        if (!(row.seq === expectedSeq && row.prev_hash === prevHash && legacyHashHolds(row))) broken.push(row.seq);
        setMac.run(rowMac(key, row), row.seq);
        prevHash = row.hash;
        expectedSeq = row.seq + 1;
      }
    }
  })();
  return { sealed: expectedSeq - 1, broken };
}

/** Whether a row written before issue 16 still has the hash it was written with. */
export function legacyHashHolds(row: Omit<StoredAuditRow, 'mac'>): boolean {
  try {
    const { hash, ...unhashed } = storedRowToEntry(row);
    return legacyRowHash(unhashed) === hash;
  } catch {
    return false; // its JSON no longer parses
  }
}

/** fsync of the database and its WAL: the genesis anchor must never name a head a power cut could still take away. */
function syncDatabaseFiles(db: Db): void {
  for (const file of [db.name, `${db.name}-wal`]) if (existsSync(file)) fsyncPath(file);
}
