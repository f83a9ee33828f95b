import type { AuditLogEntry, AuditPage } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGNES, BERNARD, KATHLEEN, barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';

/*
 * The mismatch log as a ward manager reads it (issue 15): who, which patient,
 * which bed and ward, on the ward's clock; filters by each; and a CSV with
 * names, ward-local times, ids and ISO instants that a spreadsheet cannot run.
 */

// 07:00 UTC on a July morning is 08:00 in London (BST): the ward's clock and UTC differ by an hour.
const SUMMER_MORNING = '2026-07-01T07:00:00.000Z';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({}, SUMMER_MORNING);
});
afterEach(async () => server.close());

/** A 7B nurse's morning: a dose, an allergy stop, an override, and a Ward 8A patient's band. */
async function morning() {
  const nurse = handheld(server, await server.signIn('demo-nurse'), 'handheld-7b-1');
  await nurse.scan(barcode('wristband-agnes-morrow'));
  const para = (await nurse.scan(barcode('pack-paracetamol'))).body;
  await nurse.administer(para.eventId, 'rx-1');
  const amlo = (await nurse.scan(barcode('pack-amlodipine'))).body;
  const override = await nurse.administer(amlo.eventId, 'rx-2', 'partial-tablet-prepared');
  await nurse.scan(barcode('wristband-bernard-quill'));
  const allergy = (await nurse.scan(barcode('pack-amoxicillin'))).body;
  const otherWard = (await nurse.scan(barcode('wristband-kathleen-lowry'))).body;
  return { allergyEventId: allergy.eventId as string, otherWardEventId: otherWard.eventId as string, overrideEventId: override.body.eventId as string };
}

