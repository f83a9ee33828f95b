/*
 * The scheduled doses of an order between two instants: the chart's rule
 * (domain/chart.ts `scheduledTimes`) over any range instead of the 48 hours
 * around now. Each time on the schedule is a ward clock time, turned into an
 * instant by `wardInstant` (so a daylight-saving change moves it as it moves
 * the chart's), and a slot counts from the order's start (inclusive) until its
 * stop (exclusive), as on the chart.
 */
import type { Schedule } from '../domain/records.js';
import { addDays, wardDate, wardInstant } from '../domain/ward-time.js';

export interface ScheduledOrder {
  readonly schedule: Schedule;
  readonly startsAt: string;
  readonly stopsAt: string | null;
}

/** Every scheduled time of a regular order in [from, to), in order; none for an as-needed order. */
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
  return slots.sort((a, b) => a.getTime() - b.getTime()).filter((s, i, all) => i === 0 || all[i - 1]?.getTime() !== s.getTime());
}
