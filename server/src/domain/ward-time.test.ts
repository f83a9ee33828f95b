import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, wardClockTime, wardDate, wardInstant } from './ward-time.js';

/*
 * The rule (ward-time.ts, RFC 5545 §3.3.5, Temporal's 'compatible'): a clock
 * time skipped by a daylight-saving change moves forward by the length of the
 * gap; a repeated one is its earlier instant. The oracle below reads zones
 * with Intl.DateTimeFormat alone, not with the library ward-time.ts uses, and
 * nothing here depends on the process's own zone (npm test runs with TZ=UTC).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at `ms`, as milliseconds of a UTC clock showing the same fields. */
function intlWall(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}
const intlOffset = (ms: number, timeZone: string): number => intlWall(ms, timeZone) - ms;

/** A wall clock (as UTC fields) to the ward date and HH:MM strings. */
const asWard = (wall: number): { date: string; time: string } => {
  const iso = new Date(wall).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
};

type Expected = { kind: 'exists'; instants: number[] } | { kind: 'skipped'; instant: number; gap: number };

/** What the rule says `wall` resolves to in `timeZone`, found by trying every offset in force within ±15 h. */
function oracle(wall: number, timeZone: string): Expected {
  const offsets = new Set<number>();
  for (let t = wall - 15 * HOUR; t <= wall + 15 * HOUR; t += 2 * HOUR) offsets.add(intlOffset(t, timeZone));
  const instants = [...offsets].map((o) => wall - o).filter((i) => intlWall(i, timeZone) === wall).sort((a, b) => a - b);
  if (instants.length) return { kind: 'exists', instants };
  // Skipped: read with the offset before the gap, the instant falls after it, where the offset is larger.
  const before = [...offsets].filter((o) => intlOffset(wall - o, timeZone) > o);
  expect(before).toHaveLength(1);
  const instant = wall - before[0]!;
  return { kind: 'skipped', instant, gap: intlOffset(instant, timeZone) - before[0]! };
}

/** Every change of offset in `timeZone` between two years, to the minute (daily samples, then bisection). */
function transitions(timeZone: string, fromYear: number, toYear: number): { at: number; before: number; after: number }[] {
  const found = [];
  let prev = Date.UTC(fromYear, 0, 1);
  let prevOffset = intlOffset(prev, timeZone);
  for (let t = prev + 24 * HOUR; t < Date.UTC(toYear + 1, 0, 1); t += 24 * HOUR) {
    const offset = intlOffset(t, timeZone);
    if (offset !== prevOffset) {
      let lo = prev;
      let hi = t; // offset(lo) = prevOffset, offset(hi) = offset
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (intlOffset(mid, timeZone) === prevOffset) lo = mid;
        else hi = mid;
      }
      found.push({ at: hi, before: prevOffset, after: offset });
    }
    prev = t;
    prevOffset = offset;
  }
  return found;
}

const iso = (d: Date) => d.toISOString().replace(':00.000Z', 'Z');
const clock = (d: Date, tz: string) => `${wardDate(d, tz)} ${wardClockTime(d, tz)}`;

