import type { ComplianceBucket, ComplianceCounts, TrustCompliance, WardCompliance } from '@wardscan/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateR4 } from '../fhir/definitions.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { generateTrust, type DoseTruth, type Generated, type StopTruth } from './test/generate-trust.js';
import { captureTemplates } from './test/templates.js';

/*
 * Issue 15: compliance computed on a generated month of a 30-bed ward whose
 * every dose's fate the generator chose (and a second ward that one patient
 * moves to halfway through their stay). The report must equal the generator's
 * own tally exactly: per ward day, per shift and in all, including the doses
 * nobody ever scanned or documented.
 */

const WARD = 'ward-gen-a';
const OTHER = 'ward-gen-b';
const NOW = '2026-10-31T14:20:00.000Z'; // London is on GMT again: 14:20 on the ward, the 14:00 doses due now
const WINDOW = 60;
let server: TestServer;
let gen: Generated;
let admin: string;

beforeAll(async () => {
  server = await startTestServer({ doseWindowMinutes: WINDOW });
  const templates = await captureTemplates(server);
  server.clock.set(NOW);
  gen = generateTrust(server.wardscan.repos, {
    wards: [
      { id: WARD, name: 'Ward Gen A', beds: 30 },
      // A name a spreadsheet would run as a formula: the CSV must defuse it.
      { id: OTHER, name: '=HYPERLINK("http://x","Ward Gen B")', beds: 3 },
    ],
    timeZone: 'Europe/London',
    from: '2026-10-01',
    days: 31,
    now: new Date(NOW),
    windowMinutes: WINDOW,
    seed: 15,
    staffId: 'staff-demo-nurse',
    templates,
    ordersPerPatient: [2, 5],
    timesPerOrder: [1, 4],
    transfer: true,
  });
  // Generating blocks the event loop for seconds: let the client see the server close its idle keep-alive sockets.
  await new Promise((resolve) => setTimeout(resolve, 100));
  admin = await server.signIn('demo-admin');
  const created = await server.api('POST', '/staff', {
    token: admin,
    body: { username: 'gen-manager', name: 'Gen Manager', role: 'ward-manager', wardId: WARD, badgeGsrn: null, password: 'demo-password', pin: null },
  });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
}, 120_000);
afterAll(async () => server?.close());

const GIVEN = new Set(['scanned', 'override', 'manual-keyed', 'manual-nhs', 'keyed-product', 'late']);

