import type { ScanResponse, WardAlert } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGNES, KATHLEEN, barcode } from '../test/fixtures.js';
import { handheld, startTestServer, uuid, type ClientSocket, type TestServer } from '../test/harness.js';

/*
 * Issue 15, over real sockets: a stop reaches the scanning nurse's ward
 * manager, and where the patient is another ward's, that ward's manager too,
 * each in words for their side; admins hear it once.
 */

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

function alertsOf(s: ClientSocket): WardAlert[] {
  const got: WardAlert[] = [];
  s.on('ward:alert', (a) => got.push(a));
  return got;
}
const scan = (s: ClientSocket, deviceId: string, raw: string) =>
  s.timeout(5000).emitWithAck('scan', { deviceId, eventId: uuid(), raw, source: 'scanner' }) as Promise<ScanResponse>;
const settle = () => new Promise((r) => setTimeout(r, 50));

async function listeners() {
  const [m7b, m8a, admin, n7b, n8a] = await Promise.all(
    ['demo-manager', 'demo-manager-8a', 'demo-admin', 'demo-nurse', 'demo-nurse-8a'].map(async (u) => server.socket(await server.signIn(u))),
  );
  return { sockets: { n7b: n7b!, n8a: n8a! }, heard: { m7b: alertsOf(m7b!), m8a: alertsOf(m8a!), admin: alertsOf(admin!), n7b: alertsOf(n7b!), n8a: alertsOf(n8a!) } };
}

describe('alerts between wards', () => {
  it("sends a Ward 7B nurse's wrong-ward STOP for a Ward 8A patient to both managers, each worded for their side", async () => {
    const { sockets, heard } = await listeners();
    const stop = await scan(sockets.n7b, 'dev-route-1', barcode('wristband-kathleen-lowry'));
    expect(stop.verdict.outcome).toBe('stop');
    await settle();

    expect(heard.m7b).toHaveLength(1);
    expect(heard.m7b[0]).toMatchObject({
      kind: 'stop',
      eventId: stop.eventId,
      wardId: 'ward-7b',
      audience: 'nurse-ward',
      nurseWardId: 'ward-7b',
      patientWardId: 'ward-8a',
      patientId: KATHLEEN,
      patientName: 'Kathleen LOWRY',
      bedLabel: 'Bed 2, Ward 8A Surgery',
      userName: 'Nina Demo (nurse)',
      message: 'Your nurse Nina Demo (nurse) scanned Kathleen LOWRY, a Ward 8A Surgery patient: stopped.',
    });
    expect(heard.m8a).toHaveLength(1);
    expect(heard.m8a[0]).toMatchObject({
      eventId: stop.eventId,
      wardId: 'ward-8a',
      audience: 'patient-ward',
      patientId: KATHLEEN,
      bedLabel: 'Bed 2',
      message: 'A Ward 7B Acute Medicine nurse scanned your patient Kathleen LOWRY: stopped.',
    });
    expect(heard.m8a[0]?.message).not.toContain('not on your ward');
    // Admins sit in every ward's room, and hear it once.
    expect(heard.admin.map((a) => a.audience)).toEqual(['overview']);
    expect(heard.admin[0]?.message).toBe('Ward 7B Acute Medicine nurse Nina Demo (nurse) scanned Kathleen LOWRY, a Ward 8A Surgery patient: stopped.');
    expect([...heard.n7b, ...heard.n8a]).toEqual([]);
  });

  it('does the same the other way round, and over REST', async () => {
    const { heard } = await listeners();
    const nurse8a = handheld(server, await server.signIn('demo-nurse-8a'), 'dev-route-2');
    const res = await nurse8a.scan(barcode('wristband-agnes-morrow'));
    expect(res.body.verdict.outcome).toBe('stop');
    await settle();
    expect(heard.m8a.map((a) => a.message)).toEqual(['Your nurse Sam Demo (nurse, Ward 8A) scanned Agnes MORROW, a Ward 7B Acute Medicine patient: stopped.']);
    expect(heard.m7b.map((a) => [a.message, a.patientId, a.bedLabel])).toEqual([['A Ward 8A Surgery nurse scanned your patient Agnes MORROW: stopped.', AGNES, 'Bed 1']]);
    expect(heard.admin).toHaveLength(1);
  });

  it("keeps a stop on the nurse's own ward to that ward's manager, in the check's words", async () => {
    const { sockets, heard } = await listeners();
    await scan(sockets.n7b, 'dev-route-3', barcode('wristband-bernard-quill'));
    const stop = await scan(sockets.n7b, 'dev-route-3', barcode('pack-amoxicillin'));
    await settle();
    expect(heard.m7b.map((a) => [a.eventId, a.audience, a.message])).toEqual([[stop.eventId, 'ward', stop.verdict.title]]);
    expect(heard.m8a).toEqual([]);
    expect(heard.admin).toHaveLength(1);
  });
});
