/*
 * Whether a barcode that failed to read was meant to be a wristband. A band
 * that does not read must end the current positive ID (the nurse is at
 * another bedside, or the band is damaged), so when in doubt the answer is yes.
 */
import { splitAimIdentifier } from './scan-forms.js';
import { GS } from './scan-result.js';

// AI 8018 (patient GSRN) where an element can start: at the beginning, after GS, in brackets, or as a Digital Link path segment.
const PATIENT_AI = new RegExp(`(?:^|${GS}|\\(|/)8018`);
// A plain NHS Number, possibly with a mistyped or misread digit count.
const NHS_NUMBER_LIKE = /^\d{3}[ -]?\d{3}[ -]?\d{3,5}$/;

/** The headline of every wristband that did not read, in the handheld's notice and the server's stop alike. */
export const UNREADABLE_WRISTBAND = 'This wristband did not read correctly';

/** True when `raw` carries the patient AI (8018): a GS1 wristband (DCB1077), whatever else is wrong with it. */
export function carriesPatientAi(raw: string): boolean {
  return PATIENT_AI.test(splitAimIdentifier(raw.trim()).body);
}

/** True when `raw`, which did not read, carries the patient AI (8018) or is shaped like an NHS Number. */
export function looksLikeWristband(raw: string): boolean {
  const { body } = splitAimIdentifier(raw.trim());
  return PATIENT_AI.test(body) || NHS_NUMBER_LIKE.test(body);
}
