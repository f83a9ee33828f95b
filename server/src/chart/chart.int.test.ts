import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChartSlot, PatientChart, WardChangedEvent, WardRound } from '@wardscan/shared';
import { AGNES, barcode, CLARA } from '../test/fixtures.js';
import { createFhirRepository } from '../fhir/repository.js';
import { handheld, startTestServer, uuid, type TestServer } from '../test/harness.js';

/* Issue 12: the chart a nurse works from, doses not given, PRN history and reviews, and the ward round. */
let server: TestServer;
let token: string;
let nurse: ReturnType<typeof handheld>;
const MINUTE = 60_000;

/** The ward starts recording on Wardscan at `at`: its first record is a wristband scanned then (compliance's cut-off, and the chart's for missed doses). */
async function firstRecordAt(at: string): Promise<void> {
  const now = server.clock.now().toISOString();
  server.clock.set(at);
  await handheld(server, await server.signIn('demo-nurse')).scan(barcode('wristband-clara-fenwick'));
  server.clock.set(now);
}

beforeEach(async () => {
  server = await startTestServer({}, '2026-11-24T07:30:00.000Z');
  await firstRecordAt('2026-11-23T09:00:00.000Z');
  token = await server.signIn('demo-nurse');
  nurse = handheld(server, token);
});
afterEach(async () => server.close());

const chartOf = async (patientId: string): Promise<PatientChart> => (await server.api('GET', `/patients/${patientId}/chart`, { token })).body as PatientChart;
const slot = (chart: PatientChart, rx: string, iso: string): ChartSlot | undefined => chart.slots.find((s) => s.prescriptionId === rx && s.slotAt === iso);
const notGiven = (body: Record<string, unknown>) =>
  server.api('POST', '/not-given', { token, body: { deviceId: nurse.deviceId, eventId: uuid(), ...body } });
const round = async (): Promise<WardRound> => (await server.api('GET', '/wards/ward-7b/round', { token })).body as WardRound;

