import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';
import { auditPlaces } from './key.js';
import { verifyAuditTrail } from './verify.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

async function someActivity() {
  const nurse = handheld(server, await server.signIn('demo-nurse'));
  await nurse.scan(barcode('wristband-agnes-morrow'));
  const para = (await nurse.scan(barcode('pack-paracetamol'))).body;
  await nurse.administer(para.eventId, 'rx-1');
  await nurse.scan(barcode('pack-furosemide'));
  await nurse.scan(barcode('wristband-bernard-quill'));
  await nurse.scan(barcode('pack-amoxicillin'));
}

const cli = fileURLToPath(new URL('./verify-cli.ts', import.meta.url));
const runVerify = (dbFile: string) => spawnSync(process.execPath, ['--import', 'tsx', cli, dbFile], { encoding: 'utf8' });

describe('audit trail', () => {
  it('appends every scan, administration and sign-in with an intact hash chain', async () => {
    await someActivity();
    const entries = [...server.wardscan.repos.audit.iterate()];
    const types = entries.map((e) => e.type);
    expect(types.filter((t) => t === 'scan')).toHaveLength(5);
    expect(types).toContain('administration');
    expect(types).toContain('sign-in');
    expect(verifyAuditTrail(server.wardscan.repos.db, auditPlaces(server.dbFile))).toMatchObject({ ok: true, rows: entries.length, findings: [] });
  });

  it('refuses updates and deletes in the database itself', async () => {
    await someActivity();
    const { db } = server.wardscan.repos;
    expect(() => db.prepare("UPDATE audit_log SET summary = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    // The one update allowed is sealing a row that has no MAC; a MAC once set stays.
    expect(() => db.prepare("UPDATE audit_log SET mac = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE audit_log SET mac = NULL WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('audit:verify names the first tampered row', async () => {
    await someActivity();
    await server.wardscan.close();
    const ok = runVerify(server.dbFile);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/OK, \d+ rows/);
    // A tamperer with the sqlite3 shell: drop the guard, edit row 4.
    const db = new Database(server.dbFile);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 4").run();
    db.close();
    const bad = runVerify(server.dbFile);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/TAMPERED at row seq=4: content changed/);
    expect(bad.stdout).toMatch(/TAMPERED: the append-only guard audit_log_no_update has been dropped/);
  });

  it('audit:verify reports a row deleted from the middle', async () => {
    await someActivity();
    await server.wardscan.close();
    const db = new Database(server.dbFile);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    db.close();
    const bad = runVerify(server.dbFile);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/TAMPERED at row seq=4: row 3 is missing/);
  });
});

describe('GET /api/audit', () => {
  it("filters by rule, outcome, patient and type, pages, and defaults a manager to their ward", async () => {
    await someActivity();
    const token = await server.signIn('demo-manager');
    const stops = await server.api('GET', '/audit?outcome=stop', { token });
    expect(stops.status).toBe(200);
    expect(stops.body.total).toBe(2);
    expect(stops.body.entries.every((e: { wardId: string }) => e.wardId === 'ward-7b')).toBe(true);
    const allergy = await server.api('GET', '/audit?rule=allergy', { token });
    expect(allergy.body.total).toBe(1);
    expect(allergy.body.entries[0].patientId).toBe('patient-bernard-quill');
    const agnes = await server.api('GET', '/audit?patientId=patient-agnes-morrow&type=scan', { token });
    expect(agnes.body.total).toBe(3);
    const page = await server.api('GET', '/audit?pageSize=2&page=2', { token });
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.page).toBe(2);
    const future = await server.api('GET', '/audit?from=2026-11-25T00:00:00Z', { token });
    expect(future.body.total).toBe(0);
    const all = await server.api('GET', '/audit?pageSize=200', { token });
    const before = await server.api('GET', '/audit?to=2026-11-24T00:00:00Z', { token });
    expect(before.body.total).toBe(0);
    // `to` is exclusive; every event of someActivity() happened at the frozen clock instant.
    const untilNow = await server.api('GET', `/audit?to=${new Date(server.clock.now().getTime() + 1).toISOString()}`, { token });
    expect(untilNow.body.total).toBe(all.body.total);
    const byNurse = await server.api('GET', '/audit?userId=staff-demo-nurse&pageSize=200', { token });
    expect(byNurse.body.total).toBeGreaterThan(0);
    expect(byNurse.body.total).toBeLessThan(all.body.total);
    expect(byNurse.body.entries.every((e: { userId: string }) => e.userId === 'staff-demo-nurse')).toBe(true);
    expect((await server.api('GET', '/audit?wardId=ward-8a', { token })).status).toBe(403);
  });

  it('exports CSV with formula-looking cells defused', async () => {
    const nurse = handheld(server, await server.signIn('demo-nurse'));
    await nurse.scan('=HYPERLINK("http://evil")');
    const token = await server.signIn('demo-manager');
    const res = await server.api('GET', '/audit?format=csv', { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (res.body as string).trim().split('\r\n');
    expect(lines[0]).toBe(
      'seq,at,wardLocalTime,timeZone,type,wardId,wardName,bed,patientId,patientName,nhsNumber,patientIdentified,userId,userName,deviceId,eventId,outcome,rules,overrideReason,summary,prevHash,hash',
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(res.body).not.toMatch(/,=HYPERLINK/);
  });
});

