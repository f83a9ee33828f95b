/*
 * The scheduled doses of an order between two instants: the chart's rule
 * (domain/chart.ts `scheduledTimes`) over any range instead of the 48 hours
 * around now. Each time on the schedule is a ward clock time, turned into an
 * instant by `wardInstant` (so a daylight-saving change moves it as it moves
 * the chart's), and a slot counts from the order's start (inclusive) until its
 * stop (exclusive), as on the chart. No dose is due while an order is on
 * hold or waiting for review (issue 13): only the slots inside those spans
 * drop out, so a hold today leaves last week's missed doses missed.
 */
import { heldAt, type HoldSpan, type Schedule } from '../domain/records.js';
import { addDays, wardDate, wardInstant } from '../domain/ward-time.js';


export interface ScheduledOrder {
  readonly schedule: Schedule;
  readonly startsAt: string;
  readonly stopsAt: string | null;
  /** When no dose of it was due (order_holds); absent or empty for an order never held. */
  readonly holds?: readonly HoldSpan[];
}

const unheld = <T>(order: ScheduledOrder, slots: T[], at: (slot: T) => number): T[] => (order.holds?.length ? slots.filter((s) => !heldAt(order.holds!, at(s))) : slots);

/** Every scheduled time of a regular order in [from, to), in order, but those while it was held; none for an as-needed order. */
export function scheduledSlotsBetween(order: ScheduledOrder, from: Date, to: Date, timeZone: string): Date[] {
  if (order.schedule.kind !== 'regular') return [];
  const lo = Math.max(from.getTime(), Date.parse(order.startsAt));
  const hi = Math.min(to.getTime(), order.stopsAt ? Date.parse(order.stopsAt) : Infinity);
  if (!(lo < hi)) return [];
  const times = [...order.schedule.times].sort();
  const slots: Date[] = [];
  // A ward date can hold instants a day either side of its UTC date: start a day early, stop a day late.
  const last = addDays(wardDate(new Date(hi), timeZone), 1);
  for (let date = addDays(wardDate(new Date(lo), timeZone), -1); date <= last; date = addDays(date, 1)) {
    for (const hhmm of times) {
      const slot = wardInstant(date, hhmm, timeZone);
      if (slot.getTime() >= lo && slot.getTime() < hi) slots.push(slot);
    }
  }
  // Two clock times can land on one instant across a daylight-saving gap: keep each instant once, in order.
  const once = slots.sort((a, b) => a.getTime() - b.getTime()).filter((s, i, all) => i === 0 || all[i - 1]?.getTime() !== s.getTime());
  return unheld(order, once, (s) => s.getTime());
}

/**
 * The same slots for many orders over one range, fast: each clock time's
 * instant on each ward date of the range is worked out once (by
 * `wardInstant`), then an order's slots are a binary search and a walk per
 * time. Equal to `scheduledSlotsBetween` for any order (property-tested); the
 * trust view expands tens of thousands of orders over 90 days.
 */
export class SlotCalendar {
  private readonly dates: string[] = [];
  private readonly byTime = new Map<string, Float64Array>();

  constructor(
    private readonly timeZone: string,
    from: Date,
    to: Date,
  ) {
    const last = addDays(wardDate(to, timeZone), 1);
    for (let date = addDays(wardDate(from, timeZone), -1); date <= last; date = addDays(date, 1)) this.dates.push(date);
  }

  private instants(hhmm: string): Float64Array {
    let known = this.byTime.get(hhmm);
    if (!known) {
      known = Float64Array.from(this.dates, (date) => wardInstant(date, hhmm, this.timeZone).getTime());
      this.byTime.set(hhmm, known);
    }
    return known;
  }

  /** Epoch ms of each scheduled time of a regular order in [from, to) (within the calendar's range), in order. */
  slots(order: ScheduledOrder, from: number, to: number): number[] {
    if (order.schedule.kind !== 'regular') return [];
    const lo = Math.max(from, Date.parse(order.startsAt));
    const hi = Math.min(to, order.stopsAt ? Date.parse(order.stopsAt) : Infinity);
    if (!(lo < hi)) return [];
    const out: number[] = [];
    for (const hhmm of order.schedule.times) {
      const all = this.instants(hhmm);
      let a = 0;
      let b = all.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if ((all[mid] as number) < lo) a = mid + 1;
        else b = mid;
      }
      for (let i = a; i < all.length && (all[i] as number) < hi; i++) out.push(all[i] as number);
    }
    if (order.schedule.times.length > 1) out.sort((x, y) => x - y);
    return unheld(order, out.filter((t, i) => i === 0 || out[i - 1] !== t), (t) => t);
  }
}
