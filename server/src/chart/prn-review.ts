import { PRN_REVIEW_DEFAULT_MINUTES } from '@wardscan/shared';
import type { PrescriptionRecord } from '../domain/records.js';
import { reviewTimeFor, type OrderConcepts } from '../prn-review/matching.js';
import { reviewRulesNow } from '../prn-review/repository.js';
import type { BedsideEnv } from '../scans/bedside.js';

/**
 * When an as-needed dose's effect is reviewed when pharmacy has set no rule
 * for it: 30 minutes after a dose by injection, 60 after one by mouth or any
 * other route (the usual reassessment times for analgesia and antiemetics on
 * UK wards).
 */
export function defaultReviewAfterMinutes(p: PrescriptionRecord): number {
  return p.route === 'iv' || p.route === 'im' || p.route === 'sc' ? PRN_REVIEW_DEFAULT_MINUTES.injection : PRN_REVIEW_DEFAULT_MINUTES.other;
}

/** An order's VMP and VTM as this server's dm+d release has them; null for an order no dm+d concept names. */
function conceptsOf(env: BedsideEnv, p: PrescriptionRecord): OrderConcepts | null {
  const m = p.medication;
  switch (m.level) {
    case 'vtm':
      return { vmp: null, vtm: m.code, route: p.route };
    case 'vmp':
      return { vmp: m.code, vtm: env.repos.dmd.vtmOfVmp(m.code) ?? null, route: p.route };
    case 'amp': {
      const vmp = env.repos.dmd.vmpOfAmp(m.code) ?? null;
      return { vmp, vtm: vmp === null ? null : (env.repos.dmd.vtmOfVmp(vmp) ?? null), route: p.route };
    }
    // Words only, or a code the release does not hold: never matched by name, the default applies.
    case 'dmd-unknown':
    case 'free-text':
      return null;
    default: {
      const unreachable: never = m;
      return unreachable;
    }
  }
}

/**
 * How many minutes after an as-needed dose of an order its effect is
 * reviewed, on this server now: pharmacy's rules (looked up once per call,
 * for every order of a chart or a round's bed; parsed again only after they
 * change), else the default.
 */
export function prnReviewMinutes(env: BedsideEnv): (p: PrescriptionRecord) => number {
  const rules = reviewRulesNow(env.repos.db);
  if (rules.length === 0) return defaultReviewAfterMinutes;
  return (p) => reviewTimeFor(rules, conceptsOf(env, p), defaultReviewAfterMinutes(p)).minutes;
}
