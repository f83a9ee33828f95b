import type { BloodGroup } from '@wardscan/shared';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "1948-03-07" → "7 Mar 1948", from the digits: a birth date has no time zone. */
export function formatDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  const monthName = MONTHS[Number(month) - 1];
  if (!year || !monthName || !day) return isoDate;
  return `${Number(day)} ${monthName} ${year}`;
}

/** An instant as the ward's clock shows it (the handheld's time zone): "14:05". */
export function formatTime(instant: string): string {
  return new Date(instant).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/**
 * An instant on the handheld's clock with its day when that is not today:
 * "14:05", "yesterday 22:00", "tomorrow 08:00", else "24 Nov 14:05". The
 * chart keeps missed doses for two days; three "Missed · 22:00" read as one.
 */
export function formatDayTime(instant: string, now: Date): string {
  const at = new Date(instant);
  const dayOf = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
  const shifted = (days: number) => new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 12);
  if (dayOf(at) === dayOf(now)) return formatTime(instant);
  if (dayOf(at) === dayOf(shifted(-1))) return `yesterday ${formatTime(instant)}`;
  if (dayOf(at) === dayOf(shifted(1))) return `tomorrow ${formatTime(instant)}`;
  return formatDateTime(instant);
}

/** An instant with its date: "24 Nov 14:05". */
export function formatDateTime(instant: string): string {
  return new Date(instant).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
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