describe('the chart', () => {
  it('keeps last night’s missed 22:00 dose on the chart at 07:30, when 08:00 is nearer, until it is documented', async () => {
    const chart = await chartOf(AGNES);
    expect(slot(chart, 'rx-1', '2026-11-23T22:00:00.000Z')?.status).toBe('missed');
    expect(slot(chart, 'rx-1', '2026-11-24T08:00:00.000Z')?.status).toBe('due');
    expect(slot(chart, 'rx-1', '2026-11-24T12:00:00.000Z')?.status).toBe('later');
    const before = (await round()).beds.find((b) => b.patient?.id === AGNES)!.patient!;

    const res = await notGiven({ prescriptionId: 'rx-1', slotAt: '2026-11-23T22:00:00.000Z', reason: 'patient-refused' });
    expect(res.status).toBe(201);
    // Documented, yesterday's dose is history: off today's chart.
    expect(slot(await chartOf(AGNES), 'rx-1', '2026-11-23T22:00:00.000Z')).toBeUndefined();
    expect((await notGiven({ prescriptionId: 'rx-1', slotAt: '2026-11-24T08:00:00.000Z', reason: 'nil-by-mouth' })).status).toBe(201);
    expect(slot(await chartOf(AGNES), 'rx-1', '2026-11-24T08:00:00.000Z')).toMatchObject({ status: 'not-given', notGiven: { reason: 'nil-by-mouth', byName: expect.any(String) } });
    expect((await round()).beds.find((b) => b.patient?.id === AGNES)!.patient!.missed).toBe(before.missed - 1);
    const audit = server.wardscan.repos.db.prepare("SELECT summary FROM audit_log WHERE type = 'not-given'").pluck().all() as string[];
    expect(audit[0]).toMatch(/Not given \(Patient refused\): Paracetamol/);
  });

  it('keeps a dose missed five days ago on the chart and the round until it is documented not given', async () => {
    await firstRecordAt('2026-11-19T06:00:00.000Z');
    const missed = '2026-11-19T08:00:00.000Z';
    expect(slot(await chartOf(AGNES), 'rx-1', missed)?.status).toBe('missed');
    const before = (await round()).beds.find((b) => b.patient?.id === AGNES)!.patient!;

    expect((await notGiven({ prescriptionId: 'rx-1', slotAt: missed, reason: 'drug-unavailable' })).status).toBe(201);
    expect(slot(await chartOf(AGNES), 'rx-1', missed)).toBeUndefined();
    expect((await round()).beds.find((b) => b.patient?.id === AGNES)!.patient!.missed).toBe(before.missed - 1);
  });

  it('shows a missed dose until it is documented, back to the ward’s first record and always the last two days', async () => {
    // beforeEach: first record 23 Nov 09:00, now 24 Nov 07:30. Within the last two days every undocumented dose is missed.
    const chart = await chartOf(AGNES);
    expect(slot(chart, 'rx-1', '2026-11-23T08:00:00.000Z')?.status).toBe('missed');
    expect(slot(chart, 'rx-1', '2026-11-23T22:00:00.000Z')?.status).toBe('missed');

    // Five days on, nothing documented: the doses since the first record stay; 22 Nov, before it and over two days ago, never shows.
    server.clock.set('2026-11-29T07:30:00.000Z');
    token = await server.signIn('demo-nurse'); // a new shift
    const later = await chartOf(AGNES);
    expect(slot(later, 'rx-1', '2026-11-23T22:00:00.000Z')?.status).toBe('missed');
    expect(later.slots.some((s) => s.slotAt.startsWith('2026-11-22'))).toBe(false);
    expect(slot(later, 'rx-1', '2026-11-23T08:00:00.000Z')).toBeUndefined();
    expect((await notGiven({ prescriptionId: 'rx-1', slotAt: '2026-11-23T08:00:00.000Z', reason: 'patient-refused' })).status).toBe(400);

    // A ward that has recorded nothing yet (a first day, a fresh demo) still shows the last two days' missed doses.
    const fresh = await startTestServer({}, '2026-11-24T07:30:00.000Z');
    try {
      const res = await fresh.api('GET', `/patients/${AGNES}/chart`, { token: await fresh.signIn('demo-nurse') });
      const chartOfFresh = res.body as PatientChart;
      expect(slot(chartOfFresh, 'rx-1', '2026-11-23T22:00:00.000Z')?.status).toBe('missed');
      expect(slot(chartOfFresh, 'rx-1', '2026-11-24T08:00:00.000Z')?.status).toBe('due');
    } finally {
      await fresh.close();
    }
  });

  it('shows a dose given today as given, with who gave it', async () => {
    server.clock.set('2026-11-24T08:00:00.000Z');
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const pack = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect((await nurse.administer(pack.eventId, 'rx-1')).status).toBe(201);
    expect(slot(await chartOf(AGNES), 'rx-1', '2026-11-24T08:00:00.000Z')).toMatchObject({ status: 'given', given: { at: '2026-11-24T08:00:00.000Z', documentedLate: false } });
  });

  it('names who witnessed a given dose, and says no witness for one given without', async () => {
    // Clara's morphine as a regular 08:00 dose, changed through the FHIR import's own write: a high-alert dose needs a witness.
    const store = createFhirRepository(server.wardscan.repos.db);
    store.upsertPrescription({ ...store.prescription('rx-7')!, schedule: JSON.stringify({ kind: 'regular', times: ['08:00'] }) }, server.clock.now().toISOString());
    server.clock.set('2026-11-24T08:00:00.000Z');
    await nurse.scan(barcode('wristband-clara-fenwick'));
    const morphine = (await nurse.scan(barcode('pack-morphine'))).body;
    expect(morphine.verdict.witness).toBe('required');
    expect((await nurse.witness(morphine.eventId, barcode('badge-demo-nurse-2'), '246810')).status).toBe(200);
    expect((await nurse.administer(morphine.eventId, 'rx-7')).status).toBe(201);
    const paracetamol = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect((await nurse.administer(paracetamol.eventId, 'rx-9')).status).toBe(201);

    const chart = await chartOf(CLARA);
    const witnessName = server.wardscan.repos.staff.byId('staff-demo-nurse-2')!.name;
    const giverName = server.wardscan.repos.staff.byId('staff-demo-nurse')!.name;
    expect(slot(chart, 'rx-7', '2026-11-24T08:00:00.000Z')?.given).toMatchObject({ byName: giverName, witnessedByName: witnessName });
    expect(slot(chart, 'rx-9', '2026-11-24T08:00:00.000Z')?.given).toMatchObject({ byName: giverName, witnessedByName: null });
  });

  it('refuses what cannot be documented: no such dose, one already documented, "other" without words', async () => {
    expect((await notGiven({ prescriptionId: 'rx-1', slotAt: '2026-11-24T09:00:00.000Z', reason: 'nil-by-mouth' })).status).toBe(400);
    expect((await notGiven({ prescriptionId: 'rx-1', slotAt: '2026-11-24T08:00:00.000Z', reason: 'other' })).body.error.field).toBe('note');
    expect((await notGiven({ prescriptionId: 'rx-1', slotAt: '2026-11-24T08:00:00.000Z', reason: 'nil-by-mouth' })).status).toBe(201);
    expect((await notGiven({ prescriptionId: 'rx-1', slotAt: '2026-11-24T08:00:00.000Z', reason: 'patient-away' })).status).toBe(409);
  });

  it('a retried not-given with the same event id is recorded once', async () => {
    const eventId = uuid();
    const body = { deviceId: nurse.deviceId, eventId, prescriptionId: 'rx-2', slotAt: '2026-11-24T08:00:00.000Z', reason: 'drug-unavailable' };
    expect((await server.api('POST', '/not-given', { token, body })).status).toBe(201);
    const again = await server.api('POST', '/not-given', { token, body });
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(server.wardscan.repos.db.prepare('SELECT count(*) FROM dose_omissions').pluck().get()).toBe(1);
  });
});

