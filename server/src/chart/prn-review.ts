import type { PrescriptionRecord } from '../domain/records.js';
import type { BedsideEnv } from '../scans/bedside.js';

/**
 * When an as-needed dose's effect is reviewed: 30 minutes after a dose by
 * injection, 60 after one by mouth or any other route (the usual
 * reassessment times for analgesia and antiemetics on UK wards).
 */
export function defaultReviewAfterMinutes(p: PrescriptionRecord): number {
  return p.route === 'iv' || p.route === 'im' || p.route === 'sc' ? 30 : 60;
}

/** How many minutes after an as-needed dose of an order its effect is reviewed, on this server now. */
export function prnReviewMinutes(_env: BedsideEnv): (p: PrescriptionRecord) => number {
  return defaultReviewAfterMinutes;
}
