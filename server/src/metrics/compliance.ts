/*
 * Scan compliance from the chart (issue 15). Pure: the caller loads the facts.
 *
 * Every dose due on a ward in the period is counted once, by when it was due
 * (a scheduled dose by its time, an as-needed dose when given):
 * - each administration documented (given: how the patient and the pack were
 *   identified, late or not, overridden or not);
 * - each scheduled dose documented as not given (by reason);
 * - each scheduled time of an order that nothing documents: missed once its
 *   window has closed, due now while it is open (the chart's rule).
 * A documented dose belongs to the ward that documented it. Wardscan keeps no
 * history of a patient's wards, so an undocumented one belongs to the ward of
 * the patient's latest documented dose before it, else their ward now.
 *
 * Nothing before the ward's first record counts: an order that predates
 * Wardscan on the ward would otherwise show every earlier dose as missed.
 */
import { complianceFigures, type ComplianceBucket, type ComplianceShiftTotal, type ComplianceTotal, type CoverageNote, type ManualIdMethod, type Shift } from '@wardscan/shared';
import type { HoldSpan, Schedule } from '../domain/records.js';
import { addDays, wardInstant } from '../domain/ward-time.js';
import { SlotCalendar } from './due-doses.js';
import { Tally, type DoseFate } from './tally.js';

const MINUTE = 60_000;

export interface OrderFact {
  readonly id: string;
  readonly patientId: string;
  readonly schedule: Schedule;
  readonly startsAt: string;
  readonly stopsAt: string | null;
  /** When it was on hold or needing review (issue 13): none of its doses was due then (due-doses.ts). */
  readonly holds?: readonly HoldSpan[];
}
export interface GivenFact {
  readonly prescriptionId: string;
  readonly patientId: string;
  readonly wardId: string;
  /** Epoch ms of the scheduled time given for; null for an as-needed dose. */
  readonly slotAt: number | null;
  readonly givenAt: number;
  readonly patientIdMethod: 'wristband' | ManualIdMethod;
  readonly productKeyed: boolean;
  readonly documentedLate: boolean;
  readonly overriddenRules: readonly string[] | null;
}
export interface OmissionFact {
  readonly prescriptionId: string;
  readonly patientId: string;
  readonly wardId: string;
  readonly slotAt: number;
  readonly reason: string;
}
export interface StopFact {
  readonly wardId: string;
  readonly at: number;
  readonly rules: readonly string[];
}
export interface WardSpec {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  /** Epoch ms of the ward's first record; null: nothing recorded yet. */
  readonly recordsFrom: number | null;
}

export interface ComplianceInput {
  /** The wards reported on. */
  readonly wards: readonly WardSpec[];
  /** Every ward's zone, for orders of patients now on a ward not reported on. */
  readonly zoneOf: (wardId: string) => string;
  readonly orders: readonly OrderFact[];
  readonly given: readonly GivenFact[];
  readonly omissions: readonly OmissionFact[];
  readonly stops: readonly StopFact[];
  /** Each patient's ward now. */
  readonly patientWard: (patientId: string) => string | undefined;
  /** Ward dates, both included. */
  readonly from: string;
  readonly to: string;
  readonly now: Date;
  readonly windowMinutes: number;
}

export interface WardComplianceReport {
  readonly ward: WardSpec;
  readonly total: ComplianceTotal;
  /** The period's day shifts and night shifts, each summed. */
  readonly byShift: ComplianceShiftTotal[];
  readonly days: ComplianceBucket[];
  readonly shifts: ComplianceBucket[];
}

interface Frame {
  readonly date: string;
  readonly shift: 'day' | 'night' | null;
  readonly start: number;
  readonly end: number;
  readonly cut: boolean;
  readonly tally: Tally;
}

/** One ward's period, its days and its shifts (07:00–19:00 and 19:00–07:00, as resolve-product.ts `shiftStart`). */
class WardPeriod {
  readonly start: number;
  readonly end: number;
  /** Doses and stops before this are not counted (the first record). */
  readonly countFrom: number;
  readonly total = new Tally();
  readonly byShift: Record<Shift, Tally> = { day: new Tally(), night: new Tally() };
  readonly days: Frame[] = [];
  readonly shifts: Frame[] = [];

