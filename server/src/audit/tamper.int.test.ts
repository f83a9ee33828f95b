import { copyFileSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TRIGGERS } from '../db/migrations/004-audit-hmac.js';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer } from '../test/harness.js';
import { storedRowHash, type StoredAuditRow } from './hash.js';
import { auditPlaces } from './key.js';
import { createAuditRepository } from './repository.js';
import { verifyAuditTrail, type AuditReport } from './verify.js';

/*
 * The tamper table: each way someone with write access to the database file
 * (and the sqlite3 shell, and the hashing code, but not the audit key) might
 * rewrite history, and what `audit:verify` reports. The last rows are what it
 * cannot see, said plainly.
 */

const FILES = ['ward.db', 'ward.db.audit-key', 'ward.db.audit-anchor'];
let original: string;
let rows: number;
const dirs: string[] = [];

beforeAll(async () => {
  const server = await startTestServer();
  const nurse = handheld(server, await server.signIn('demo-nurse'));
  await nurse.scan(barcode('wristband-agnes-morrow'));
  const para = (await nurse.scan(barcode('pack-paracetamol'))).body;
  await nurse.administer(para.eventId, 'rx-1');
  await nurse.scan(barcode('pack-furosemide'));
  await server.wardscan.close(); // writes the last anchor
  original = mkdtempSync(join(tmpdir(), 'wardscan-tamper-'));
  for (const f of FILES) copyFileSync(join(server.dir, f), join(original, f));
  await server.close();
  const db = new Database(join(original, 'ward.db'), { readonly: true });
  rows = db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
  db.close();
});
afterAll(() => {
  for (const d of [original, ...dirs]) rmSync(d, { recursive: true, force: true });
});

type Tamper = (db: Database.Database, dir: string) => void;

/** A copy of the untouched trail, tampered with as the sqlite3 shell allows (guards dropped, then put back), then verified. */
function verifyTampered(tamper: Tamper, opts: { leaveGuardsDropped?: boolean } = {}): AuditReport {
  const dir = mkdtempSync(join(tmpdir(), 'wardscan-tampered-'));
  dirs.push(dir);
  for (const f of FILES) copyFileSync(join(original, f), join(dir, f));
  const file = join(dir, 'ward.db');
  const db = new Database(file);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  tamper(db, dir);
  if (!opts.leaveGuardsDropped) {
    for (const [name, sql] of Object.entries(AUDIT_TRIGGERS)) {
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name)) db.exec(sql);
    }
  }
  db.close();
  const check = new Database(file, { readonly: true });
  try {
    return verifyAuditTrail(check, auditPlaces(file));
  } finally {
    check.close();
  }
}

const all = (db: Database.Database): StoredAuditRow[] => db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as StoredAuditRow[];

/** What an attacker who knows the hashing (it is open source) but not the key does: re-link and re-hash every row from `seq` on. */
function recomputeFrom(db: Database.Database, seq: number, mac: 'keep' | 'remove' = 'keep'): void {
  let prev = (db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq - 1) as string | undefined) ?? '0'.repeat(64);
  for (const row of all(db).filter((r) => r.seq >= seq)) {
    const relinked = { ...row, prev_hash: prev };
    const hash = storedRowHash(relinked);
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, mac = ? WHERE seq = ?').run(prev, hash, mac === 'keep' ? row.mac : null, row.seq);
    prev = hash;
  }
}

const edit = (seq: number): Tamper => (db) => void db.prepare("UPDATE audit_log SET summary = 'nothing happened' WHERE seq = ?").run(seq);