describe('as-needed doses', () => {
  it('shows last given, next allowed, the 24-hour total against the maximum, and a review until its effect is recorded', async () => {
    server.clock.set('2026-11-24T08:00:00.000Z');
    await nurse.scan(barcode('wristband-clara-fenwick'));
    const pack = (await nurse.scan(barcode('pack-morphine'))).body;
    expect((await nurse.witness(pack.eventId, barcode('badge-demo-nurse-2'), '246810')).status).toBe(200);
    const given = await nurse.administerWith(pack.eventId, 'rx-7', { indication: 'pain 8/10' });
    expect(given.status).toBe(201);

    server.clock.set('2026-11-24T08:20:00.000Z');
    const line = (await chartOf(CLARA)).prn.find((l) => l.prescriptionId === 'rx-7')!;
    expect(line).toMatchObject({ lastGivenAt: '2026-11-24T08:00:00.000Z', nextAllowedAt: '2026-11-24T12:00:00.000Z', given24h: '5', max24h: '30' });
    // By injection: reviewed 30 minutes after.
    expect(line.reviewsDue).toEqual([{ administrationId: given.body.administration.id, givenAt: '2026-11-24T08:00:00.000Z', reviewAt: '2026-11-24T08:30:00.000Z', indication: 'pain 8/10' }]);
    const clara = async () => (await round()).beds.find((b) => b.patient?.id === CLARA)!.patient!;
    expect((await clara()).reviewsDue).toBe(0);
    server.clock.advance(15 * MINUTE);
    expect((await clara()).reviewsDue).toBe(1);

    const effect = await server.api('POST', `/administrations/${given.body.administration.id}/effect`, { token, body: { eventId: uuid(), effect: 'effective', note: 'pain 3/10' } });
    expect(effect.status).toBe(201);
    expect((await clara()).reviewsDue).toBe(0);
    expect((await chartOf(CLARA)).prn.find((l) => l.prescriptionId === 'rx-7')!.reviewsDue).toEqual([]);
  });
});

describe('the ward round', () => {
  it('lists every bed of the ward with what its patient needs, and tells the other handhelds when a chart changes', async () => {
    const view = await round();
    expect(view.wardId).toBe('ward-7b');
    // The handheld shows the round's and the chart's times on the ward's clock, not its own.
    expect(view.timeZone).toBe('Europe/London');
    expect((await chartOf(AGNES)).timeZone).toBe('Europe/London');
    expect(view.beds.length).toBeGreaterThan(5);
    expect(view.beds.find((b) => b.patient?.id === AGNES)!.patient).toMatchObject({ familyName: 'Morrow', dueNow: 3, prn: 0 });

    const colleague = await server.socket(await server.signIn('demo-nurse-2'));
    const heard = new Promise<WardChangedEvent>((resolve) => colleague.on('ward:changed', resolve));
    await notGiven({ prescriptionId: 'rx-2', slotAt: '2026-11-24T08:00:00.000Z', reason: 'withheld-clinical', note: 'BP 88/50' });
    expect(await heard).toMatchObject({ wardId: 'ward-7b', patientIds: [AGNES] });
  });

  it('is not another ward’s nurse’s to read', async () => {
    const other = await server.signIn('demo-nurse-8a');
    expect((await server.api('GET', '/wards/ward-7b/round', { token: other })).status).toBe(403);
    expect((await server.api('GET', `/patients/${AGNES}/chart`, { token: other })).status).toBe(403);
  });
});