  constructor(readonly ward: WardSpec, from: string, to: string) {
    const tz = ward.timeZone;
    this.start = wardInstant(from, '00:00', tz).getTime();
    this.end = wardInstant(addDays(to, 1), '00:00', tz).getTime();
    this.countFrom = Math.max(this.start, ward.recordsFrom ?? Infinity);
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const start = wardInstant(date, '00:00', tz).getTime();
      this.days.push({ date, shift: null, start, end: wardInstant(addDays(date, 1), '00:00', tz).getTime(), cut: false, tally: new Tally() });
    }
    for (let date = addDays(from, -1); date <= to; date = addDays(date, 1)) {
      const bounds: [('day' | 'night'), number, number][] = [
        ['day', wardInstant(date, '07:00', tz).getTime(), wardInstant(date, '19:00', tz).getTime()],
        ['night', wardInstant(date, '19:00', tz).getTime(), wardInstant(addDays(date, 1), '07:00', tz).getTime()],
      ];
      for (const [shift, s, e] of bounds) {
        if (e <= this.start || s >= this.end) continue;
        const start = Math.max(s, this.start);
        const end = Math.min(e, this.end);
        this.shifts.push({ date, shift, start, end, cut: start !== s || end !== e, tally: new Tally() });
      }
    }
  }

  /** Whether a dose due (or a stop) at `t` is counted in this ward's period. */
  counts(t: number): boolean {
    return t >= this.countFrom && t < this.end;
  }

  /** The tallies a dose or stop at `t` counts in besides the total: its day, its shift, and that kind of shift's. */
  private talliesAt(t: number): Tally[] {
    const tallies: Tally[] = [];
    const day = findFrame(this.days, t);
    if (day) tallies.push(day.tally);
    const shift = findFrame(this.shifts, t);
    if (shift?.shift) tallies.push(shift.tally, this.byShift[shift.shift]);
    return tallies;
  }

  dose(t: number, fate: DoseFate): void {
    this.total.dose(fate);
    for (const tally of this.talliesAt(t)) tally.dose(fate);
  }

  stop(t: number, rules: readonly string[]): void {
    this.total.stop(rules);
    for (const tally of this.talliesAt(t)) tally.stop(rules);
  }
}

function findFrame(frames: readonly Frame[], t: number): Frame | undefined {
  let lo = 0;
  let hi = frames.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = frames[mid] as Frame;
    if (t < f.start) hi = mid - 1;
    else if (t >= f.end) lo = mid + 1;
    else return f;
  }
  return undefined;
}

function coverageOf(start: number, end: number, recordsFrom: number | null, now: number, cut: boolean): Pick<ComplianceBucket, 'coverage' | 'notes'> {
  if (recordsFrom === null || end <= recordsFrom) return { coverage: 'none', notes: ['no-records'] };
  if (start > now) return { coverage: 'none', notes: ['not-over'] };
  const notes: CoverageNote[] = [];
  if (recordsFrom > start) notes.push('first-day-on-record');
  if (now < end) notes.push('not-over');
  if (cut) notes.push('cut-by-period');
  return { coverage: notes.length ? 'partial' : 'full', notes };
}

/** Per patient, their documented doses in time order with the ward each was on: where they were when. */
function wardHistory(input: ComplianceInput): (patientId: string, t: number) => string | undefined {
  const byPatient = new Map<string, { t: number[]; ward: string[] }>();
  const add = (patientId: string, t: number, ward: string) => {
    let h = byPatient.get(patientId);
    if (!h) byPatient.set(patientId, (h = { t: [], ward: [] }));
    h.t.push(t);
    h.ward.push(ward);
  };
  for (const g of input.given) add(g.patientId, g.slotAt ?? g.givenAt, g.wardId);
  for (const o of input.omissions) add(o.patientId, o.slotAt, o.wardId);
  for (const h of byPatient.values()) {
    const order = h.t.map((_, i) => i).sort((a, b) => (h.t[a] as number) - (h.t[b] as number));
    h.t = order.map((i) => h.t[i] as number);
    h.ward = order.map((i) => h.ward[i] as string);
  }
  return (patientId, t) => {
    const h = byPatient.get(patientId);
    if (h) {
      let lo = 0;
      let hi = h.t.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((h.t[mid] as number) <= t) (found = mid), (lo = mid + 1);
        else hi = mid - 1;
      }
      if (found >= 0) return h.ward[found];
    }
    return input.patientWard(patientId);
  };
}

