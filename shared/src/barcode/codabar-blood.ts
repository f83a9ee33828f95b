/*
 * Codabar labels on UK blood packs. JPAC Red Book ch. 23 keeps the component
 * code (component label) and the expiry (blood group label) in Codabar while
 * the DIN and group are ISBT 128. Codabar has no data identifiers, so the
 * field is told by its start/stop characters and fixed inner digits, as in
 * the ABC Codabar conventions for blood labels.
 *
 * Layouts assumed (start and stop characters must be transmitted; case-blind):
 *   component code  A0 ddddd 3B      e.g. A0043503B → component 04350
 *   ABO/RhD         D gg 0B          e.g. D950B → O RhD negative (ISBT group codes)
 *   expiry          A1 DDMMYY 2B     e.g. A11503272B → 15 March 2027   (ASSUMED)
 * The expiry layout is an assumption not yet checked against a real UK
 * label. It is safe only because a scanned expiry never passes the expiry
 * check on its own: the server compares it with the lab's issue record and
 * stops on any disagreement. Check it against a real label before relying
 * on it, and change only this table.
 */
import type { BloodLabel } from './blood-label.js';
import { ISBT_GROUP_CODES } from './blood-label.js';
import { fullDate } from './gs1-dates.js';
import { type Step, done, fail } from './scan-result.js';

const COMPONENT = /^A0(\d{5})3B$/;
const GROUP = /^D(\d{2})0B$/;
const EXPIRY = /^A1(\d{2})(\d{2})(\d{2})2B$/;
const CODABAR_CHARACTERS = /^[0-9A-D\-$:/.+]+$/;

/** True if `text` (AIM identifier removed, upper-cased) is framed as Codabar: start and stop A–D. */
export function looksLikeCodabar(text: string): boolean {
  return /^[A-D].*[A-D]$/.test(text) && text.length >= 3 && CODABAR_CHARACTERS.test(text);
}

/**
 * Reads one Codabar blood-bag barcode: component code, group or expiry.
 * `text` is the symbol's data with its start/stop characters, any case.
 */
export function readCodabarBloodLabel(text: string): Step<BloodLabel> {
  const upper = text.toUpperCase();
  const component = COMPONENT.exec(upper);
  if (component) return done({ label: 'product', code: component[1]!, scheme: 'codabar' });
  const group = GROUP.exec(upper);
  if (group) {
    const bloodGroup = ISBT_GROUP_CODES[group[1]!];
    if (bloodGroup === undefined) return fail('UNRECOGNISED', `Blood group code ${group[1]} is not one Wardscan reads. Check the group on the label by eye.`);
    return done({ label: 'group', bloodGroup, scheme: 'codabar' });
  }
  const expiry = EXPIRY.exec(upper);
  if (expiry) {
    // UK labels print day, month, year; blood expires within weeks, so the year is 20YY.
    const date = fullDate(`20${expiry[3]}${expiry[2]}${expiry[1]}`);
    if (date === null) return fail('DATE', `The Codabar expiry ${expiry[1]}/${expiry[2]}/${expiry[3]} is not a real date.`);
    return done({ label: 'expiry', date, time: null, scheme: 'codabar' });
  }
  if (/^\d+$/.test(upper)) {
    return fail('UNRECOGNISED', 'This Codabar label arrived without its start and stop characters. Ask for the scanner to be set to send them.');
  }
  return fail('UNRECOGNISED', 'This Codabar label is not a blood component code, group or expiry that Wardscan reads.');
}
