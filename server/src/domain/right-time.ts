import type { Check } from '@wardscan/shared';
import { add, compare, parseDecimal, sum, toDecimalString } from './decimal.js';
import type { Quantity } from './dose.js';
import { heldAt, type HoldSpan, type PastDose, type PrescriptionRecord } from './records.js';
import { addDays, wardClockTime, wardDate, wardInstant } from './ward-time.js';

export interface TimingContext {
  readonly now: Date;
  readonly timeZone: string;
  /** A regular dose within this many minutes of its time is on time. */
  readonly windowMinutes: number;
}

export interface TimingResult {
  /** right-time and duplicate, always both; right-dose when a PRN daily maximum is hit. */
  readonly checks: readonly Check[];
  /** The scheduled time this dose is for (regular doses), recorded with the administration. */
  readonly slotAt: Date | null;
}

const MINUTE = 60_000;
const hhmm = (d: Date, tz: string): string => wardClockTime(d, tz);

function minutesText(ms: number): string {
  const m = Math.round(Math.abs(ms) / MINUTE);
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
}

/** Every scheduled time from yesterday to tomorrow, in order. */
export function slotsAround(times: readonly string[], t: TimingContext): Date[] {
  const today = wardDate(t.now, t.timeZone);
  return [-1, 0, 1]
    .flatMap((offset) => times.map((time) => wardInstant(addDays(today, offset), time, t.timeZone)))
    .sort((a, b) => a.getTime() - b.getTime());
}

/**
 * The scheduled time a scan now is for: the latest slot that has opened,
 * unless we are nearer the next one and the opened slot was missed.
 */
export function currentSlot(times: readonly string[], given: readonly PastDose[], t: TimingContext, holds: readonly HoldSpan[] = []): Date | null {
  // A time that fell while the order was held was never a dose due: the scan is for the one before or after it.
  const slots = slotsAround(times, t).filter((s) => !heldAt(holds, s.getTime()));
  const window = t.windowMinutes * MINUTE;
  const now = t.now.getTime();
  const openedIndex = slots.findLastIndex((s) => s.getTime() - window <= now);
  const opened = slots[openedIndex];
  const next = slots[openedIndex + 1];
  if (!opened) return next ?? null;
  if (!next) return opened;
  const openedGiven = given.some((d) => d.slotAt?.getTime() === opened.getTime());
  if (openedGiven && now > opened.getTime() + window) return next;
  if (!openedGiven && now - opened.getTime() > next.getTime() - now) return next;
  return opened;
}

function regularTiming(p: PrescriptionRecord & { schedule: { kind: 'regular' } }, given: readonly PastDose[], t: TimingContext): TimingResult {
  const slot = currentSlot(p.schedule.times, given, t, p.holds);
  if (!slot) {
    return {
      slotAt: null,
      checks: [
        { rule: 'right-time', outcome: 'warning', message: 'No scheduled time on the chart: check with the prescriber.' },
        { rule: 'duplicate', outcome: 'pass', message: 'No dose recorded for this time.' },
      ],
    };
  }
  const at = hhmm(slot, t.timeZone);
  const done = given.find((d) => d.slotAt?.getTime() === slot.getTime());
  if (done) {
    return {
      slotAt: slot,
      checks: [
        { rule: 'right-time', outcome: 'pass', message: `Dose due at ${at}.` },
        { rule: 'duplicate', outcome: 'stop', message: `The ${at} dose was already given at ${hhmm(done.givenAt, t.timeZone)}. Do not give it again.` },
      ],
    };
  }
  const early = slot.getTime() - t.windowMinutes * MINUTE - t.now.getTime();
  const late = t.now.getTime() - slot.getTime() - t.windowMinutes * MINUTE;
  const time: Check =
    early > 0
      ? { rule: 'right-time', outcome: 'warning', message: `Early: due at ${at}, in ${minutesText(slot.getTime() - t.now.getTime())}.` }
      : late > 0
        ? { rule: 'right-time', outcome: 'warning', message: `Late: was due at ${at}, ${minutesText(t.now.getTime() - slot.getTime())} ago.` }
        : { rule: 'right-time', outcome: 'pass', message: `Due at ${at}.` };
  return { slotAt: slot, checks: [time, { rule: 'duplicate', outcome: 'pass', message: `No dose recorded for ${at}.` }] };
}

function prnTiming(p: PrescriptionRecord & { schedule: { kind: 'prn' } }, given: readonly PastDose[], t: TimingContext, thisDose: Quantity | undefined): TimingResult {
  const checks: Check[] = [];
  const now = t.now.getTime();
  const last = given.reduce<PastDose | null>((a, d) => (!a || d.givenAt > a.givenAt ? d : a), null);
  const interval = p.schedule.minIntervalMinutes * MINUTE;
  if (last && now - last.givenAt.getTime() < interval) {
    const nextAllowed = new Date(last.givenAt.getTime() + interval);
    checks.push({
      rule: 'right-time',
      outcome: 'stop',
      message: `Too soon: last given at ${hhmm(last.givenAt, t.timeZone)}; the next dose is allowed from ${hhmm(nextAllowed, t.timeZone)}.`,
    });
  } else {
    checks.push({ rule: 'right-time', outcome: 'pass', message: last ? `Last given at ${hhmm(last.givenAt, t.timeZone)}.` : 'As needed; no dose given recently.' });
  }
  checks.push({ rule: 'duplicate', outcome: 'pass', message: 'Not given within the minimum interval.' });
  if (p.schedule.maxDailyDose !== null) {
    // Each past dose as given (a range order's chosen dose), this one as about to be given: at a scan of a
    // range order the lowest it could be, so a stop here means no dose within the range fits.
    const orderDose = p.dose.kind === 'fixed' ? p.dose.value : p.dose.low;
    const sofar = sum(given.filter((d) => now - d.givenAt.getTime() < 24 * 60 * MINUTE).map((d) => parseDecimal(d.dose?.value ?? orderDose)));
    const afterThis = add(sofar, parseDecimal(thisDose?.value ?? orderDose));
    const max = parseDecimal(p.schedule.maxDailyDose);
    if (compare(afterThis, max) > 0) {
      const sofarText = toDecimalString(sofar) ?? '?';
      const which = thisDose ? `${thisDose.value} ${p.dose.unit}` : p.dose.kind === 'range' ? `Even the lowest dose of the range (${p.dose.low} ${p.dose.unit})` : 'This dose';
      checks.push({
        rule: 'right-dose',
        outcome: 'stop',
        message: `${thisDose ? `A dose of ${which}` : which} would exceed the maximum of ${p.schedule.maxDailyDose} ${p.dose.unit} in 24 hours (${sofarText} ${p.dose.unit} already given).`,
      });
    }
  }
  return { checks, slotAt: null };
}

/**
 * Right time and not already given, for one prescription at `t.now`; for an
 * as-needed order with a 24-hour maximum, `thisDose` is the dose about to be
 * given when it is known (a range order's chosen dose).
 */
export function checkTiming(p: PrescriptionRecord, given: readonly PastDose[], t: TimingContext, thisDose?: Quantity): TimingResult {
  switch (p.schedule.kind) {
    case 'regular':
      return regularTiming(p as PrescriptionRecord & { schedule: { kind: 'regular' } }, given, t);
    case 'prn':
      return prnTiming(p as PrescriptionRecord & { schedule: { kind: 'prn' } }, given, t, thisDose);
    default: {
      const never: never = p.schedule;
      return never;
    }
  }
}
