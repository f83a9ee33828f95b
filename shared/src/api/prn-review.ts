import { z } from 'zod';
import { dmdCodeSchema } from '../medicines/product.js';
import { idSchema, instantSchema } from './common.js';
import { medicationRouteSchema } from './units.js';

/*
 * When an as-needed dose's effect is reviewed (issue 12): pharmacy sets the
 * minutes per drug class, as the ward names it ("Opioid analgesics"), by the
 * dm+d codes it covers. An order with none of them, or with no dm+d code at
 * all, keeps the default: 30 minutes after a dose by injection, 60 otherwise.
 */

/** Whole minutes after a dose: at least 5 (no review is sooner), at most 12 hours. */
export const PRN_REVIEW_MINUTES = { min: 5, max: 720 } as const;
/** The default when no rule matches: by injection (iv, im, sc), and every other route. */
export const PRN_REVIEW_DEFAULT_MINUTES = { injection: 30, other: 60 } as const;
export const PRN_REVIEW_LIMITS = { nameLength: 80, codesPerRule: 50, rules: 100 } as const;

const uniqueItems = <T>(items: readonly T[]) => new Set(items).size === items.length;

/** One rule as pharmacy sends it. `routes` empty: any route. */
export const prnReviewRuleInputSchema = z
  .object({
    name: z.string().trim().min(1, 'give the drug class a name').max(PRN_REVIEW_LIMITS.nameLength),
    /** dm+d VTM and/or VMP codes; an order matches by its own code, or by its VMP's VTM. */
    codes: z
      .array(dmdCodeSchema)
      .min(1, 'add at least one dm+d code (VTM or VMP)')
      .max(PRN_REVIEW_LIMITS.codesPerRule)
      .refine(uniqueItems, 'a code is listed twice'),
    routes: z.array(medicationRouteSchema).refine(uniqueItems, 'a route is listed twice'),
    minutes: z
      .number()
      .int('whole minutes')
      .min(PRN_REVIEW_MINUTES.min, `at least ${PRN_REVIEW_MINUTES.min} minutes`)
      .max(PRN_REVIEW_MINUTES.max, `at most ${PRN_REVIEW_MINUTES.max} minutes (12 hours)`),
  })
  .strict();
export type PrnReviewRuleInput = z.infer<typeof prnReviewRuleInputSchema>;

/** PUT /prn-review-rules: the whole list, replacing what was there (an empty list: the defaults for every order). */
export const prnReviewRulesInputSchema = z
  .object({ rules: z.array(prnReviewRuleInputSchema).max(PRN_REVIEW_LIMITS.rules) })
  .strict()
  .superRefine(({ rules }, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      const key = r.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'name'], message: `another rule is already called ${r.name}` });
      seen.add(key);
    });
  });
export type PrnReviewRulesInput = z.infer<typeof prnReviewRulesInputSchema>;

/** A code of a rule as dm+d names it in this server's release. */
export const prnReviewCodeSchema = z.object({ code: dmdCodeSchema, level: z.enum(['vtm', 'vmp']), name: z.string() });
export type PrnReviewCode = z.infer<typeof prnReviewCodeSchema>;

export const prnReviewRuleSchema = z.object({
  id: idSchema,
  name: z.string(),
  codes: z.array(prnReviewCodeSchema),
  routes: z.array(medicationRouteSchema),
  minutes: z.number().int(),
});
export type PrnReviewRule = z.infer<typeof prnReviewRuleSchema>;

/** GET/PUT /prn-review-rules: the rules in force, the default for every other order, and who last set them. */
export const prnReviewRulesSchema = z.object({
  rules: z.array(prnReviewRuleSchema),
  defaults: z.object({ injection: z.number().int(), other: z.number().int() }),
  /** Null until pharmacy first sets them. */
  updatedAt: instantSchema.nullable(),
  updatedBy: z.string().nullable(),
});
export type PrnReviewRules = z.infer<typeof prnReviewRulesSchema>;
