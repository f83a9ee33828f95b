/*
 * The eMAR chart of one patient, from the orders and what was documented
 * against them (issue 12). Pure: the caller reads the rows.
 *
 * A scheduled dose is `given` or `not-given` when documented against its
 * time; otherwise `due` within the ward's window, `later` before it, and
 * `missed` after it, and a missed dose stays on the chart (up to
 * MISSED_LOOKBACK_HOURS back) until it is documented, whatever is due next.
 */
import type { ChartSlot, NotGivenReason, PrnLine } from '@wardscan/shared';
import { parseDecimal, sum, toDecimalString } from './decimal.js';
import { doseText, heldAt, type PrescriptionRecord } from './records.js';
import type { TimingContext } from './right-time.js';
import { addDays, wardDate, wardInstant } from './ward-time.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far back an undocumented dose is still shown as missed. */
export const MISSED_LOOKBACK_HOURS = 48;

export interface GivenRow {
  readonly administrationId: string;
  readonly prescriptionId: string;
  readonly givenAt: Date;
  readonly slotAt: Date | null;
  readonly byName: string;
  readonly documentedLate: boolean;
  readonly indication: string | null;
  readonly reviewed: boolean;
  /** The dose given in the order's unit (a range order's chosen dose); null on records from before it was kept (exact doses). */
  readonly doseGiven?: string | null;
}

export interface NotGivenRow {
  readonly prescriptionId: string;
  readonly slotAt: Date;
  readonly reason: NotGivenReason;
  readonly note: string | null;
  readonly byName: string;
  readonly recordedAt: Date;
}

export interface ChartInput {
  readonly prescriptions: readonly PrescriptionRecord[];
  /** Doses given in the last MISSED_LOOKBACK_HOURS (at least 24 h for PRN totals). */
  readonly given: readonly GivenRow[];
  readonly notGiven: readonly NotGivenRow[];
  readonly t: TimingContext;
  readonly isHighAlert: (p: PrescriptionRecord) => boolean;
  /** Minutes after an as-needed dose that its effect is to be reviewed. */
  readonly reviewAfterMinutes: (p: PrescriptionRecord) => number;
}

const time = (d: Date): number => d.getTime();

function drugOf(p: PrescriptionRecord, highAlert: boolean) {
  return { prescriptionId: p.id, drugName: p.drug, dose: p.dose, doseText: doseText(p), route: p.route, highAlert };
}

/** Scheduled times from the lookback to the end of the ward's day, within the order's life. */
function scheduledTimes(p: PrescriptionRecord & { schedule: { kind: 'regular' } }, t: TimingContext): Date[] {
  const today = wardDate(t.now, t.timeZone);
  const from = Math.max(time(t.now) - MISSED_LOOKBACK_HOURS * 60 * MINUTE, Date.parse(p.startsAt));
  const to = Math.min(time(wardInstant(addDays(today, 1), '00:00', t.timeZone)), p.stopsAt ? Date.parse(p.stopsAt) : Infinity);
  return [-2, -1, 0]
    .flatMap((offset) => p.schedule.times.map((hhmm) => wardInstant(addDays(today, offset), hhmm, t.timeZone)))
    .filter((slot) => time(slot) >= from && time(slot) < to)
    .sort((a, b) => time(a) - time(b));
}

function slotStatus(slot: Date, t: TimingContext): 'missed' | 'due' | 'later' {
  const window = t.windowMinutes * MINUTE;
  if (time(t.now) > time(slot) + window) return 'missed';
  return time(t.now) >= time(slot) - window ? 'due' : 'later';
}

export function chartSlots(input: ChartInput): ChartSlot[] {
  const { t } = input;
  const startOfToday = time(wardInstant(wardDate(t.now, t.timeZone), '00:00', t.timeZone));
  const slots: ChartSlot[] = [];
  for (const p of input.prescriptions) {
    if (p.schedule.kind !== 'regular') continue;
    const drug = drugOf(p, input.isHighAlert(p));
    for (const slot of scheduledTimes(p as PrescriptionRecord & { schedule: { kind: 'regular' } }, t)) {
      if (heldAt(p.holds ?? [], time(slot))) continue;
      const given = input.given.find((g) => g.prescriptionId === p.id && g.slotAt && time(g.slotAt) === time(slot));
      const notGiven = input.notGiven.find((n) => n.prescriptionId === p.id && time(n.slotAt) === time(slot));
      const status = given ? 'given' : notGiven ? 'not-given' : slotStatus(slot, t);
      // Before today only what still needs someone: a documented dose from yesterday is history.
      if (time(slot) < startOfToday && status !== 'missed') continue;
      slots.push({
        ...drug,
        slotAt: slot.toISOString(),
        status,
        given: given
          ? {
              at: given.givenAt.toISOString(),
              byName: given.byName,
              documentedLate: given.documentedLate,
              dose: p.dose.kind === 'range' && given.doseGiven ? { value: given.doseGiven, unit: p.dose.unit } : null,
            }
          : null,
        notGiven: notGiven ? { reason: notGiven.reason, note: notGiven.note, byName: notGiven.byName, at: notGiven.recordedAt.toISOString() } : null,
      });
    }
  }
  return slots.sort((a, b) => Date.parse(a.slotAt) - Date.parse(b.slotAt) || a.drugName.localeCompare(b.drugName));
}

export function prnLines(input: ChartInput): PrnLine[] {
  const { t } = input;
  const lines: PrnLine[] = [];
  for (const p of input.prescriptions) {
    if (p.schedule.kind !== 'prn') continue;
    const given = input.given.filter((g) => g.prescriptionId === p.id).sort((a, b) => time(b.givenAt) - time(a.givenAt));
    const last = given[0];
    const nextAllowed = last ? time(last.givenAt) + p.schedule.minIntervalMinutes * MINUTE : null;
    // Each dose as given: a range order's doses differ, so the total is their sum, never a count times one dose.
    const orderDose = p.dose.kind === 'fixed' ? p.dose.value : p.dose.low;
    const total = sum(given.filter((g) => time(t.now) - time(g.givenAt) < DAY).map((g) => parseDecimal(g.doseGiven ?? orderDose)));
    const review = input.reviewAfterMinutes(p) * MINUTE;
    lines.push({
      ...drugOf(p, input.isHighAlert(p)),
      lastGivenAt: last ? last.givenAt.toISOString() : null,
      nextAllowedAt: nextAllowed !== null && nextAllowed > time(t.now) ? new Date(nextAllowed).toISOString() : null,
      minIntervalMinutes: p.schedule.minIntervalMinutes,
      given24h: toDecimalString(total) ?? '0',
      max24h: p.schedule.maxDailyDose,
      reviewsDue: given
        .filter((g) => !g.reviewed && time(t.now) - time(g.givenAt) < DAY)
        .map((g) => ({ administrationId: g.administrationId, givenAt: g.givenAt.toISOString(), reviewAt: new Date(time(g.givenAt) + review).toISOString(), indication: g.indication })),
    });
  }
  return lines;
}