describe('ward time on daylight-saving change days', () => {
  // [zone, ward date, clock time, the instant it resolves to, the ward clock at that instant]
  const cases: [string, string, string, string, string][] = [
    // London: 01:00 GMT → 02:00 BST on 29 March 2026; 02:00 BST → 01:00 GMT on 25 October 2026.
    ['Europe/London', '2026-03-29', '00:59', '2026-03-29T00:59Z', '2026-03-29 00:59'],
    ['Europe/London', '2026-03-29', '01:00', '2026-03-29T01:00Z', '2026-03-29 02:00'],
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:30Z', '2026-03-29 02:30'],
    ['Europe/London', '2026-03-29', '02:00', '2026-03-29T01:00Z', '2026-03-29 02:00'],
    ['Europe/London', '2026-03-29', '22:00', '2026-03-29T21:00Z', '2026-03-29 22:00'],
    ['Europe/London', '2026-10-25', '00:59', '2026-10-24T23:59Z', '2026-10-25 00:59'],
    ['Europe/London', '2026-10-25', '01:00', '2026-10-25T00:00Z', '2026-10-25 01:00'],
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30Z', '2026-10-25 01:30'],
    ['Europe/London', '2026-10-25', '02:00', '2026-10-25T02:00Z', '2026-10-25 02:00'],
    // New York: 02:00 EST → 03:00 EDT on 8 March 2026; 02:00 EDT → 01:00 EST on 1 November 2026.
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30Z', '2026-03-08 03:30'],
    ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00Z', '2026-03-08 03:00'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30Z', '2026-11-01 01:30'],
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00Z', '2026-11-01 02:00'],
    // Santiago changes at midnight: 00:00 −04 → 01:00 −03 on 6 September 2026, so the day starts at 01:00;
    // 00:00 −03 → 23:00 −04 on 5 April 2026, so 23:00–23:59 on the 4th happens twice.
    ['America/Santiago', '2026-09-06', '00:00', '2026-09-06T04:00Z', '2026-09-06 01:00'],
    ['America/Santiago', '2026-09-06', '00:30', '2026-09-06T04:30Z', '2026-09-06 01:30'],
    ['America/Santiago', '2026-09-05', '23:59', '2026-09-06T03:59Z', '2026-09-05 23:59'],
    ['America/Santiago', '2026-04-04', '23:30', '2026-04-05T02:30Z', '2026-04-04 23:30'],
    ['America/Santiago', '2026-04-05', '00:00', '2026-04-05T04:00Z', '2026-04-05 00:00'],
    // Lord Howe moves by 30 minutes: 02:00 +10:30 → 02:30 +11 on 4 October 2026; 02:00 +11 → 01:30 +10:30 on 5 April 2026.
    ['Australia/Lord_Howe', '2026-10-04', '02:00', '2026-10-03T15:30Z', '2026-10-04 02:30'],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:45Z', '2026-10-04 02:45'],
    ['Australia/Lord_Howe', '2026-10-04', '02:30', '2026-10-03T15:30Z', '2026-10-04 02:30'],
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45Z', '2026-04-05 01:45'],
    ['Australia/Lord_Howe', '2026-04-05', '02:00', '2026-04-04T15:30Z', '2026-04-05 02:00'],
    // Chatham, at a quarter-hour offset: 02:45 +12:45 → 03:45 +13:45 on 27 September 2026; 03:45 +13:45 → 02:45 +12:45 on 5 April 2026.
    ['Pacific/Chatham', '2026-09-27', '02:45', '2026-09-26T14:00Z', '2026-09-27 03:45'],
    ['Pacific/Chatham', '2026-09-27', '03:30', '2026-09-26T14:45Z', '2026-09-27 04:30'],
    ['Pacific/Chatham', '2026-09-27', '03:45', '2026-09-26T14:00Z', '2026-09-27 03:45'],
    ['Pacific/Chatham', '2026-04-05', '02:50', '2026-04-04T13:05Z', '2026-04-05 02:50'],
    ['Pacific/Chatham', '2026-04-05', '03:45', '2026-04-04T15:00Z', '2026-04-05 03:45'],
  ];

  it.each(cases)('%s %s %s → %s (ward clock %s)', (zone, date, time, instant, wall) => {
    const at = wardInstant(date, time, zone);
    expect(iso(at)).toBe(instant);
    expect(clock(at, zone)).toBe(wall);
    expect(wardInstant(date, time, zone).getTime()).toBe(at.getTime()); // the memoised answer is the same
  });

  it('skips a whole missing day: Apia crossed the date line, 29 → 31 December 2011', () => {
    expect(clock(wardInstant('2011-12-30', '08:00', 'Pacific/Apia'), 'Pacific/Apia')).toBe('2011-12-31 08:00');
  });

  it('refuses a date or time that is not a real one', () => {
    expect(() => wardInstant('2026-02-30', '08:00', 'Europe/London')).toThrow(RangeError);
    expect(() => wardInstant('2026-03-01', '24:00', 'Europe/London')).toThrow(RangeError);
    expect(() => wardInstant('2026-03-01', '8:00', 'Europe/London')).toThrow(RangeError);
    expect(() => wardInstant('2026-03-01', '08:00', 'Not/A_Zone')).toThrow(RangeError);
  });

  it('moves calendar dates across month, year and leap days', () => {
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('ward time, by property across zones', () => {
  const zones = [
    'Europe/London', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Chatham',
    'Europe/Dublin', 'America/Havana', 'Africa/Casablanca', 'Antarctica/Troll', 'Pacific/Apia', 'Asia/Kolkata', 'UTC',
  ] as const;
  const changes = new Map(zones.map((z) => [z, transitions(z, 2010, 2035)]));

  /** A ward clock as UTC fields: any minute from 2010 to 2035, or one within 2½ h of a change of offset in the zone. */
  const wallIn = (zone: (typeof zones)[number]) => {
    const any = fc.integer({ min: Date.UTC(2010, 0, 1) / MINUTE, max: Date.UTC(2035, 11, 31, 23, 59) / MINUTE }).map((m) => m * MINUTE);
    const list = changes.get(zone)!;
    if (!list.length) return any;
    const nearChange = fc
      .tuple(fc.constantFrom(...list), fc.integer({ min: -150, max: 150 }))
      .map(([c, delta]) => c.at + c.before + delta * MINUTE); // the wall clock just before the change, ± delta
    return fc.oneof(any, nearChange);
  };
  const sample = fc.constantFrom(...zones).chain((zone) => wallIn(zone).map((wall) => ({ zone, wall })));

  it('finds changes to test in every zone that has them', () => {
    expect(changes.get('Europe/London')!.length).toBe(52);
    expect(changes.get('Pacific/Apia')!.some((c) => c.after - c.before === 24 * HOUR)).toBe(true);
    expect(changes.get('Antarctica/Troll')!.some((c) => c.after - c.before === 2 * HOUR)).toBe(true);
    expect(changes.get('Asia/Kolkata')).toEqual([]);
  });

  it('resolves every ward date and clock time: as asked if it exists (the earlier if repeated), else moved forward by the gap', () => {
    const seen = { exists: 0, repeated: 0, skipped: 0 };
    fc.assert(
      fc.property(sample, ({ zone, wall }) => {
        const { date, time } = asWard(wall);
        const got = wardInstant(date, time, zone).getTime();
        const want = oracle(wall, zone);
        if (want.kind === 'exists') {
          seen.exists++;
          if (want.instants.length > 1) seen.repeated++;
          expect(got).toBe(want.instants[0]);
          expect(intlWall(got, zone)).toBe(wall);
          // Round trip: wall clock → instant → the same wall clock, read by ward-time.ts too.
          expect(wardDate(new Date(got), zone)).toBe(date);
          expect(wardClockTime(new Date(got), zone)).toBe(time);
        } else {
          seen.skipped++;
          expect(want.gap).toBeGreaterThan(0);
          expect(got).toBe(want.instant);
          expect(intlWall(got, zone)).toBe(wall + want.gap);
          expect(clock(new Date(got), zone)).toBe(Object.values(asWard(wall + want.gap)).join(' '));
        }
      }),
      { numRuns: 2000 },
    );
    // The generator reached every case the rule names.
    expect(seen.repeated).toBeGreaterThan(20);
    expect(seen.skipped).toBeGreaterThan(20);
  });

  it('reads any instant back to the earliest instant with the same ward clock', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones).chain((zone) => {
          const any = fc.integer({ min: Date.UTC(2010, 0, 1) / MINUTE, max: Date.UTC(2035, 11, 31) / MINUTE });
          const list = changes.get(zone)!;
          const nearChange = list.length
            ? fc.tuple(fc.constantFrom(...list), fc.integer({ min: -150, max: 150 })).map(([c, delta]) => c.at / MINUTE + delta)
            : any;
          return fc.tuple(fc.constant(zone), fc.oneof(any, nearChange));
        }),
        fc.integer({ min: 0, max: 59_999 }),
        ([zone, minute], ms) => {
          const at = new Date(minute * MINUTE + ms);
          const back = wardInstant(wardDate(at, zone), wardClockTime(at, zone), zone).getTime();
          const earliest = oracle(intlWall(minute * MINUTE, zone), zone);
          expect(earliest.kind).toBe('exists');
          if (earliest.kind === 'exists') expect(back).toBe(earliest.instants[0]);
          expect(back).toBeLessThanOrEqual(minute * MINUTE);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
