import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type Db } from '../db/database.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { GENESIS_HASH, legacyRowHash } from './hash.js';
import { auditPlaces } from './key.js';
import { createAuditRepository } from './repository.js';
import { iterateStoredRows, storedRowToEntry } from './stored-rows.js';
import { describeReport, verifyAuditTrail } from './verify.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wardscan-seal-'));
  file = join(dir, 'ward.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const verify = (db: Db) => verifyAuditTrail(db, auditPlaces(file));
const at = new Date('2026-11-24T08:00:00.000Z');

describe('audit rows are hashed over exactly what is stored', () => {
  it('keeps verifying a row whose detail held a Date and whose text held lone surrogates', () => {
    const db = openDatabase(file);
    migrate(db);
    const audit = createAuditRepository(db);
    const entry = audit.append(
      { type: 'scan', summary: 'odd \ud800 text', deviceId: 'dev-\udc00', detail: { when: new Date(0), gone: undefined, list: [1, undefined], key: '\ud800' } },
      at,
    );
    const [stored] = [...iterateStoredRows(db)];
    // What the caller was given is what was stored: the Date as its text, the surrogates as U+FFFD (text) or escaped (JSON).
    expect(storedRowToEntry(stored!)).toEqual(entry);
    expect(entry.summary).toBe('odd \ufffd text');
    expect(entry.detail).toEqual({ when: '1970-01-01T00:00:00.000Z', list: [1, null], key: '\ud800' });
    expect(verify(db)).toMatchObject({ ok: true, rows: 1, findings: [] });
    db.close();
  });

  it('refuses a detail JSON cannot hold', () => {
    const db = openDatabase(file);
    migrate(db);
    expect(() => createAuditRepository(db).append({ type: 'scan', summary: 'x', detail: { n: 1n } }, at)).toThrow(/BigInt/);
    db.close();
  });
});

describe('the audit key and the anchor file', () => {
  it('are made on first start: the key readable by the server alone, the anchor file starting at the genesis line', () => {
    const db = openDatabase(file);
    migrate(db);
    createAuditRepository(db);
    expect(statSync(`${file}.audit-key`).mode & 0o777).toBe(0o600);
    const [genesis] = readFileSync(`${file}.audit-anchor`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; seq: number; hash: string });
    expect(genesis).toMatchObject({ kind: 'genesis', seq: 0, hash: GENESIS_HASH });
    db.close();
  });

  it('take WARDSCAN_AUDIT_KEY and WARDSCAN_AUDIT_ANCHOR from the environment instead', async () => {
    const { openAuditSeal } = await import('./seal.js');
    const db = openDatabase(file);
    migrate(db);
    const env = { WARDSCAN_AUDIT_KEY: 'k'.repeat(40), WARDSCAN_AUDIT_ANCHOR: join(dir, 'elsewhere.anchor') };
    const audit = createAuditRepository(db, openAuditSeal(db, env));
    audit.append({ type: 'sign-in', summary: 'x' }, at);
    expect(() => statSync(`${file}.audit-key`)).toThrow(/ENOENT/);
    expect(readFileSync(env.WARDSCAN_AUDIT_ANCHOR, 'utf8')).toMatch(/"genesis"/);
    expect(verifyAuditTrail(db, auditPlaces(file, env))).toMatchObject({ ok: true, rows: 1 });
    expect(() => openAuditSeal(db, { WARDSCAN_AUDIT_KEY: 'short' })).toThrow(/at least 32/);
    db.close();
  });

  it('stop the start of a sealed log whose key or anchor file is gone, or whose key is not the one it was sealed with', () => {
    const db = openDatabase(file);
    migrate(db);
    createAuditRepository(db).append({ type: 'sign-in', summary: 'x' }, at);
    const key = readFileSync(`${file}.audit-key`);
    rmSync(`${file}.audit-key`);
    expect(() => createAuditRepository(db)).toThrow(/sealed, but its key is missing/);
    writeFileSync(`${file}.audit-key`, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    expect(() => createAuditRepository(db)).toThrow(/does not match the anchor file/);
    writeFileSync(`${file}.audit-key`, key);
    chmodSync(`${file}.audit-key`, 0o644);
    expect(() => createAuditRepository(db)).toThrow(/readable by others/);
    chmodSync(`${file}.audit-key`, 0o600);
    rmSync(`${file}.audit-anchor`);
    expect(() => createAuditRepository(db)).toThrow(/anchor file .* is missing/);
    db.close();
  });
});

describe('a log written before issue 16', () => {
  /** The schema before migration 4, and rows appended the way the server did then. */
  function legacyLog(summaries: string[]): Db {
    const db = openDatabase(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((m) => m.version < 4)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, at.toISOString());
    }
    let prevHash = GENESIS_HASH;
    summaries.forEach((summary, i) => {
      const entry = { seq: i + 1, at: at.toISOString(), type: 'sign-in' as const, wardId: null, patientId: null, userId: null, deviceId: null, eventId: null, outcome: null, rules: [], summary, detail: { n: i }, prevHash };
      const hash = legacyRowHash(entry);
      db.prepare('INSERT INTO audit_log (seq, at, type, rules, summary, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(entry.seq, entry.at, entry.type, '[]', summary, JSON.stringify(entry.detail), prevHash, hash);
      prevHash = hash;
    });
    return db;
  }

  it('is sealed on first start; a row the lone-surrogate defect broke is named every time, apart from tampering', () => {
    const db = legacyLog(['a', 'Sign-in failed (username x\ud800)', 'c']);
    migrate(db);
    const audit = createAuditRepository(db);
    audit.append({ type: 'sign-in', summary: 'after the upgrade' }, at);
    const report = verify(db);
    expect(report).toMatchObject({ ok: true, rows: 4, findings: [], brokenBeforeSealing: [2] });
    expect(report.notes.join()).toMatch(/did not verify when the log was sealed/);
    expect(describeReport(report, file).exitCode).toBe(3);
    db.close();
  });

  it('reports a sealed legacy row edited afterwards, by its legacy hash or, for a row already broken, by its MAC', () => {
    const db = legacyLog(['a', 'Sign-in failed (username x\ud800)', 'c']);
    migrate(db);
    createAuditRepository(db);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET summary = 'b' WHERE seq = 2").run();
    expect(verify(db).findings[0]).toEqual({ seq: 2, reason: 'changed after it was sealed (MAC differs)' });
    db.prepare("UPDATE audit_log SET summary = 'z' WHERE seq = 1").run();
    expect(verify(db).findings[0]).toEqual({ seq: 1, reason: 'content changed after it was written (legacy hash differs)' });
    db.close();
  });

  it('is never sealed a second time: a log stripped of its MACs with the anchor file gone does not start', () => {
    const db = legacyLog(['a', 'b']);
    migrate(db);
    createAuditRepository(db);
    rmSync(`${file}.audit-anchor`);
    expect(() => createAuditRepository(db)).toThrow(/anchor file .* is missing/);
    db.close();
  });
});