describe('the tamper table: what audit:verify reports', () => {
  let duplicatedIn = 0;
  it('reports the untouched trail intact', () => {
    expect(verifyTampered(() => {})).toMatchObject({ ok: true, findings: [], rows, anchoredSeq: rows });
  });

  const cases: [string, Tamper, () => { seq: number | null; reason: RegExp }][] = [
    ['a row edited', edit(4), () => ({ seq: 4, reason: /^content changed after it was written \(hash differs\)/ })],
    ['a row edited, every hash after it recomputed', (db) => (edit(4)(db, ''), recomputeFrom(db, 4)), () => ({ seq: 4, reason: /without the audit key \(MAC differs\)/ })],
    ['a row edited, hashes recomputed, MACs removed', (db) => (edit(4)(db, ''), recomputeFrom(db, 4, 'remove')), () => ({ seq: 4, reason: /has no MAC/ })],
    ['a row deleted from the middle', (db) => void db.prepare('DELETE FROM audit_log WHERE seq = 3').run(), () => ({ seq: 4, reason: /^row 3 is missing \(found 4 next\)/ })],
    [
      'a row deleted from the middle, the rest renumbered and recomputed',
      (db) => {
        db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
        db.prepare('UPDATE audit_log SET seq = seq - 1 WHERE seq > 3').run();
        recomputeFrom(db, 3);
      },
      () => ({ seq: 3, reason: /MAC differs/ }),
    ],
    ['the newest rows deleted', (db) => void db.prepare('DELETE FROM audit_log WHERE seq > ?').run(rows - 2), () => ({ seq: rows - 1, reason: new RegExp(`^rows ${rows - 1}–${rows} are missing: the head anchored at .* was seq ${rows}`) })],
    [
      'two rows swapped',
      (db) => {
        const [a, b] = [3, 4].map((s) => db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(s) as StoredAuditRow);
        db.prepare('DELETE FROM audit_log WHERE seq IN (3, 4)').run();
        const put = db.prepare('INSERT INTO audit_log VALUES (@seq, @at, @type, @ward_id, @patient_id, @user_id, @device_id, @event_id, @outcome, @rules, @summary, @detail, @prev_hash, @hash, @mac)');
        put.run({ ...b!, seq: 3 });
        put.run({ ...a!, seq: 4 });
      },
      () => ({ seq: 3, reason: /does not link to the row before/ }),
    ],
    [
      'a key duplicated in a row\'s detail JSON (same parsed value)',
      (db) => {
        const row = all(db).find((r) => r.detail.length > 2)!;
        duplicatedIn = row.seq;
        db.prepare('UPDATE audit_log SET detail = ? WHERE seq = ?').run(`${row.detail.slice(0, -1)},${row.detail.slice(1)}`, row.seq);
      },
      () => ({ seq: duplicatedIn, reason: /duplicated or reordered key/ }),
    ],
    [
      'a forged row appended with a correct hash',
      (db) => {
        const last = all(db).at(-1)!;
        const forged = { ...last, seq: last.seq + 1, summary: 'forged', prev_hash: last.hash };
        db.prepare('INSERT INTO audit_log VALUES (@seq, @at, @type, @ward_id, @patient_id, @user_id, @device_id, @event_id, @outcome, @rules, @summary, @detail, @prev_hash, @hash, @mac)').run({
          ...forged,
          hash: storedRowHash(forged),
          mac: randomBytes(32).toString('hex'),
        });
      },
      () => ({ seq: rows + 1, reason: /MAC differs/ }),
    ],
    ['the append-only guards dropped', () => {}, () => ({ seq: null, reason: /the append-only guard audit_log_no_update has been dropped/ })],
    [
      'a guard replaced by one that lets updates through',
      (db) => db.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"),
      () => ({ seq: null, reason: /audit_log_no_update has been altered/ }),
    ],
    ['the anchor file deleted', (_db, dir) => rmSync(join(dir, 'ward.db.audit-anchor')), () => ({ seq: null, reason: /the anchor file .* is missing/ })],
    [
      'an anchor line forged, claiming an older head',
      (_db, dir) => appendFileSync(join(dir, 'ward.db.audit-anchor'), `${JSON.stringify({ v: 1, kind: 'head', seq: 2, hash: 'f'.repeat(64), at: new Date().toISOString(), mac: 'e'.repeat(64) })}\n`),
      () => ({ seq: null, reason: /anchor line \d+ is not genuine/ }),
    ],
    ['a different audit key put in place', (_db, dir) => writeFileSync(join(dir, 'ward.db.audit-key'), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 }), () => ({ seq: 1, reason: /MAC differs/ })],
  ];

  it.each(cases)('%s', (_name, tamper, expected) => {
    const report = verifyTampered(tamper, { leaveGuardsDropped: _name === 'the append-only guards dropped' });
    expect(report.ok).toBe(false);
    const { seq, reason } = expected();
    expect(report.findings[0]?.seq).toBe(seq);
    expect(report.findings[0]?.reason).toMatch(reason);
  });

  it('also reports the dropped delete guard, and lists every finding', () => {
    const report = verifyTampered(edit(2), { leaveGuardsDropped: true });
    expect(report.findings.map((f) => f.seq)).toEqual([2, null, null]);
    expect(report.findings.map((f) => f.reason).join('\n')).toMatch(/audit_log_no_delete has been dropped/);
  });

  it('cannot see rows deleted before they were anchored (the window between anchors), and says they were unanchored', () => {
    const report = verifyTampered((db, dir) => {
      const file = join(dir, 'ward.db');
      // The server appends two more rows and is then stopped before its next anchor.
      const live = new Database(file);
      const audit = createAuditRepository(live);
      audit.append({ type: 'sign-in', summary: 'after the last anchor' }, new Date());
      audit.append({ type: 'sign-in', summary: 'after the last anchor' }, new Date());
      live.close();
      const seen = new Database(file, { readonly: true });
      expect(verifyAuditTrail(seen, auditPlaces(file)).notes.join()).toMatch(new RegExp(`rows ${rows + 1}–${rows + 2} came after the last anchor`));
      seen.close();
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(rows);
    });
    expect(report).toMatchObject({ ok: true, rows });
  });

  it('cannot see the anchor file cut back together with the rows (keep a copy of the anchor elsewhere: WARDSCAN_AUDIT_ANCHOR)', () => {
    const report = verifyTampered((db, dir) => {
      const anchor = join(dir, 'ward.db.audit-anchor');
      const lines = readFileSync(anchor, 'utf8').trim().split('\n');
      const genesis = JSON.parse(lines[0]!) as { seq: number };
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(genesis.seq);
      writeFileSync(anchor, `${lines[0]}\n`);
    });
    expect(report.ok).toBe(true);
  });
});
