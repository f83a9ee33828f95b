/*
 * The eMAR chart of one patient, from the orders and what was documented
 * against them (issue 12). Pure: the caller reads the rows.
 *
 * A scheduled dose is `given` or `not-given` when documented against its
 * time; otherwise `due` within the ward's window, `later` before it, and
 * `missed` after it, and a missed dose stays on the chart until it is
 * documented, however old, whatever is due next (issue 12). Only from the
 * ward's first record on Wardscan, the cut-off compliance counts from: a dose
 * before it was charted on paper, and the chart of every long-stay patient
 * would otherwise fill with doses "missed" before go-live. Slots are the
 * compliance report's (metrics/due-doses.ts), so a dose missed on the chart is
 * one missed in the figures.
 */
import type { ChartSlot, NotGivenReason, PrnLine } from '@wardscan/shared';
import { parseDecimal, sum, toDecimalString } from './decimal.js';
import { doseText, type PrescriptionRecord } from './records.js';
import type { TimingContext } from './right-time.js';
import { addDays, wardDate, wardInstant } from './ward-time.js';
import { SlotCalendar } from '../metrics/due-doses.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far back an as-needed order's history goes ("last given"; the chart says "not given in the last 2 days"). */
export const PRN_HISTORY_HOURS = 48;

export interface GivenRow {
  readonly administrationId: string;
  readonly prescriptionId: string;
  readonly givenAt: Date;
  readonly slotAt: Date | null;
  readonly byName: string;
  /** The second clinician who witnessed the dose (badge and PIN), by name; null when none did. */
  readonly witnessedByName: string | null;
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
  /** Doses given (or scheduled) since the earlier of `missedFrom` and PRN_HISTORY_HOURS ago. */
  readonly given: readonly GivenRow[];
  /** Doses documented not given, scheduled since the same. */
  readonly notGiven: readonly NotGivenRow[];
  /**
   * No dose before this is shown as missed: the ward's first record on
   * Wardscan, or later (the patient's arrival); null while the ward has
   * recorded nothing, so nothing before now is missed.
   */
  readonly missedFrom: Date | null;
  readonly t: TimingContext;
  readonly isHighAlert: (p: PrescriptionRecord) => boolean;
  /** Minutes after an as-needed dose that its effect is to be reviewed. */
  readonly reviewAfterMinutes: (p: PrescriptionRecord) => number;
}

const time = (d: Date): number => d.getTime();

function drugOf(p: PrescriptionRecord, highAlert: boolean) {
  return { prescriptionId: p.id, drugName: p.drug, dose: p.dose, doseText: doseText(p), route: p.route, highAlert };
}

function slotStatus(slot: Date, t: TimingContext): 'missed' | 'due' | 'later' {
  const window = t.windowMinutes * MINUTE;
  if (time(t.now) > time(slot) + window) return 'missed';
  return time(t.now) >= time(slot) - window ? 'due' : 'later';
}

const slotKey = (prescriptionId: string, slot: number): string => `${prescriptionId}|${slot}`;

/** Records by order and scheduled time, the first of each kept (as a search would find it). */
function bySlot<R extends { prescriptionId: string }>(rows: readonly R[], slotOf: (r: R) => Date | null): Map<string, R> {
  const map = new Map<string, R>();
  for (const r of rows) {
    const slot = slotOf(r);
    const key = slot && slotKey(r.prescriptionId, time(slot));
    if (key && !map.has(key)) map.set(key, r);
  }
  return map;
}

export function chartSlots(input: ChartInput): ChartSlot[] {
  const { t } = input;
  const today = wardDate(t.now, t.timeZone);
  const startOfToday = time(wardInstant(today, '00:00', t.timeZone));
  const missedFrom = input.missedFrom ? time(input.missedFrom) : Infinity;
  // Scheduled times from the cut-off (or today's start) to the end of the ward's day, each order's
  // from its start; the compliance report's slots, worked out once for all the orders (a long stay is months of them).
  const from = Math.min(startOfToday, missedFrom);
  const to = time(wardInstant(addDays(today, 1), '00:00', t.timeZone));
  const calendar = new SlotCalendar(t.timeZone, new Date(from), new Date(to));
  // Looked up by key, not searched: a long stay is hundreds of slots against hundreds of records.
  const givenAt = bySlot(input.given, (g) => g.slotAt);
  const notGivenAt = bySlot(input.notGiven, (n) => n.slotAt);
  const slots: { at: number; slot: ChartSlot }[] = [];
  for (const p of input.prescriptions) {
    if (p.schedule.kind !== 'regular') continue;
    const drug = drugOf(p, input.isHighAlert(p));
    // Held spans are left out by the calendar: no dose was due while the order was held.
    for (const at of calendar.slots(p, from, to)) {
      const slot = new Date(at);
      const key = slotKey(p.id, at);
      const given = givenAt.get(key);
      const notGiven = notGivenAt.get(key);
      const status = given ? 'given' : notGiven ? 'not-given' : slotStatus(slot, t);
      // Before today only what still needs someone: a documented dose from yesterday is history.
      if (at < startOfToday && status !== 'missed') continue;
      // Before the ward's first record the dose was on paper: not missed here.
      if (status === 'missed' && at < missedFrom) continue;
      slots.push({
        at,
        // Field by field, not spread: a spread into a literal costs microseconds, and a long stay charts thousands of doses.
        slot: {
          prescriptionId: drug.prescriptionId,
          drugName: drug.drugName,
          dose: drug.dose,
          doseText: drug.doseText,
          route: drug.route,
          highAlert: drug.highAlert,
          slotAt: slot.toISOString(),
          status,
          given: given
            ? {
                at: given.givenAt.toISOString(),
                byName: given.byName,
                witnessedByName: given.witnessedByName,
                documentedLate: given.documentedLate,
                dose: p.dose.kind === 'range' && given.doseGiven ? { value: given.doseGiven, unit: p.dose.unit } : null,
              }
            : null,
          notGiven: notGiven ? { reason: notGiven.reason, note: notGiven.note, byName: notGiven.byName, at: notGiven.recordedAt.toISOString() } : null,
        },
      });
    }
  }
  return slots.sort((a, b) => a.at - b.at || a.slot.drugName.localeCompare(b.slot.drugName)).map((s) => s.slot);
}

export function prnLines(input: ChartInput): PrnLine[] {
  const { t } = input;
  const lines: PrnLine[] = [];
  for (const p of input.prescriptions) {
    if (p.schedule.kind !== 'prn') continue;
    // Its own window, whatever the chart reads back to for missed doses.
    const given = input.given
      .filter((g) => g.prescriptionId === p.id && time(t.now) - time(g.givenAt) <= PRN_HISTORY_HOURS * 60 * MINUTE)
      .sort((a, b) => time(b.givenAt) - time(a.givenAt));
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
