import type { RadarFlag, WardRadar } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGNES, barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';

/*
 * The workaround radar over the real server (issue 15): scans made through
 * the API raise flags whose evidence names their events; thresholds are the
 * ward's, changed by its manager (audited); only its manager and admins see it.
 */

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

const MINUTE = 60_000;

async function radar(token: string, wardId = 'ward-7b') {
  return server.api('GET', `/wards/${wardId}/radar`, { token });
}
const flagsOf = (body: WardRadar, pattern: RadarFlag['pattern']) => body.flags.filter((f) => f.pattern === pattern);

describe('GET /api/wards/:id/radar', () => {
  it('flags a tray scanned before the band, a band away from its bed, copied bands and a keyed product, each with its events', async () => {
    const nurse = handheld(server, await server.signIn('demo-nurse'), 'handheld-radar');
    // A tray at the trolley: two of Agnes's packs with nobody identified, then her band 20 minutes later.
    const tray = [(await nurse.scan(barcode('pack-paracetamol'))).body.eventId, (await nurse.scan(barcode('pack-amlodipine'))).body.eventId];
    server.clock.advance(20 * MINUTE);
    const agnesBand = (await nurse.scan(barcode('wristband-agnes-morrow'))).body.eventId;
    // Her band, then Bed 4's location.
    const bed4 = (await nurse.scan(barcode('bed-7b-bed-4'))).body.eventId;
    // Her paracetamol typed in three times.
    const keyed = [];
    for (let i = 0; i < 3; i++) keyed.push((await nurse.scan(barcode('pack-paracetamol'), 'keyboard')).body.eventId);
    // Three patients' bands within seconds.
    server.clock.advance(10 * MINUTE);
    const sheet = [];
    for (const band of ['wristband-bernard-quill', 'wristband-clara-fenwick', 'wristband-edith-pryce']) {
      sheet.push((await nurse.scan(barcode(band))).body.eventId);
      server.clock.advance(5000);
    }
    server.clock.advance(MINUTE);

    const res = await radar(await server.signIn('demo-manager'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as WardRadar;
    expect(body).toMatchObject({ wardId: 'ward-7b', timeZone: 'Europe/London', settings: { copiedBandsPatients: 3 } });
    expect(body.flags.map((f) => f.pattern)).toEqual(['band-away-from-bed', 'copied-bands', 'pre-scanned-tray', 'keyed-product']);

    const [trayFlag] = flagsOf(body, 'pre-scanned-tray');
    expect(trayFlag).toMatchObject({ patient: { id: AGNES, name: 'Agnes MORROW', nhsNumber: '9990010137' }, nurse: { id: 'staff-demo-nurse', name: 'Nina Demo (nurse)' }, deviceId: 'handheld-radar' });
    expect(trayFlag?.evidence.map((e) => e.eventId)).toEqual([...tray, agnesBand]);
    expect(trayFlag?.evidence[0]?.detail).toMatch(/20 min before Agnes MORROW's band \(scanned with nobody identified\)$/);

    const [away] = flagsOf(body, 'band-away-from-bed');
    expect(away?.evidence.map((e) => [e.eventId, e.what, e.bedLabel])).toEqual([
      [agnesBand, 'wristband', 'Bed 1'],
      [bed4, 'location', 'Bed 4'],
    ]);

    const [keyedFlag] = flagsOf(body, 'keyed-product');
    expect(keyedFlag?.evidence.map((e) => e.eventId)).toEqual(keyed);
    expect(keyedFlag?.title).toMatch(/typed in instead of scanned 3 times by Nina Demo \(nurse\)$/);

    const [copied] = flagsOf(body, 'copied-bands');
    expect(copied?.evidence.map((e) => [e.eventId, e.patient?.name])).toEqual([
      [sheet[0], 'Bernard QUILL'],
      [sheet[1], 'Clara FENWICK'],
      [sheet[2], 'Edith PRYCE'],
    ]);
    // Each flag's events are in the log, by event id.
    const log = await server.api('GET', `/audit?eventId=${copied?.evidence[0]?.eventId}`, { token: await server.signIn('demo-manager') });
    expect(log.body.entries).toHaveLength(1);

    // A period before any of it raises nothing.
    const earlier = await server.api('GET', '/wards/ward-7b/radar?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z', { token: await server.signIn('demo-admin') });
    expect(earlier.body.flags).toEqual([]);
  });

  it("follows the ward's own thresholds, which its manager sets (audited) and no other ward's can", async () => {
    const nurse = handheld(server, await server.signIn('demo-nurse'));
    for (const band of ['wristband-agnes-morrow', 'wristband-bernard-quill', 'wristband-clara-fenwick']) await nurse.scan(barcode(band));
    server.clock.advance(MINUTE);
    const manager = await server.signIn('demo-manager');
    expect(flagsOf((await radar(manager)).body, 'copied-bands')).toHaveLength(1);

    const put = await server.api('PUT', '/wards/ward-7b/radar-settings', { token: manager, body: { copiedBandsPatients: 4 } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ wardId: 'ward-7b', own: { copiedBandsPatients: 4 }, settings: { copiedBandsPatients: 4, copiedBandsSeconds: 60 }, defaults: { copiedBandsPatients: 3 } });
    expect(flagsOf((await radar(manager)).body, 'copied-bands')).toHaveLength(0);
    expect((await server.api('GET', '/wards/ward-7b/radar-settings', { token: manager })).body.own).toEqual({ copiedBandsPatients: 4 });
    const audit = await server.api('GET', '/audit?type=ward-settings', { token: manager });
    expect(audit.body.entries[0]).toMatchObject({ summary: 'Workaround radar thresholds changed', detail: { radar: { copiedBandsPatients: 4 } }, userId: 'staff-demo-manager' });

    // Refused, each naming the field in words the settings form shows beside it: a maximum under
    // the default minimum, out of range, not whole, and an unknown field.
    const refusals: [object, string | undefined, RegExp][] = [
      [{ preScanMaxMinutes: 5 }, 'preScanMaxMinutes', /^Must be more than the minutes before the band from which a pack counts as pre-scanned\.$/],
      [{ preScanMinutes: 30, preScanMaxMinutes: 20 }, 'preScanMaxMinutes', /^preScanMaxMinutes: Must be more than the minutes before the band/],
      [{ copiedBandsPatients: 1 }, 'copiedBandsPatients', /^copiedBandsPatients: At least 2\.$/],
      [{ copiedBandsSeconds: 3601 }, 'copiedBandsSeconds', /^copiedBandsSeconds: At most 3600\.$/],
      [{ bandReuseScans: 2.5 }, 'bandReuseScans', /^bandReuseScans: Enter a whole number\.$/],
      [{ copiedBands: 4 }, undefined, /copiedBands/],
    ];
    for (const [body, field, message] of refusals) {
      const refused = await server.api('PUT', '/wards/ward-7b/radar-settings', { token: manager, body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.field, JSON.stringify(body)).toBe(field);
      expect(refused.body.error.message).toMatch(message);
    }
    // A factor need not be whole.
    expect((await server.api('PUT', '/wards/ward-7b/radar-settings', { token: manager, body: { copiedBandsPatients: 4, overrideRateFactor: 2.5 } })).status).toBe(200);
    // Another ward's manager and a nurse see neither the radar nor its thresholds.
    const other = await server.signIn('demo-manager-8a');
    expect((await radar(other)).status).toBe(403);
    expect((await server.api('PUT', '/wards/ward-7b/radar-settings', { token: other, body: { copiedBandsPatients: 3 } })).status).toBe(403);
    expect((await radar(await server.signIn('demo-nurse'))).status).toBe(403);
    expect((await radar(manager, 'ward-none')).status).toBe(404);
    expect((await server.api('GET', '/wards/ward-7b/radar?from=2026-01-01T00:00:00Z&to=2026-11-24T00:00:00Z', { token: manager })).status).toBe(400);
  });
});