export function computeCompliance(input: ComplianceInput): WardComplianceReport[] {
  const now = input.now.getTime();
  const window = input.windowMinutes * MINUTE;
  const periods = new Map(input.wards.map((w) => [w.id, new WardPeriod(w, input.from, input.to)]));
  // Per order, the scheduled times documented (given or not given), and those given.
  const documented = new Map<string, Set<number>>();
  const givenSlots = new Map<string, Set<number>>();
  const mark = (map: Map<string, Set<number>>, rx: string, slot: number) => {
    let s = map.get(rx);
    if (!s) map.set(rx, (s = new Set()));
    s.add(slot);
  };
  for (const g of input.given) {
    if (g.slotAt !== null) {
      mark(documented, g.prescriptionId, g.slotAt);
      mark(givenSlots, g.prescriptionId, g.slotAt);
    }
    const period = periods.get(g.wardId);
    const due = g.slotAt ?? g.givenAt;
    if (!period?.counts(due)) continue;
    period.dose(due, {
      kind: 'given',
      prn: g.slotAt === null,
      patientIdMethod: g.patientIdMethod,
      productKeyed: g.productKeyed,
      documentedLate: g.documentedLate,
      overriddenRules: g.overriddenRules,
      minutesFromDue: g.slotAt === null ? null : (g.givenAt - g.slotAt) / MINUTE,
    });
  }
  for (const o of input.omissions) {
    mark(documented, o.prescriptionId, o.slotAt);
    // The chart shows a dose given over a not-given record of the same time: so do the figures.
    if (givenSlots.get(o.prescriptionId)?.has(o.slotAt)) continue;
    const period = periods.get(o.wardId);
    if (period?.counts(o.slotAt)) period.dose(o.slotAt, { kind: 'not-given', reason: o.reason });
  }
  const wardAt = wardHistory(input);
  const lo = Math.min(...[...periods.values()].map((p) => p.countFrom));
  const hi = Math.min(now + 1, Math.max(...[...periods.values()].map((p) => p.end)));
  const calendars = new Map<string, SlotCalendar>();
  for (const order of input.orders) {
    if (order.schedule.kind !== 'regular' || !(lo < hi)) continue;
    // An order's times are the clock of the ward the patient is on now, as the chart reads them.
    const home = input.patientWard(order.patientId);
    const zone = home ? input.zoneOf(home) : 'Europe/London';
    let calendar = calendars.get(zone);
    if (!calendar) calendars.set(zone, (calendar = new SlotCalendar(zone, new Date(lo), new Date(hi))));
    const done = documented.get(order.id);
    for (const t of calendar.slots(order, lo, hi)) {
      if (done?.has(t)) continue;
      const ward = wardAt(order.patientId, t);
      const period = ward === undefined ? undefined : periods.get(ward);
      if (!period?.counts(t) || t > now) continue;
      period.dose(t, now > t + window ? { kind: 'missed' } : { kind: 'open' });
    }
  }
  for (const s of input.stops) {
    const period = periods.get(s.wardId);
    if (period?.counts(s.at)) period.stop(s.at, s.rules);
  }
  return [...periods.values()].map((p) => report(p, input, now));
}

function report(p: WardPeriod, input: ComplianceInput, now: number): WardComplianceReport {
  const bucket = (f: Frame): ComplianceBucket => {
    const counts = f.tally.counts();
    return {
      date: f.date,
      shift: f.shift,
      start: new Date(f.start).toISOString(),
      end: new Date(f.end).toISOString(),
      ...coverageOf(f.start, f.end, p.ward.recordsFrom, now, f.cut),
      counts,
      figures: complianceFigures(counts),
    };
  };
  const days = p.days.map(bucket);
  const shifts = p.shifts.map(bucket);
  const byShift = (['day', 'night'] as const).map((shift): ComplianceShiftTotal => {
    const these = shifts.filter((b) => b.shift === shift && b.coverage !== 'none');
    const counts = p.byShift[shift].counts();
    return { shift, shifts: these.length, partialShifts: these.filter((b) => b.coverage === 'partial').length, counts, figures: complianceFigures(counts) };
  });
  const measured = days.filter((d) => d.coverage !== 'none');
  const notes = [...new Set(measured.flatMap((d) => d.notes))];
  const total = p.total.counts();
  return {
    ward: p.ward,
    byShift,
    days,
    shifts,
    total: {
      from: input.from,
      to: input.to,
      start: new Date(p.start).toISOString(),
      end: new Date(p.end).toISOString(),
      coverage: measured.length === 0 ? 'none' : notes.length ? 'partial' : 'full',
      notes: measured.length === 0 ? [...new Set(days.flatMap((d) => d.notes))] : notes,
      days: measured.length,
      partialDays: measured.filter((d) => d.coverage === 'partial').length,
      counts: total,
      figures: complianceFigures(total),
    },
  };
}
