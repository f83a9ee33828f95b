import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode, EDITH } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, type TestServer } from '../test/harness.js';

/*
 * Issue 12: the three ways the screen could show, or check against, the
 * wrong patient, and replay with the capture time. The handheld's side is in
 * shared/src/bedside/positive-id.ts and the e2e tests.
 */
let server: TestServer;
let nurse: ReturnType<typeof handheld>;
const MINUTE = 60_000;

beforeEach(async () => {
  server = await startTestServer();
  nurse = handheld(server, await server.signIn('demo-nurse'));
});
afterEach(async () => server.close());

describe('a wristband that does not identify a patient ends the positive ID', () => {
  it('a band with a bad check digit ends Edith’s identification, so the next pack is checked against nobody', async () => {
    expect((await nurse.scan(barcode('wristband-edith-pryce'))).body.patient.id).toBe(EDITH);
    const bad = (await nurse.scan(barcode('wristband-bad-check-digit'))).body;
    expect(bad.verdict.outcome).toBe('stop');
    expect(bad.verdict.title).toMatch(/wristband did not read correctly.*replace the wristband/);
    // Plain words first, said once; the GS1 reason comes last as the detail (issue 12).
    expect(bad.verdict.title).toMatch(
      /^Stop: This wristband did not read correctly, so nobody is identified: scan it again, and if it still fails, reprint or replace the wristband\. Detail: \(8018\) GSRN - RECIPIENT has a wrong check digit: \d{18}\.$/,
    );
    expect(bad.patient).toBeNull();
    const pack = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect(pack.verdict.outcome).toBe('stop');
    expect(ruleOutcome(pack, 'patient-not-identified')).toBe('stop');
    expect(pack.patient).toBeNull();
  });

  it('a band read by a scanner that sent no GS ends it too, and says to set up the scanner rather than replace the band (issue 14)', async () => {
    expect((await nurse.scan(barcode('wristband-edith-pryce'))).body.patient.id).toBe(EDITH);
    // A DCB1077 band with Edith's GSRN and her hospital number, as a keyboard-wedge scanner that drops GS sends it: the GSRN runs straight into (91).
    const withoutGs = `]d2${barcode('wristband-edith-pryce')}91RXX/MRN0012345`;
    const band = (await nurse.scan(withoutGs)).body;
    expect(band.verdict.outcome).toBe('stop');
    // Its own rule: the ward's stops by rule show which scanners need setting up.
    expect(band.verdict.checks.map((c: { rule: string }) => c.rule)).toEqual(['scanner-sent-no-gs']);
    expect(band.verdict.title).toMatch(/^Stop: The scanner left out the separators \(GS\) in this wristband, so nobody is identified\./);
    expect(band.verdict.title).toMatch(/Set up scanner/);
    expect(band.verdict.title).not.toMatch(/reprint or replace the wristband/);
    expect(band.verdict.title).toMatch(/Detail: \(8018\) .* no group separator \(GS\) was sent/);
    expect(band.patient).toBeNull();
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol'))).body, 'patient-not-identified')).toBe('stop');
  });

  it('a garbled pack does not end it', async () => {
    await nurse.scan(barcode('wristband-edith-pryce'));
    const garbled = (await nurse.scan(']d20105099999000014')).body;
    expect(garbled.verdict.outcome).toBe('stop');
    expect(garbled.patient?.id).toBe(EDITH);
  });

  it('a pack scanned before any wristband says so (not "wrong patient")', async () => {
    const pack = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect(pack.verdict.checks.map((c: { rule: string }) => c.rule)).toEqual(['patient-not-identified']);
    expect(pack.verdict.title).toMatch(/Scan the patient's wristband first/);
  });
});

describe('a pack is checked only against the band it was scanned after', () => {
  it('a pack bound to Edith’s band is not checked against Irene once Irene’s band arrived first', async () => {
    const edith = (await nurse.scan(barcode('wristband-edith-pryce'))).body;
    await nurse.scan(barcode('wristband-irene-wolsey'));
    const pack = (await nurse.scanWith(barcode('pack-paracetamol'), { identificationEventId: edith.eventId })).body;
    expect(ruleOutcome(pack, 'patient-not-identified')).toBe('stop');
    expect(pack.verdict.title).toMatch(/earlier wristband scan/);
    expect(pack.patient).toBeNull();
  });

  it('a pack the handheld scanned with no identification is checked against nobody, even if the server has one', async () => {
    await nurse.scan(barcode('wristband-edith-pryce'));
    const pack = (await nurse.scanWith(barcode('pack-paracetamol'), { identificationEventId: null })).body;
    expect(ruleOutcome(pack, 'patient-not-identified')).toBe('stop');
  });

  it('a pack bound to the current band is checked as usual', async () => {
    const edith = (await nurse.scan(barcode('wristband-edith-pryce'))).body;
    const pack = (await nurse.scanWith(barcode('pack-paracetamol'), { identificationEventId: edith.eventId })).body;
    expect(pack.verdict.prescriptionId).toBe('rx-15');
    expect(ruleOutcome(pack, 'right-patient')).toBe('pass');
  });
});

describe('replay with the capture time', () => {
  it('a band read offline 40 minutes ago does not open a fresh positive ID when replayed', async () => {
    const band = (await nurse.scanWith(barcode('wristband-edith-pryce'), { heldForMs: 40 * MINUTE })).body;
    expect(band.patient.id).toBe(EDITH);
    // The pack read a minute after it, also replayed now: judged then, it belongs to the band.
    const replayedPack = (await nurse.scanWith(barcode('pack-paracetamol'), { heldForMs: 39 * MINUTE, identificationEventId: band.eventId })).body;
    expect(ruleOutcome(replayedPack, 'right-patient')).toBe('pass');
    // A pack read now: the identification went idle 39 minutes ago.
    const now = (await nurse.scanWith(barcode('pack-paracetamol'), { identificationEventId: band.eventId })).body;
    expect(ruleOutcome(now, 'patient-not-identified')).toBe('stop');
    expect(now.verdict.title).toMatch(/ended after 5 idle minutes/);
    const stored = server.wardscan.repos.scans.get(band.eventId)!;
    expect(new Date(stored.recordedAt).getTime() - new Date(stored.capturedAt).getTime()).toBe(40 * MINUTE);
  });

  it('judges the dose time at capture: a dose read offline at 08:05 and replayed at 09:30 is on time', async () => {
    server.clock.set('2026-11-24T09:30:00.000Z');
    const band = (await nurse.scanWith(barcode('wristband-edith-pryce'), { heldForMs: 86 * MINUTE })).body;
    const pack = (await nurse.scanWith(barcode('pack-paracetamol'), { heldForMs: 85 * MINUTE, identificationEventId: band.eventId })).body;
    expect(ruleOutcome(pack, 'right-time')).toBe('pass');
  });

  it('records a confirmation that arrives late with its original time, flagged documented late', async () => {
    const band = (await nurse.scan(barcode('wristband-edith-pryce'))).body;
    const pack = (await nurse.scanWith(barcode('pack-paracetamol'), { identificationEventId: band.eventId })).body;
    server.clock.advance(MINUTE);
    // Confirmed at 08:01, lost on the network, replayed at 08:10 (after the 5-minute positive ID).
    server.clock.advance(9 * MINUTE);
    const res = await nurse.administerWith(pack.eventId, 'rx-15', { heldForMs: 9 * MINUTE });
    expect(res.status).toBe(201);
    expect(res.body.administration).toMatchObject({ givenAt: '2026-11-24T08:01:00.000Z', documentedAt: '2026-11-24T08:10:00.000Z', documentedLate: true });
    // The next nurse gets the duplicate stop.
    const colleague = handheld(server, await server.signIn('demo-nurse-2'));
    await colleague.scan(barcode('wristband-edith-pryce'));
    expect(ruleOutcome((await colleague.scan(barcode('pack-paracetamol'))).body, 'duplicate')).toBe('stop');
  });

  it('a confirmation sent at once is not late', async () => {
    await nurse.scan(barcode('wristband-edith-pryce'));
    const pack = (await nurse.scan(barcode('pack-paracetamol'))).body;
    const res = await nurse.administerWith(pack.eventId, 'rx-15', {});
    expect(res.body.administration.documentedLate).toBe(false);
  });

  it('records a late confirmation even when the dose was given meanwhile, and alerts the ward manager', async () => {
    const band = (await nurse.scan(barcode('wristband-edith-pryce'))).body;
    const pack = (await nurse.scanWith(barcode('pack-paracetamol'), { identificationEventId: band.eventId })).body;
    server.clock.advance(2 * MINUTE);
    const colleague = handheld(server, await server.signIn('demo-nurse-2'));
    await colleague.scan(barcode('wristband-edith-pryce'));
    const theirs = (await colleague.scan(barcode('pack-paracetamol'))).body;
    expect((await colleague.administer(theirs.eventId, 'rx-15')).status).toBe(201);
    server.clock.advance(10 * MINUTE);
    const manager = await server.socket(await server.signIn('demo-manager'));
    const alert = new Promise<{ message: string }>((resolve) => manager.on('ward:alert', resolve));
    const late = await nurse.administerWith(pack.eventId, 'rx-15', { heldForMs: 11 * MINUTE });
    expect(late.status).toBe(201);
    expect(late.body.administration.documentedLate).toBe(true);
    expect((await alert).message).toMatch(/Documented late.*double dose/);
  });
});