/** The generator's truth, tallied here from its own labels (not by the code under test). */
function truth(doses: readonly DoseTruth[], stops: readonly StopTruth[]): ComplianceCounts {
  const given = doses.filter((d) => GIVEN.has(d.fate));
  const count = (pred: (d: DoseTruth) => boolean) => doses.filter(pred).length;
  const by = <T>(items: readonly T[], key: (x: T) => string | null) => {
    const out: Record<string, number> = {};
    for (const x of items) {
      const k = key(x);
      if (k !== null) out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };
  const minutes = given.filter((d) => !d.prn).map((d) => d.minutesFromDue as number).sort((a, b) => a - b);
  const rank = (p: number) => (minutes.length ? (minutes[Math.ceil(p * minutes.length) - 1] as number) : null);
  const manual = given.filter((d) => d.fate === 'manual-keyed' || d.fate === 'manual-nhs');
  return {
    due: doses.length,
    given: given.length,
    prnGiven: given.filter((d) => d.prn).length,
    givenBothScanned: given.filter((d) => ['scanned', 'override', 'late'].includes(d.fate)).length,
    patientScanned: given.length - manual.length,
    medicationScanned: given.filter((d) => d.fate !== 'keyed-product').length,
    manualIdentification: manual.length,
    manualIdentificationByMethod: by(manual, (d) => (d.fate === 'manual-keyed' ? 'keyed' : 'nhs-number-barcode')),
    keyedProduct: count((d) => d.fate === 'keyed-product'),
    documentedLate: count((d) => d.fate === 'late'),
    notGiven: count((d) => d.fate === 'not-given'),
    notGivenByReason: by(doses, (d) => d.reason),
    missed: count((d) => d.fate === 'missed'),
    open: count((d) => d.fate === 'open'),
    scheduledClosed: count((d) => !d.prn && d.fate !== 'open'),
    overrides: given.filter((d) => d.overridden).length,
    overridesByRule: by(given.flatMap((d) => d.overridden ?? []), (rule) => rule),
    stops: stops.length,
    stopsByRule: by(stops, (s) => s.rule),
    minutesFromDue: { count: minutes.length, median: rank(0.5), p90: rank(0.9) },
  };
}

/** The doses a ward's report counts: documented ones, and undocumented ones from the ward's first record. */
function ward(id: string, pred: (d: { date: string; shift: string; shiftDate: string }) => boolean = () => true) {
  const from = gen.recordsFrom.get(id) ?? Infinity;
  const doses = gen.doses.filter((d) => d.wardId === id && pred(d) && ((d.fate !== 'missed' && d.fate !== 'open') || d.dueAt >= from));
  return truth(doses, gen.stops.filter((s) => s.wardId === id && pred(s)));
}

describe('compliance from the chart, on a generated month', () => {
  let report: WardCompliance;
  beforeAll(async () => {
    const res = await server.api('GET', `/metrics/ward/${WARD}/compliance?from=2026-10-01&to=2026-10-31`, { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    report = res.body;
  });

  it('counts every dose of the month as the generator decided it, never-scanned ones included', () => {
    const expected = ward(WARD);
    expect(report.total.counts).toEqual(expected);
    // The month is big enough to hold every fate, and the doses nobody scanned bring compliance below 100%.
    expect(expected.missed).toBeGreaterThan(100);
    expect(expected.open).toBeGreaterThan(0);
    expect(expected.manualIdentification).toBeGreaterThan(20);
    expect(expected.keyedProduct).toBeGreaterThan(20);
    const figure = (id: string) => report.total.figures.find((f) => f.id === id);
    expect(figure('patient-scan')).toEqual({ id: 'patient-scan', numerator: expected.patientScanned, denominator: expected.given, value: Math.round((expected.patientScanned / expected.given) * 1e4) / 1e4 });
    expect(figure('scanned-of-expected')).toMatchObject({ numerator: expected.givenBothScanned, denominator: expected.given + expected.missed });
    expect(figure('missed-dose')).toMatchObject({ numerator: expected.missed, denominator: expected.scheduledClosed });
    expect(figure('stops-per-100')?.value).toBe(Math.round(((expected.stops * 100) / expected.given) * 1e4) / 1e4);
    expect(figure('both-scanned')?.value).toBeLessThan(0.95);
  });

  it('matches the truth on every ward day', () => {
    expect(report.days.map((d) => d.date)).toEqual(Array.from({ length: 31 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`));
    for (const day of report.days) expect({ date: day.date, counts: day.counts }).toEqual({ date: day.date, counts: ward(WARD, (d) => d.date === day.date) });
  });

  it('matches the truth on every shift, the night before the first day cut at midnight', () => {
    const key = (b: Pick<ComplianceBucket, 'date' | 'shift'>) => `${b.date} ${b.shift}`;
    expect(report.shifts).toHaveLength(63);
    expect(key(report.shifts[0] as ComplianceBucket)).toBe('2026-09-30 night');
    expect(report.shifts[0]?.notes).toContain('cut-by-period');
    for (const s of report.shifts) expect({ shift: key(s), counts: s.counts }).toEqual({ shift: key(s), counts: ward(WARD, (d) => d.shiftDate === s.date && d.shift === s.shift) });
  });

  it('sums the day shifts and the night shifts of the month, each as the truth has it, saying how many shifts each is over', () => {
    expect(report.byShift.map((b) => b.shift)).toEqual(['day', 'night']);
    for (const b of report.byShift) {
      expect({ shift: b.shift, counts: b.counts }).toEqual({ shift: b.shift, counts: ward(WARD, (d) => d.shift === b.shift) });
      const measured = report.shifts.filter((s) => s.shift === b.shift && s.coverage !== 'none');
      expect(b.shifts).toBe(measured.length);
      expect(b.partialShifts).toBe(measured.filter((s) => s.coverage === 'partial').length);
      expect(b.figures.find((f) => f.id === 'patient-scan')).toMatchObject({ numerator: b.counts.patientScanned, denominator: b.counts.given });
    }
    // Tonight's shift has not begun: 31 day shifts to measure, today's not over.
    expect(report.byShift[0]?.shifts).toBe(31);
    expect(report.byShift[0]?.partialShifts).toBeGreaterThanOrEqual(1);
    expect(report.byShift[0]!.counts.given + report.byShift[1]!.counts.given).toBe(report.total.counts.given);
  });

  it('says which days are partial: the first day on record, and today', () => {
    const partial = report.days.filter((d) => d.coverage !== 'full').map((d) => [d.date, d.notes]);
    expect(partial).toEqual([
      ['2026-10-01', ['first-day-on-record']],
      ['2026-10-31', ['not-over']],
    ]);
    expect(report.total).toMatchObject({ days: 31, partialDays: 2, coverage: 'partial' });
    expect(report.recordsFrom).toBe(new Date(gen.recordsFrom.get(WARD) as number).toISOString());
  });

  it('places the moved patient’s doses on the ward they were on: the second ward counts its own', async () => {
    const res = await server.api('GET', `/metrics/ward/${OTHER}/compliance?from=2026-10-01&to=2026-10-31`, { token: admin });
    expect(res.body.total.counts).toEqual(ward(OTHER));
  });

  it('reads a day before any record as nothing to measure, not as all doses missed', async () => {
    const res = await server.api('GET', `/metrics/ward/${WARD}/compliance?from=2026-09-28&to=2026-09-30`, { token: admin });
    expect(res.body.total).toMatchObject({ coverage: 'none', days: 0, counts: { due: 0, missed: 0 } });
    expect(res.body.days.every((d: ComplianceBucket) => d.notes.join() === 'no-records')).toBe(true);
  });
});

describe('the trust view', () => {
  it('puts the wards side by side, ranked, with the same figures over the last 28 days and a daily trend', async () => {
    const res = await server.api('GET', '/metrics/trust/compliance?days=28&to=2026-10-31', { token: admin });
    expect(res.status).toBe(200);
    const trust = res.body as TrustCompliance;
    const a = trust.wards.find((w) => w.wardId === WARD);
    expect(a?.total.counts).toEqual(ward(WARD, (d) => d.date >= '2026-10-04'));
    expect(a?.trend).toHaveLength(28);
    expect(a?.trend[0]?.figures.map((f) => f.id)).toEqual(['patient-scan', 'medication-scan', 'both-scanned', 'missed-dose']);
    // Ranked by both-scanned, best first; the demo wards gave nothing in October and are unranked at the end.
    const ranked = trust.wards.filter((w) => w.rank !== null);
    expect(ranked.map((w) => w.rank)).toEqual(ranked.map((_, i) => i + 1));
    const scores = ranked.map((w) => w.total.figures.find((f) => f.id === 'both-scanned')?.value ?? 0);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    expect(trust.wards.slice(ranked.length).every((w) => w.rank === null && w.total.coverage === 'none')).toBe(true);
    // Per shift: the period's day and night shifts summed, and one point a shift (the night before the first day cut at midnight).
    for (const b of a?.byShift ?? []) expect({ shift: b.shift, counts: b.counts }).toEqual({ shift: b.shift, counts: ward(WARD, (d) => d.date >= '2026-10-04' && d.shift === b.shift) });
    expect(a?.byShift).toHaveLength(2);
    expect(a?.shiftTrend).toHaveLength(57);
    expect(a?.shiftTrend[0]).toMatchObject({ date: '2026-10-03', shift: 'night', notes: ['cut-by-period'] });
    const night = a?.shiftTrend.find((p) => p.date === '2026-10-10' && p.shift === 'night');
    const nightTruth = ward(WARD, (d) => d.shiftDate === '2026-10-10' && d.shift === 'night');
    expect(night?.figures.map((f) => f.id)).toEqual(['patient-scan', 'medication-scan', 'both-scanned', 'missed-dose']);
    expect(night?.figures.find((f) => f.id === 'both-scanned')).toMatchObject({ numerator: nightTruth.givenBothScanned, denominator: nightTruth.given });
    // Ward-level figures only: no staff or patient in the answer.
    expect(JSON.stringify(trust)).not.toMatch(/staff-demo|patient-gen-|"Gen\d/);
  });

  it('exports the same numbers as a formula-safe CSV', async () => {
    const res = await server.api('GET', '/metrics/trust/compliance?days=28&to=2026-10-31&format=csv', { token: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (res.body as string).trim().split('\r\n');
    const header = (lines[0] as string).split(',');
    const row = (lines.find((l) => l.includes(`,${WARD},`) && l.includes(',period,')) as string).split(',');
    const cell = (name: string) => row[header.indexOf(name)];
    const expected = ward(WARD, (d) => d.date >= '2026-10-04');
    expect(cell('given')).toBe(String(expected.given));
    expect(cell('missed')).toBe(String(expected.missed));
    expect(cell('patient-scan:numerator')).toBe(String(expected.patientScanned));
    expect(cell('patient-scan')).toBe(String(Math.round((expected.patientScanned / expected.given) * 1e4) / 1e4));
    expect(cell('notGiven:patient-refused')).toBe(String(expected.notGivenByReason['patient-refused'] ?? 0));
    // The average's denominator in days: 28, today's not over.
    expect([cell('days'), cell('partialDays')]).toEqual(['28', '1']);
    // Per shift: the period's night shifts summed, and one night.
    const rowOf = (kind: string, shift: string, from: string) => {
      const found = lines.find((l) => l.includes(`,${WARD},`) && l.includes(`,${kind},${shift},${from},`));
      if (!found) throw new Error(`no ${kind} ${shift} ${from} row`);
      const cells = found.split(',');
      return (name: string) => cells[header.indexOf(name)];
    };
    const nights = rowOf('period-shifts', 'night', '2026-10-04');
    const nightsTruth = ward(WARD, (d) => d.date >= '2026-10-04' && d.shift === 'night');
    expect([nights('given'), nights('missed'), nights('both-scanned:numerator'), nights('shifts')]).toEqual([String(nightsTruth.given), String(nightsTruth.missed), String(nightsTruth.givenBothScanned), '28']);
    const night = rowOf('shift', 'night', '2026-10-10');
    const nightTruth = ward(WARD, (d) => d.shiftDate === '2026-10-10' && d.shift === 'night');
    expect([night('given'), night('missed'), night('medication-scan:numerator')]).toEqual([String(nightTruth.given), String(nightTruth.missed), String(nightTruth.medicationScanned)]);
    expect(lines.filter((l) => l.includes(`,${WARD},`) && l.includes(',shift,'))).toHaveLength(57);
    // The ward named like a formula starts with an apostrophe, quoted.
    expect(res.body).toContain(`"'=HYPERLINK(""http://x"",""Ward Gen B"")"`);
    expect(res.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('exports a FHIR R4 Bundle: the Measure and one valid summary MeasureReport per ward, with the same counts', async () => {
    const res = await server.api('GET', '/metrics/trust/measure-report?days=28&to=2026-10-31', { token: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    // Both requests before the validation: loading the R4 definitions blocks the event loop for a second or more.
    const one = await server.api('GET', `/metrics/trust/measure-report?days=28&to=2026-10-31&wardId=${OTHER}`, { token: admin });
    expect(one.body.entry).toHaveLength(2);
    const bundle = res.body;
    expect(validateR4(bundle)).toEqual([]);
    const [measure, ...reports] = bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource);
    expect(measure.resourceType).toBe('Measure');
    expect(measure.group.map((g: { code: { coding: { code: string }[] } }) => g.code.coding[0]?.code)).toContain('patient-scan');
    const a = reports.find((r: { subject: { reference: string } }) => r.subject.reference === `Location/${WARD}`);
    expect(a).toMatchObject({ resourceType: 'MeasureReport', type: 'summary', status: 'pending', measure: measure.url });
    const expected = ward(WARD, (d) => d.date >= '2026-10-04');
    const group = a.group.find((g: { code: { coding: { code: string }[] } }) => g.code.coding[0]?.code === 'medication-scan');
    expect(group.population.map((p: { count: number }) => p.count)).toEqual([expected.medicationScanned, expected.given]);
    expect(group.measureScore.value).toBe(Math.round((expected.medicationScanned / expected.given) * 1e4) / 1e4);
    const override = a.group.find((g: { code: { coding: { code: string }[] } }) => g.code.coding[0]?.code === 'override');
    const keyed = override.stratifier[0].stratum.find((s: { value: { text: string } }) => s.value.text === 'keyed-patient-id');
    expect(keyed.population[0].count).toBe(expected.overridesByRule['keyed-patient-id']);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the client see sockets closed while it validated
  });
});

describe('off the event loop', () => {
  it('answers a bedside request while a trust report is being computed', async () => {
    const done: string[] = [];
    const report = server.api('GET', '/metrics/trust/compliance?days=90&to=2026-10-31', { token: admin }).then(() => done.push('report'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const health = server.api('GET', '/health').then(() => done.push('health'));
    await Promise.all([report, health]);
    expect(done).toEqual(['health', 'report']);
  });
});

describe('who sees what', () => {
  it('a ward manager sees their own ward’s compliance only, and not the trust view', async () => {
    const token = await server.signIn('gen-manager');
    expect((await server.api('GET', `/metrics/ward/${WARD}/compliance`, { token })).status).toBe(200);
    expect((await server.api('GET', `/metrics/ward/${OTHER}/compliance`, { token })).status).toBe(403);
    expect((await server.api('GET', '/metrics/trust/compliance', { token })).status).toBe(403);
    expect((await server.api('GET', '/metrics/trust/compliance?format=csv', { token })).status).toBe(403);
    expect((await server.api('GET', '/metrics/trust/measure-report', { token })).status).toBe(403);
  });

  it('a nurse sees none of it', async () => {
    const token = await server.signIn('demo-nurse');
    for (const path of ['/metrics/ward/ward-7b/compliance', '/metrics/trust/compliance', '/metrics/trust/measure-report']) {
      expect((await server.api('GET', path, { token })).status).toBe(403);
    }
  });

  it('counts `days` back from today on the ward’s clock, for a screen in another zone', async () => {
    server.clock.set('2026-10-31T23:30:00.000Z'); // still 31 October in London (GMT)
    try {
      const res = await server.api('GET', `/metrics/ward/${WARD}/compliance?days=3`, { token: admin });
      expect([res.body.total.from, res.body.total.to]).toEqual(['2026-10-29', '2026-10-31']);
      const metrics = await server.api('GET', `/metrics/ward/${WARD}?days=3`, { token: admin });
      expect(metrics.body.days.map((d: { date: string }) => d.date)).toEqual(['2026-10-29', '2026-10-30', '2026-10-31']);
      const both = await server.api('GET', `/metrics/ward/${WARD}/compliance?days=3&from=2026-10-01`, { token: admin });
      expect([both.status, both.body.error.field]).toEqual([400, 'days']);
      expect((await server.api('GET', `/metrics/ward/${WARD}/compliance?days=0`, { token: admin })).status).toBe(400);
    } finally {
      server.clock.set(NOW);
    }
  });

  it('refuses a period that runs backwards or a trend length other than 14, 28 or 90 days', async () => {
    expect((await server.api('GET', `/metrics/ward/${WARD}/compliance?from=2026-10-05&to=2026-10-01`, { token: admin })).body.error.field).toBe('from');
    expect((await server.api('GET', '/metrics/trust/compliance?days=30', { token: admin })).status).toBe(400);
  });
});