async function log(token: string, query = ''): Promise<AuditPage> {
  const res = await server.api('GET', `/audit?pageSize=200${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as AuditPage;
}

const byEvent = (page: AuditPage, eventId: string, type = 'scan'): AuditLogEntry | undefined => page.entries.find((e) => e.eventId === eventId && e.type === type);

/** RFC 4180, as a spreadsheet that honours quotes reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    } else cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

describe('the mismatch log says who, which patient, where and when', () => {
  it("joins the ward, bed, patient (name and NHS Number), nurse, device and override reason; times carry the ward's zone", async () => {
    const { allergyEventId, overrideEventId } = await morning();
    const page = await log(await server.signIn('demo-manager'));
    const stop = byEvent(page, allergyEventId);
    expect(stop).toMatchObject({
      at: SUMMER_MORNING,
      wardId: 'ward-7b',
      wardName: 'Ward 7B Acute Medicine',
      wardTimeZone: 'Europe/London',
      bedLabel: 'Bed 2',
      patient: { id: BERNARD, name: 'Bernard QUILL', nhsNumber: '9990020264', identified: true },
      userId: 'staff-demo-nurse',
      userName: 'Nina Demo (nurse)',
      deviceId: 'handheld-7b-1',
      outcome: 'stop',
      overrideReason: null,
    });
    expect(stop?.rules).toContain('allergy');
    const override = byEvent(page, overrideEventId, 'override');
    expect(override).toMatchObject({ patient: { id: AGNES, name: 'Agnes MORROW' }, bedLabel: 'Bed 1', overrideReason: 'partial-tablet-prepared', outcome: 'warning' });
    expect(byEvent(page, overrideEventId, 'administration')?.overrideReason).toBe('partial-tablet-prepared');
    // Filters choose from who and what is in this ward's log.
    expect(page.facets.wards.map((w) => w.id)).toEqual(expect.arrayContaining(['ward-7b', 'ward-8a']));
    expect(page.facets.patients).toEqual(expect.arrayContaining([{ id: KATHLEEN, name: 'Kathleen LOWRY', nhsNumber: '9990131694' }]));
    expect(page.facets.users.map((u) => u.id)).toContain('staff-demo-nurse');
    expect(page.facets.devices).toEqual(['handheld-7b-1']);
  });

  it("shows a 7B nurse's stop at a Ward 8A patient's band in both wards' logs, naming the patient the band named", async () => {
    const { otherWardEventId } = await morning();
    const expected = {
      wardId: 'ward-8a',
      wardName: 'Ward 8A Surgery',
      bedLabel: 'Bed 2',
      patientId: null,
      patient: { id: KATHLEEN, name: 'Kathleen LOWRY', nhsNumber: '9990131694', identified: false },
      userName: 'Nina Demo (nurse)',
      outcome: 'stop',
    };
    // Her own manager sees it as their nurse's; 8A's manager as their patient's.
    expect(byEvent(await log(await server.signIn('demo-manager')), otherWardEventId)).toMatchObject(expected);
    expect(byEvent(await log(await server.signIn('demo-manager-8a')), otherWardEventId)).toMatchObject(expected);
    // 8A's manager sees only what touches 8A: none of the 7B patients.
    const eightA = await log(await server.signIn('demo-manager-8a'));
    expect(eightA.entries.every((e) => e.wardId === 'ward-8a' || e.userId === 'staff-demo-nurse-8a' || e.userId === 'staff-demo-manager-8a')).toBe(true);
  });

  it('filters by ward, patient, nurse, device, outcome, rule and event', async () => {
    const { allergyEventId, otherWardEventId } = await morning();
    // A second nurse's handheld, so nurse and device filters have something to leave out.
    const other = handheld(server, await server.signIn('demo-nurse-2'), 'handheld-7b-2');
    await other.scan(barcode('wristband-agnes-morrow'));
    await other.scan(barcode('pack-furosemide'));
    const token = await server.signIn('demo-manager');
    const all = await log(token);
    const ids = (p: AuditPage) => p.entries.map((e) => e.seq);
    const expectOnly = (p: AuditPage, keep: (e: AuditLogEntry) => boolean) => {
      expect(p.total).toBeGreaterThan(0);
      expect(p.total).toBeLessThan(all.total);
      expect(ids(p)).toEqual(ids(all).filter((seq) => keep(all.entries.find((e) => e.seq === seq) as AuditLogEntry)));
    };

    expectOnly(await log(token, '&onWardId=ward-8a'), (e) => e.wardId === 'ward-8a');
    expectOnly(await log(token, `&patientId=${KATHLEEN}`), (e) => e.patient?.id === KATHLEEN);
    expectOnly(await log(token, `&patientId=${AGNES}`), (e) => e.patient?.id === AGNES);
    expectOnly(await log(token, '&userId=staff-demo-nurse-2'), (e) => e.userId === 'staff-demo-nurse-2');
    expectOnly(await log(token, '&deviceId=handheld-7b-1'), (e) => e.deviceId === 'handheld-7b-1');
    expectOnly(await log(token, '&outcome=stop'), (e) => e.outcome === 'stop');
    expectOnly(await log(token, '&rule=allergy'), (e) => e.rules.includes('allergy'));
    expectOnly(await log(token, '&rule=right-patient'), (e) => e.rules.includes('right-patient'));
    expectOnly(await log(token, '&bedLabel=Bed%201'), (e) => e.bedLabel === 'Bed 1');
    expectOnly(await log(token, `&bedLabel=${encodeURIComponent(byEvent(all, otherWardEventId)?.bedLabel ?? '')}`), (e) => e.bedLabel === byEvent(all, otherWardEventId)?.bedLabel);
    expect(all.facets.beds.slice(0, 3)).toEqual(['Bed 1', 'Bed 2', 'Bed 3']);
    // The CSV reads the same bed.
    const bedCsv = parseCsv((await server.api('GET', '/audit?bedLabel=Bed%201&format=csv', { token })).body as string);
    expect(bedCsv.length - 1).toBe(all.entries.filter((e) => e.bedLabel === 'Bed 1').length);
    expect(new Set(bedCsv.slice(1).map((r) => r[bedCsv[0]!.indexOf('bed')]))).toEqual(new Set(['Bed 1']));
    expectOnly(await log(token, '&overrideReason=partial-tablet-prepared'), (e) => e.overrideReason === 'partial-tablet-prepared');
    expect((await log(token, '&overrideReason=partial-tablet-prepared')).entries.map((e) => e.type).sort()).toEqual(['administration', 'override']);
    expect((await log(token, '&overrideReason=time-agreed-clinically')).total).toBe(0);
    expect((await log(token, `&eventId=${allergyEventId}`)).entries.map((e) => e.eventId)).toEqual([allergyEventId]);
    // Filters combine.
    const both = await log(token, `&outcome=stop&deviceId=handheld-7b-1&patientId=${KATHLEEN}`);
    expect(both.entries.map((e) => e.eventId)).toEqual([otherWardEventId]);
    // An admin reads any ward's log, or all of them.
    const admin = await server.signIn('demo-admin');
    expect((await log(admin, '&wardId=ward-8a')).entries.map((e) => e.eventId)).toContain(otherWardEventId);
    expect((await log(admin, '&wardId=ward-8a')).entries.some((e) => e.patient?.id === BERNARD)).toBe(false);
    expect((await server.api('GET', '/audit?deviceId=', { token })).status).toBe(400);
  });

  it("filters whole days on the ward's clock: 00:30 in London in July is the next day there, though still the day before in UTC", async () => {
    server.clock.set('2026-07-01T22:30:00.000Z'); // 23:30 on 1 July on the ward
    const nurse = handheld(server, await server.signIn('demo-nurse'), 'handheld-7b-1');
    await nurse.scan(barcode('wristband-bernard-quill'));
    const late = (await nurse.scan(barcode('pack-amoxicillin'))).body.eventId as string;
    server.clock.set('2026-07-01T23:30:00.000Z'); // 00:30 on 2 July on the ward, 23:30 on 1 July in UTC
    const afterMidnight = (await nurse.scan(barcode('pack-amoxicillin'))).body.eventId as string;
    const token = await server.signIn('demo-manager');
    const stops = async (query: string) => (await log(token, `&outcome=stop${query}`)).entries.map((e) => e.eventId);

    expect(await stops('&fromDate=2026-07-02&toDate=2026-07-02')).toEqual([afterMidnight]);
    expect(await stops('&fromDate=2026-07-01&toDate=2026-07-01')).toEqual([late]);
    expect(await stops('&toDate=2026-07-01')).toEqual([late]);
    expect((await stops('&fromDate=2026-07-01')).sort()).toEqual([late, afterMidnight].sort());
    // The CSV reads the same days.
    const csv = await server.api('GET', '/audit?outcome=stop&fromDate=2026-07-02&toDate=2026-07-02&format=csv', { token });
    const rows = parseCsv(csv.body as string);
    expect(rows.slice(1).map((r) => r[rows[0]!.indexOf('eventId')])).toEqual([afterMidnight]);
    // One way to say each bound, not two.
    const both = await server.api('GET', '/audit?fromDate=2026-07-02&from=2026-07-01T23:00:00.000Z', { token });
    expect([both.status, both.body.error.field]).toEqual([400, 'fromDate']);
    expect((await server.api('GET', '/audit?toDate=2026-07-32', { token })).status).toBe(400);
  });

  it('exports names, ward-local times, ids and ISO instants in the CSV', async () => {
    const { allergyEventId, otherWardEventId } = await morning();
    const res = await server.api('GET', '/audit?format=csv', { token: await server.signIn('demo-manager') });
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(res.body as string);
    expect(header).toEqual([
      'seq', 'at', 'wardLocalTime', 'timeZone', 'type', 'wardId', 'wardName', 'bed', 'patientId', 'patientName', 'nhsNumber', 'patientIdentified',
      'userId', 'userName', 'deviceId', 'eventId', 'outcome', 'rules', 'overrideReason', 'summary', 'prevHash', 'hash',
    ]);
    const record = (eventId: string) => {
      const row = rows.find((r) => r[header!.indexOf('eventId')] === eventId && r[header!.indexOf('type')] === 'scan');
      return Object.fromEntries(header!.map((h, i) => [h, row?.[i]]));
    };
    expect(record(allergyEventId)).toMatchObject({
      at: SUMMER_MORNING,
      wardLocalTime: '2026-07-01 08:00',
      timeZone: 'Europe/London',
      wardId: 'ward-7b',
      wardName: 'Ward 7B Acute Medicine',
      bed: 'Bed 2',
      patientId: BERNARD,
      patientName: 'Bernard QUILL',
      nhsNumber: '9990020264',
      patientIdentified: 'yes',
      userId: 'staff-demo-nurse',
      userName: 'Nina Demo (nurse)',
      deviceId: 'handheld-7b-1',
      outcome: 'stop',
    });
    expect(record(allergyEventId).rules).toContain('allergy');
    expect(record(otherWardEventId)).toMatchObject({ wardId: 'ward-8a', patientId: KATHLEEN, patientName: 'Kathleen LOWRY', patientIdentified: 'no: named by the band scanned' });
  });

  it('keeps the CSV formula-safe with tricky names and device ids, however a spreadsheet splits the cells', async () => {
    const tricky = ['x;=1+1', 'a\t=1', '"=1"', '@SUM(A1:A9)', '-2+3', "=cmd|' /C calc'!A0", 'plain, then\n+1'];
    const { db } = server.wardscan.repos;
    db.prepare("UPDATE staff SET name = ? WHERE id = 'staff-demo-nurse'").run('\t=1 Nina');
    db.prepare('UPDATE patients SET given_name = ?, family_name = ? WHERE id = ?').run('=1+1', 'x;=2', BERNARD);
    const token = await server.signIn('demo-nurse');
    for (const deviceId of tricky) {
      const nurse = handheld(server, token, deviceId);
      await nurse.scan(barcode('wristband-bernard-quill'));
      await nurse.scan(barcode('pack-amoxicillin'));
    }
    const res = await server.api('GET', '/audit?format=csv', { token: await server.signIn('demo-manager') });
    const text = res.body as string;
    const [header, ...rows] = parseCsv(text);
    const devices = rows.map((r) => r[header!.indexOf('deviceId')]);
    // Each value is there as typed, behind an apostrophe wherever a formula could start.
    expect(devices).toEqual(expect.arrayContaining(["x;'=1+1", "a\t'=1", `"'=1"`, "'@SUM(A1:A9)", "'-2+3", "'=cmd|' /C calc'!A0", "plain, then\n'+1"]));
    expect(rows.map((r) => r[header!.indexOf('userName')])).toContain("'\t'=1 Nina");
    expect(rows.map((r) => r[header!.indexOf('patientName')])).toContain("'=1+1 X;'=2");
    // Honouring quotes or not, splitting on any separator, no piece starts a formula.
    const trigger = /^[=+\-@\t\r\n\0]/;
    for (const piece of [...text.split(/[,;|\t\r\n]/), ...rows.flat(), ...rows.flat().flatMap((c) => c.split(/[,;|\t\r\n]/))]) {
      expect(piece.replace(/^[ "]*/, ''), JSON.stringify(piece)).not.toMatch(trigger);
    }
  });
});
