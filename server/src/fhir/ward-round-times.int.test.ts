import type { Bundle, Timing } from '@medplum/fhirtypes';
import { DEFAULT_ROUND_TIMES, patientChartSchema, wardRoundTimesSchema } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, MORNING, startTestServer, type TestServer } from '../test/harness.js';
import { DESMOND, fhir, oralGram, paracetamolOrder, transactionOf } from './test/support.js';

/*
 * Issue 13: an order given as a count a day (TDS), an interval (every 6 h) or
 * a time of day (MORN, HS) without clock times is charted at its patient's
 * ward's standard administration times, which the ward's manager sets.
 */

let server: TestServer;
let admin: string;
let manager: string;
let nurse: string;
beforeEach(async () => {
  server = await startTestServer({}, '2026-11-23T12:00:00.000Z');
  // The ward has recorded on Wardscan since yesterday, so today's doses before 08:00 are charted (as missed): the chart shows none from before a ward's first record.
  await handheld(server, await server.signIn('demo-nurse')).scan(barcode('wristband-clara-fenwick'));
  server.clock.set(MORNING);
  admin = await server.signIn('demo-admin');
  manager = await server.signIn('demo-manager');
  nurse = await server.signIn('demo-nurse');
});
afterEach(async () => server.close());

/** The UK Core oral paracetamol example as an active order for Desmond (Ward 7B), started at midnight, with this timing. */
const order = (value: string, timing: Timing): Bundle =>
  transactionOf(paracetamolOrder(value, (r) => (r.dosageInstruction = [oralGram(timing)]), '2026-11-24T00:00:00Z'));

/** Imports the order over HTTP and answers the ward clock times it has on today's chart (Ward 7B is on UK time: GMT in November). */
async function chartedAt(value: string, timing: Timing): Promise<string[]> {
  const res = await fhir(server, 'POST', '', { token: admin, body: order(value, timing) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.entry[0].response.outcome).toBeUndefined();
  const id = res.body.entry[0].response.location.replace('MedicationRequest/', '');
  const chart = await server.api('GET', `/patients/${DESMOND.id}/chart`, { token: nurse });
  expect(chart.status).toBe(200);
  return patientChartSchema
    .parse(chart.body)
    .slots.filter((s) => s.prescriptionId === id && s.slotAt.startsWith('2026-11-24'))
    .map((s) => s.slotAt.slice(11, 16));
}

const V3 = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';

describe("a ward's standard administration times", () => {
  it("are the trust defaults until the ward's manager sets TDS to 07:00, 13:00, 19:00; a TID order then charts at those times", async () => {
    const before = await server.api('GET', '/wards/ward-7b/round-times', { token: nurse });
    expect(wardRoundTimesSchema.parse(before.body)).toEqual({ wardId: 'ward-7b', own: false, times: DEFAULT_ROUND_TIMES });
    expect(await chartedAt('tid-before', { code: { coding: [{ system: V3, code: 'TID' }] } })).toEqual(['08:00', '14:00', '22:00']);

    const set = await server.api('PUT', '/wards/ward-7b/round-times', { token: manager, body: { perDay: { '3': ['19:00', '07:00', '13:00'] } } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const after = wardRoundTimesSchema.parse(set.body);
    expect(after.own).toBe(true);
    // Only the part given changes.
    expect(after.times).toEqual({ ...DEFAULT_ROUND_TIMES, perDay: { ...DEFAULT_ROUND_TIMES.perDay, '3': ['07:00', '13:00', '19:00'] } });
    const audit = server.wardscan.repos.db.prepare("SELECT summary, ward_id AS wardId FROM audit_log WHERE type = 'ward-settings' ORDER BY rowid DESC LIMIT 1").get();
    expect(audit).toEqual({ summary: 'Standard administration times changed', wardId: 'ward-7b' });

    expect(await chartedAt('tid-after', { code: { coding: [{ system: V3, code: 'TID' }] } })).toEqual(['07:00', '13:00', '19:00']);
    // The order's own times still win.
    expect(await chartedAt('tid-own-times', { code: { coding: [{ system: V3, code: 'TID' }] }, repeat: { timeOfDay: ['09:00:00', '15:00:00', '21:00:00'] } })).toEqual(['09:00', '15:00', '21:00']);

    const reset = await server.api('PUT', '/wards/ward-7b/round-times', { token: manager, body: { reset: true } });
    expect(wardRoundTimesSchema.parse(reset.body)).toEqual({ wardId: 'ward-7b', own: false, times: DEFAULT_ROUND_TIMES });
  });

  it('space every 6 hours evenly by default, unlike four times a day', async () => {
    expect(await chartedAt('q6h', { repeat: { frequency: 1, period: 6, periodUnit: 'h' } })).toEqual(['00:00', '06:00', '12:00', '18:00']);
    expect(await chartedAt('qds', { code: { coding: [{ code: 'QDS' }] } })).toEqual(['08:00', '12:00', '18:00', '22:00']);
    expect(await chartedAt('q8h', { code: { coding: [{ system: V3, code: 'Q8H' }] } })).toEqual(['06:00', '14:00', '22:00']);
  });

  it('place timing.when: MORN and HS, and before breakfast as the ward sets it', async () => {
    expect(await chartedAt('morn-hs', { repeat: { frequency: 2, period: 1, periodUnit: 'd', when: ['MORN', 'HS'] } })).toEqual(['08:00', '22:00']);
    expect((await server.api('PUT', '/wards/ward-7b/round-times', { token: manager, body: { when: { ACM: '06:30' } } })).status).toBe(200);
    expect(await chartedAt('acm', { repeat: { when: ['ACM'] } })).toEqual(['06:30']);
  });

  it('refuse times that are not evenly spaced for an interval, or the wrong count, and are set only by that ward\'s manager or an admin', async () => {
    const uneven = await server.api('PUT', '/wards/ward-7b/round-times', { token: manager, body: { everyHours: { '6': ['08:00', '12:00', '18:00', '22:00'] } } });
    expect(uneven.status).toBe(400);
    expect(JSON.stringify(uneven.body)).toMatch(/exactly 6 hours apart/);
    const short = await server.api('PUT', '/wards/ward-7b/round-times', { token: manager, body: { perDay: { '2': ['08:00'] } } });
    expect(short.status).toBe(400);
    expect((await server.api('PUT', '/wards/ward-7b/round-times', { token: manager, body: {} })).status).toBe(400);
    const otherManager = await server.signIn('demo-manager-8a');
    expect((await server.api('PUT', '/wards/ward-7b/round-times', { token: otherManager, body: { when: { HS: '21:00' } } })).status).toBe(403);
    expect((await server.api('PUT', '/wards/ward-7b/round-times', { token: nurse, body: { when: { HS: '21:00' } } })).status).toBe(403);
    const byAdmin = await server.api('PUT', '/wards/ward-7b/round-times', { token: admin, body: { everyHours: { '12': ['21:00', '09:00'] } } });
    expect(wardRoundTimesSchema.parse(byAdmin.body).times.everyHours['12']).toEqual(['09:00', '21:00']);
    // Nothing the refused requests sent was kept.
    expect(wardRoundTimesSchema.parse(byAdmin.body).times.when.HS).toBe('22:00');
  });
});
