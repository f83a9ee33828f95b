import type { BloodGroup } from '@wardscan/shared';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "1948-03-07" → "7 Mar 1948", from the digits: a birth date has no time zone. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  const monthName = MONTHS[Number(month) - 1];
  if (!year || !monthName || !day) return isoDate;
  return `${Number(day)} ${monthName} ${year}`;
}

/*
 * Clinical times are read on the ward's clock: its IANA time zone, as the
 * server names it with the round and the chart, never the handheld's own,
 * which may be set wrong. Where the two differ, each time says its zone
 * ("08:00 GMT"), so a nurse comparing it with a clock on the wall sees why.
 * Without a zone (screens with no ward) a time is the handheld's.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and style, made once: making one costs far more than using it. */
function formatter(style: 'time' | 'date-time' | 'date' | 'zone', timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${style}|${timeZone ?? ''}`;
  let known = formats.get(key);
  if (!known) {
    const zone = timeZone ? { timeZone } : {};
    const options: Record<typeof style, Intl.DateTimeFormatOptions> = {
      time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone },
      'date-time': { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...zone },
      date: { year: 'numeric', month: '2-digit', day: '2-digit', ...zone },
      zone: { timeZoneName: 'short', ...zone },
    };
    known = new Intl.DateTimeFormat('en-GB', options[style]);
    formats.set(key, known);
  }
  return known;
}

/** The handheld's own time zone, as its browser reads it. */
export function deviceTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The zone by its canonical name, or undefined when it is none the browser knows (then times are the handheld's, as before). */
function known(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    return formatter('time', timeZone).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The ward's zone when the handheld is set to another (times then say their zone); null when they agree or no zone is known. */
export function otherZone(timeZone: string | undefined): string | null {
  const zone = known(timeZone);
  return zone && zone !== deviceTimeZone() ? zone : null;
}

/** " GMT", " BST", " GMT-5": the zone's short name at that instant, when it is not the handheld's; else nothing. */
function zoneSuffix(at: Date, timeZone: string | undefined): string {
  if (!otherZone(timeZone)) return '';
  const name = formatter('zone', known(timeZone)).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  return name ? ` ${name}` : '';
}

/** An instant on the ward's clock (`timeZone`; the handheld's without one): "14:05", or "14:05 GMT" when the handheld is set to another zone. */
export function formatTime(instant: string, timeZone?: string): string {
  const at = new Date(instant);
  return `${formatter('time', known(timeZone)).format(at)}${zoneSuffix(at, timeZone)}`;
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * An instant on the ward's clock with its day when that is not today (the
 * ward's today): "14:05", "yesterday 22:00", "tomorrow 08:00", else
 * "24 Nov, 14:05". A missed dose stays on the chart until documented, so
 * three "Missed · 22:00" must not read as one.
 */
export function formatDayTime(instant: string, now: Date, timeZone?: string): string {
  const zone = known(timeZone);
  // The ward's calendar date as YYYY-MM-DD, from its parts (no locale's order to trust).
  const dayOf = (d: Date) => {
    const parts = Object.fromEntries(formatter('date', zone).formatToParts(d).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  };
  const day = dayOf(new Date(instant));
  const today = dayOf(now);
  if (day === today) return formatTime(instant, timeZone);
  if (day === addDays(today, -1)) return `yesterday ${formatTime(instant, timeZone)}`;
  if (day === addDays(today, 1)) return `tomorrow ${formatTime(instant, timeZone)}`;
  return formatDateTime(instant, timeZone);
}

/** An instant with its date on the ward's clock: "24 Nov, 14:05" (with its zone when the handheld is set to another). */
export function formatDateTime(instant: string, timeZone?: string): string {
  const at = new Date(instant);
  return `${formatter('date-time', known(timeZone)).format(at)}${zoneSuffix(at, timeZone)}`;
}

/** Seconds as m:ss for the patient-context countdown. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

const GROUP_WORDS: Record<BloodGroup, string> = {
  'O+': 'O RhD positive',
  'O-': 'O RhD negative',
  'A+': 'A RhD positive',
  'A-': 'A RhD negative',
  'B+': 'B RhD positive',
  'B-': 'B RhD negative',
  'AB+': 'AB RhD positive',
  'AB-': 'AB RhD negative',
};

/** "A RhD positive (A+)": in words, since a lone + or − is easily misread. */
export function bloodGroupText(group: BloodGroup): string {
  return `${GROUP_WORDS[group]} (${group})`;
}

/** "G071526100001" → "G0715 26 100001", grouped as the eye-readable DIN is printed. */
export function dinText(din: string): string {
  return din.length === 13 ? `${din.slice(0, 5)} ${din.slice(5, 7)} ${din.slice(7)}` : din;
}
