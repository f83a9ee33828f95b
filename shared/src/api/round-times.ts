import { z } from 'zod';
import { idSchema } from './common.js';

/*
 * A ward's standard administration times (issue 13): the clock times an order
 * given as a count a day (BD, TDS…), an even interval (every 8 hours) or a
 * time of day (timing.when: MORN, HS, before breakfast…) is charted at, when
 * the order names no clock times of its own. Each ward sets its own; a ward
 * that has not uses the trust defaults below.
 */

/** HL7 v3 TimingEvent codes (FHIR timing.when) a ward places at a clock time. */
export const WHEN_CODES = ['MORN', 'AFT', 'EVE', 'NIGHT', 'HS', 'ACM', 'ACD', 'ACV', 'PCM', 'PCD', 'PCV', 'CM', 'CD', 'CV'] as const;
export type WhenCode = (typeof WHEN_CODES)[number];

const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** `n` different clock times, in the order the day runs from midnight. */
const timesOfCount = (n: number) =>
  z
    .array(clockTimeSchema)
    .length(n, `needs exactly ${n} time${n === 1 ? '' : 's'}`)
    .refine((ts) => new Set(ts).size === ts.length, 'the times must differ')
    .transform((ts) => [...ts].sort());

/**
 * An interval of `hours`: 24/hours times exactly `hours` apart round the
 * clock. Doses "every 6 hours" must be evenly spaced (a QDS round of 08, 12,
 * 18, 22 leaves 10 hours overnight), so uneven times are refused.
 */
const evenlySpaced = (hours: number) =>
  timesOfCount(24 / hours).refine((ts) => ts.every((t, i) => i === 0 || minutesOf(t) - minutesOf(ts[i - 1] as string) === hours * 60), `the times must be exactly ${hours} hours apart`);

export const roundTimesSchema = z
  .object({
    /** Doses a day (once, twice, three and four times daily) → their times. */
    perDay: z.object({ '1': timesOfCount(1), '2': timesOfCount(2), '3': timesOfCount(3), '4': timesOfCount(4) }).strict(),
    /** Every 6, 8 and 12 hours → evenly spaced times. */
    everyHours: z.object({ '6': evenlySpaced(6), '8': evenlySpaced(8), '12': evenlySpaced(12) }).strict(),
    /** timing.when code → its time on this ward. */
    when: z.object(Object.fromEntries(WHEN_CODES.map((c) => [c, clockTimeSchema])) as Record<WhenCode, typeof clockTimeSchema>).strict(),
  })
  .strict();
export type RoundTimes = z.infer<typeof roundTimesSchema>;

/** The trust's standard times, for a ward that has set none (as UK inpatient charts print them). */
export const DEFAULT_ROUND_TIMES: RoundTimes = {
  perDay: { '1': ['08:00'], '2': ['08:00', '18:00'], '3': ['08:00', '14:00', '22:00'], '4': ['08:00', '12:00', '18:00', '22:00'] },
  everyHours: { '6': ['00:00', '06:00', '12:00', '18:00'], '8': ['06:00', '14:00', '22:00'], '12': ['08:00', '20:00'] },
  when: {
    MORN: '08:00',
    AFT: '14:00',
    EVE: '18:00',
    NIGHT: '22:00',
    HS: '22:00',
    ACM: '07:30',
    ACD: '12:00',
    ACV: '17:00',
    PCM: '08:30',
    PCD: '13:00',
    PCV: '18:00',
    CM: '08:00',
    CD: '12:30',
    CV: '17:30',
  },
};

/**
 * PUT /wards/{id}/round-times: the parts to change, each whole (a count's or
 * interval's times together, a when code's time); what is left out stays.
 * `reset: true` returns the ward to the trust defaults first.
 */
export const roundTimesInputSchema = z
  .object({
    reset: z.literal(true).optional(),
    perDay: roundTimesSchema.shape.perDay.partial().optional(),
    everyHours: roundTimesSchema.shape.everyHours.partial().optional(),
    when: roundTimesSchema.shape.when.partial().optional(),
  })
  .strict()
  .refine((i) => i.reset || i.perDay || i.everyHours || i.when, 'Nothing to change: give perDay, everyHours, when or reset.');
export type RoundTimesInput = z.infer<typeof roundTimesInputSchema>;

/** GET/PUT /wards/{id}/round-times: the times in force and whether they are the ward's own. */
export const wardRoundTimesSchema = z.object({
  wardId: idSchema,
  /** False: the ward has set none, the trust defaults apply. */
  own: z.boolean(),
  times: roundTimesSchema,
});
export type WardRoundTimes = z.infer<typeof wardRoundTimesSchema>;
