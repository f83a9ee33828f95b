import type { AdministrationResponse, ApiErrorBody, ScanResponse, WardAlert } from '@wardscan/shared';
import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { startTestServer, uuid, type ClientSocket, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

const scan = (s: ClientSocket, deviceId: string, raw: string, eventId = uuid()) =>
  s.timeout(5000).emitWithAck('scan', { deviceId, eventId, raw, source: 'camera' }) as Promise<ScanResponse | ApiErrorBody>;

/** Collects alerts a socket receives. */
function alertsOf(s: ClientSocket): WardAlert[] {
  const got: WardAlert[] = [];
  s.on('ward:alert', (a) => got.push(a));
  return got;
}

describe('socket.io bedside flow', () => {
  it('checks scans and records doses over the socket with the REST semantics', async () => {
    const nurse = await server.socket(await server.signIn('demo-nurse'));
    const id = (await scan(nurse, 'dev-s1', barcode('wristband-agnes-morrow'))) as ScanResponse;
    expect(id.verdict.outcome).toBe('match');
    const pack = (await scan(nurse, 'dev-s1', barcode('pack-paracetamol'))) as ScanResponse;
    expect(pack.verdict.doseToGive?.text).toBe('2 tablets (1 g)');
    const given = (await nurse.timeout(5000).emitWithAck('administer', {
      deviceId: 'dev-s1', eventId: uuid(), productScanEventId: pack.eventId, prescriptionId: 'rx-1',
    })) as AdministrationResponse;
    expect(given.administration.doseText).toBe('2 tablets (1 g), oral');
  });

  it("tells the ward's managers of every stop, warning and override, and no one else", async () => {
    const manager = await server.socket(await server.signIn('demo-manager'));
    const otherManager = await server.socket(await server.signIn('demo-manager-8a'));
    const admin = await server.socket(await server.signIn('demo-admin'));
    const nurse = await server.socket(await server.signIn('demo-nurse'));
    const [mine, theirs, admins, nurses] = [alertsOf(manager), alertsOf(otherManager), alertsOf(admin), alertsOf(nurse)];

    await scan(nurse, 'dev-s2', barcode('wristband-bernard-quill'));
    const stop = (await scan(nurse, 'dev-s2', barcode('pack-amoxicillin'))) as ScanResponse;
    // Emitted in the same tick as the commit, before the ack: already here.
    expect(mine.map((a) => a.kind)).toEqual(['stop']);
    expect(mine[0]).toMatchObject({ eventId: stop.eventId, wardId: 'ward-7b', patientId: 'patient-bernard-quill', bedLabel: 'Bed 2' });
    expect(mine[0]?.rules).toContain('allergy');

    await scan(nurse, 'dev-s2', barcode('wristband-agnes-morrow'));
    const warn = (await scan(nurse, 'dev-s2', barcode('pack-amlodipine'))) as ScanResponse;
    await nurse.timeout(5000).emitWithAck('administer', {
      deviceId: 'dev-s2', eventId: uuid(), productScanEventId: warn.eventId, prescriptionId: 'rx-2', overrideReason: 'partial-tablet-prepared',
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(mine.map((a) => a.kind)).toEqual(['stop', 'warning', 'override']);
    expect(mine[2]?.overrideReason).toBe('partial-tablet-prepared');
    expect(admins).toHaveLength(3);
    expect(theirs).toHaveLength(0);
    expect(nurses).toHaveLength(0);
  });

  it('answers bad payloads with the error body and keeps serving', async () => {
    const nurse = await server.socket(await server.signIn('demo-nurse'));
    const bad = (await nurse.timeout(5000).emitWithAck('scan', { deviceId: 'x', eventId: 'nope', raw: 1, source: 'x' } as never)) as ApiErrorBody;
    expect(bad.error.code).toBe('VALIDATION');
    const junk = (await nurse.timeout(5000).emitWithAck('administer', 'junk' as never)) as ApiErrorBody;
    expect(junk.error.code).toBe('VALIDATION');
    nurse.emit('scan', { deviceId: 'x' } as never, undefined as never); // no ack function: ignored
    expect(await nurse.timeout(5000).emitWithAck('echo', { n: 1 })).toEqual({ n: 1 });
  });

  it('forbids scans from roles that do not scan, and ends with the session', async () => {
    const token = await server.signIn('demo-pharmacist');
    const pharmacist = await server.socket(token);
    const res = (await scan(pharmacist, 'dev-s3', barcode('wristband-agnes-morrow'))) as ApiErrorBody;
    expect(res.error.code).toBe('FORBIDDEN');
    // The session ending by expiry is refused at the next event.
    const nurse = await server.socket(await server.signIn('demo-nurse'));
    server.clock.advance(12 * 3600_000 + 1000);
    const after = (await scan(nurse, 'dev-s3', barcode('wristband-agnes-morrow'))) as ApiErrorBody;
    expect(after.error.code).toBe('UNAUTHENTICATED');
  });

  it("closes a ward manager's live feed at sign-out and at expiry: alerts name patients", async () => {
    const signedOutToken = await server.signIn('demo-manager');
    const signedOut = await server.socket(signedOutToken);
    const closedBySignOut = new Promise<string>((resolve) => signedOut.once('disconnect', resolve));
    await server.api('DELETE', '/sessions/current', { token: signedOutToken });
    expect(await closedBySignOut).toBe('io server disconnect');

    const expiring = await server.socket(await server.signIn('demo-manager'));
    const heard = alertsOf(expiring);
    const closedByExpiry = new Promise<string>((resolve) => expiring.once('disconnect', resolve));
    const nurse = await server.socket(await server.signIn('demo-nurse'));
    server.clock.advance(11 * 3600_000);
    // The nurse signs in again: her earlier session would expire with the manager's.
    const nurseLater = await server.socket(await server.signIn('demo-nurse'));
    await scan(nurseLater, 'dev-s4', barcode('wristband-bernard-quill'));
    await scan(nurseLater, 'dev-s4', barcode('pack-amoxicillin'));
    await new Promise((r) => setTimeout(r, 50));
    expect(heard.map((a) => a.kind)).toEqual(['stop']);
    server.clock.advance(3600_000 + 1000);
    await scan(nurseLater, 'dev-s4', barcode('pack-amoxicillin'));
    expect(await closedByExpiry).toBe('io server disconnect');
    expect(heard).toHaveLength(1);
    nurse.disconnect();
  });

  it('refuses a connection without a valid token', async () => {
    const s = connect(server.baseUrl, { auth: { token: 'forged' }, transports: ['websocket'], reconnection: false, forceNew: true });
    const err = await new Promise<Error & { data?: ApiErrorBody }>((resolve) => s.once('connect_error', resolve));
    s.disconnect();
    expect(err.data?.error.code).toBe('UNAUTHENTICATED');
  });
});
