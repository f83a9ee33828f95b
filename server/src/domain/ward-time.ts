/*
 * Calendar dates and clock times in the ward's time zone. Expiry dates and
 * dose times are the ward's, never the server process's (DOMAIN.md: expiry
 * compares as a calendar date in the ward's time zone).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const wallClocks = new Map<string, Map<number, WallClock>>();

/**
 * The ward's clock at `instant`, to the second. Memoised by zone and whole
 * second, which is all the formatter reads (zone offsets change on whole
 * seconds): every event at the bedside asks for the time now, and
 * `formatToParts` costs microseconds each time.
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
  const w = readWallClock(instant, timeZone);
  zone.set(second, w);
  return w;
}

function readWallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
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

/** Offset of the zone from UTC at `instant`, in milliseconds. */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const instants = new Map<string, number>();

/** The instant when the ward's clock shows `date` `time` (HH:MM). */
export function wardInstant(date: string, time: string, timeZone: string): Date {
  // Memoised: every chart asks for the same few dose times, and Intl is slow.
  const key = `${timeZone}|${date}|${time}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  if (instants.size > 10_000) instants.clear();
  const t = computeWardInstant(date, time, timeZone);
  instants.set(key, t.getTime());
  return t;
}

function computeWardInstant(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const naive = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  // Two passes settle the offset either side of a daylight-saving change.
  let guess = naive - offsetMs(new Date(naive), timeZone);
  guess = naive - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
