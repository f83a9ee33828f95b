/*
 * Calendar dates and clock times in the ward's time zone. Expiry dates and
 * dose times are the ward's, never the server process's (DOMAIN.md: expiry
 * compares as a calendar date in the ward's time zone).
 *
 * Zone rules come from Temporal (the `temporal-polyfill` package until Node
 * ships it), which reads the IANA database through Intl: no offset
 * arithmetic here.
 *
 * One rule for the clock times that a daylight-saving change skips or repeats,
 * RFC 5545 §3.3.5's and Temporal's `disambiguation: 'compatible'`:
 * - a skipped time (clocks go forward) is read with the offset in force before
 *   the gap, so it lands as far after the gap as it was into it: the wall
 *   clock moves forward by the length of the gap (London 01:30 → 02:30 BST,
 *   New York 02:30 → 03:30 EDT, Santiago 00:00 → 01:00, Lord Howe 02:15 →
 *   02:45 after its 30-minute change);
 * - a repeated time (clocks go back) is its first, earlier occurrence
 *   (London 01:30 on the last Sunday of October is 00:30 UTC, in BST).
 * A 22:00 dose is due at 22:00 whatever the day; a dose time inside a gap is
 * due as soon after the change as it was into the gap, and one inside the
 * repeated hour is due the first time the clock shows it.
 */
import { Temporal } from 'temporal-polyfill';

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const wallClocks = new Map<string, Map<number, WallClock>>();

/**
 * The ward's clock at `instant`, to the second. Memoised by zone and whole
 * second (zone offsets change on whole seconds): every event at the bedside
 * asks for the time now, and reading a zone costs microseconds each time.
 */
function wallClock(instant: Date, timeZone: string): WallClock {
  const second = Math.floor(instant.getTime() / 1000);
  let zone = wallClocks.get(timeZone);
  if (!zone) {
    zone = new Map();
    wallClocks.set(timeZone, zone);
  }
  const known = zone.get(second);
  if (known) return known;
  if (zone.size > 10_000) zone.clear();
  const z = Temporal.Instant.fromEpochMilliseconds(second * 1000).toZonedDateTimeISO(timeZone);
  const w = { year: z.year, month: z.month, day: z.day, hour: z.hour, minute: z.minute };
  zone.set(second, w);
  return w;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The ward's calendar date (YYYY-MM-DD) at `instant`. */
export function wardDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The ward's clock time (HH:MM) at `instant`. */
export function wardClockTime(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

const instants = new Map<string, number>();

/**
 * The instant when the ward's clock shows `date` (YYYY-MM-DD) `time` (HH:MM);
 * a time skipped or repeated by a daylight-saving change resolves by the rule
 * above. A date or time that is not a real one throws a RangeError.
 */
export function wardInstant(date: string, time: string, timeZone: string): Date {
  // Memoised: every chart asks for the same few dose times, each scan for the
  // times of yesterday, today and tomorrow, and a zone lookup costs microseconds.
  const key = `${timeZone}|${date}|${time}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  if (instants.size > 10_000) instants.clear();
  const t = computeWardInstant(date, time, timeZone);
  instants.set(key, t);
  return new Date(t);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

function computeWardInstant(date: string, time: string, timeZone: string): number {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) throw new RangeError(`Not a ward date and time: ${date} ${time}`);
  const wall = Temporal.PlainDateTime.from(
    { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) },
    { overflow: 'reject' },
  );
  return wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
