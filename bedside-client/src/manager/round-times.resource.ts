import { wardRoundTimesSchema, WHEN_CODES, type RoundTimes, type RoundTimesInput, type WardRoundTimes, type WhenCode } from '@wardscan/shared';
import type { HttpClient } from '../api/http.js';

/**
 * One line of the form: a way an order names its times without clock times,
 * keyed as the server names the field (`perDay.2`, `everyHours.8`,
 * `when.ACM`), so its refusal lands beside the right line.
 */
export type RoundTimesLine =
  | { readonly key: `perDay.${'1' | '2' | '3' | '4'}`; readonly part: 'perDay'; readonly slot: '1' | '2' | '3' | '4'; readonly label: string }
  | { readonly key: `everyHours.${'6' | '8' | '12'}`; readonly part: 'everyHours'; readonly slot: '6' | '8' | '12'; readonly label: string }
  | { readonly key: `when.${WhenCode}`; readonly part: 'when'; readonly slot: WhenCode; readonly label: string };
export type RoundTimesLineKey = RoundTimesLine['key'];

const WHEN_WORDS: Record<WhenCode, string> = {
  MORN: 'In the morning',
  AFT: 'In the afternoon',
  EVE: 'In the evening',
  NIGHT: 'At night',
  HS: 'At bedtime',
  ACM: 'Before breakfast',
  ACD: 'Before lunch',
  ACV: 'Before the evening meal',
  PCM: 'After breakfast',
  PCD: 'After lunch',
  PCV: 'After the evening meal',
  CM: 'With breakfast',
  CD: 'With lunch',
  CV: 'With the evening meal',
};

/** The form's groups and lines, in the order a chart reads them. */
export const ROUND_TIMES_GROUPS: readonly { readonly legend: string; readonly lines: readonly RoundTimesLine[] }[] = [
  {
    legend: 'Doses a day',
    lines: [
      { key: 'perDay.1', part: 'perDay', slot: '1', label: 'Once a day (OD)' },
      { key: 'perDay.2', part: 'perDay', slot: '2', label: 'Twice a day (BD)' },
      { key: 'perDay.3', part: 'perDay', slot: '3', label: 'Three times a day (TDS)' },
      { key: 'perDay.4', part: 'perDay', slot: '4', label: 'Four times a day (QDS)' },
    ],
  },
  {
    legend: 'Evenly spaced',
    lines: [
      { key: 'everyHours.6', part: 'everyHours', slot: '6', label: 'Every 6 hours' },
      { key: 'everyHours.8', part: 'everyHours', slot: '8', label: 'Every 8 hours' },
      { key: 'everyHours.12', part: 'everyHours', slot: '12', label: 'Every 12 hours' },
    ],
  },
  {
    legend: 'Time of day',
    lines: WHEN_CODES.map((code) => ({ key: `when.${code}` as const, part: 'when' as const, slot: code, label: `${WHEN_WORDS[code]} (${code})` })),
  },
];

export const ROUND_TIMES_LINES: readonly RoundTimesLine[] = ROUND_TIMES_GROUPS.flatMap((g) => g.lines);

/** The line's times in force (one for a time of day). */
export function timesOfLine(times: RoundTimes, line: RoundTimesLine): string[] {
  if (line.part === 'perDay') return [...times.perDay[line.slot]];
  if (line.part === 'everyHours') return [...times.everyHours[line.slot]];
  return [times.when[line.slot]];
}

/** The form's text per line, one entry per time. */
export type RoundTimesDraft = Record<RoundTimesLineKey, string[]>;

export function draftOf(times: RoundTimes): RoundTimesDraft {
  return Object.fromEntries(ROUND_TIMES_LINES.map((line) => [line.key, timesOfLine(times, line)])) as RoundTimesDraft;
}

const sameTimes = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((t, i) => t === [...b].sort()[i]);

/**
 * The change to send: only the lines whose times differ from those in force
 * (the server keeps the rest), or the lines with a time left empty. The
 * server judges the rest (different times, even spacing).
 */
export function changeOf(draft: RoundTimesDraft, current: RoundTimes): { change: RoundTimesInput | null } | { errors: Partial<Record<RoundTimesLineKey, string>> } {
  const errors: Partial<Record<RoundTimesLineKey, string>> = {};
  const perDay: Record<string, string[]> = {};
  const everyHours: Record<string, string[]> = {};
  const when: Record<string, string> = {};
  for (const line of ROUND_TIMES_LINES) {
    const typed = draft[line.key].map((t) => t.trim());
    if (typed.some((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t))) {
      errors[line.key] = typed.length === 1 ? 'Enter a time as HH:MM.' : 'Enter every time as HH:MM.';
      continue;
    }
    if (sameTimes(typed, timesOfLine(current, line))) continue;
    if (line.part === 'perDay') perDay[line.slot] = typed;
    else if (line.part === 'everyHours') everyHours[line.slot] = typed;
    else when[line.slot] = typed[0] as string;
  }
  if (Object.keys(errors).length > 0) return { errors };
  const change: RoundTimesInput = {
    ...(Object.keys(perDay).length > 0 ? { perDay } : {}),
    ...(Object.keys(everyHours).length > 0 ? { everyHours } : {}),
    ...(Object.keys(when).length > 0 ? { when } : {}),
  };
  return { change: Object.keys(change).length > 0 ? change : null };
}

/** The line a server field names (`perDay.2.1` is a time of `perDay.2`), if it is one of the form's. */
export function lineOfField(field: string): RoundTimesLineKey | null {
  const key = field.split('.').slice(0, 2).join('.');
  return ROUND_TIMES_LINES.some((line) => line.key === key) ? (key as RoundTimesLineKey) : null;
}

export function fetchRoundTimes(http: HttpClient, wardId: string): Promise<WardRoundTimes> {
  return http.get(`/api/wards/${encodeURIComponent(wardId)}/round-times`, wardRoundTimesSchema);
}

/** Changes the parts given; `{ reset: true }` returns the ward to the trust defaults. */
export function saveRoundTimes(http: HttpClient, wardId: string, change: RoundTimesInput): Promise<WardRoundTimes> {
  return http.send('PUT', `/api/wards/${encodeURIComponent(wardId)}/round-times`, change, wardRoundTimesSchema);
}
