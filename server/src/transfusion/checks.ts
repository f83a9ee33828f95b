/*
 * The bedside transfusion check (BSH guideline on the administration of
 * blood components): one rule per question, each listed whether it passed or
 * not, so the record shows it was asked. Pure: the caller fetches the
 * records and the clock; nothing here does I/O.
 */
import { worstOutcome, type BloodGroup, type Check, type CollectedUnit, type ComponentType, type Verdict } from '@wardscan/shared';
import { wardDate, wardInstant } from '../domain/ward-time.js';
import { compatibility, unknownPatientCompatibility, type Compatibility } from './compatibility.js';
import type { IdMethod } from '../devices/context-repository.js';
import type { IssuedUnit, TransfusionOrder, TransfusionPolicy } from './records.js';

export interface TransfusionCheckInput {
  /** The patient identified on this device, and how. */
  readonly patient: { readonly id: string; readonly name: string; readonly bloodGroup: BloodGroup | null };
  readonly identifiedBy: IdMethod;
  /** The bag's barcodes, collected; must hold a DIN and a group. */
  readonly scanned: CollectedUnit;
  /** The lab's issue record for the scanned DIN, whoever it was issued for. */
  readonly issued: IssuedUnit | undefined;
  /** The order the unit was issued against. */
  readonly order: TransfusionOrder | undefined;
  /** Name of the second checker whose badge was accepted, if any. */
  readonly secondChecker: string | null;
  readonly now: Date;
  readonly timeZone: string;
  readonly policy: TransfusionPolicy;
}

const pass = (rule: Check['rule'], message: string): Check => ({ rule, outcome: 'pass', message });
const warn = (rule: Check['rule'], message: string): Check => ({ rule, outcome: 'warning', message });
const stop = (rule: Check['rule'], message: string): Check => ({ rule, outcome: 'stop', message });

const COMPONENT_NAMES: Record<ComponentType, string> = { 'red-cells': 'red cells', plasma: 'plasma', platelets: 'platelets' };

function patientRule(i: TransfusionCheckInput): Check {
  if (i.identifiedBy !== 'wristband') return stop('transfusion-patient', 'Blood may only be given to a patient identified by scanning the wristband. Scan the wristband.');
  if (!i.issued) return stop('transfusion-patient', 'The lab has no record of issuing this unit, so the patient cannot be confirmed. Do not transfuse: call the transfusion lab.');
  if (i.issued.patientId !== i.patient.id) return stop('transfusion-patient', `This unit was issued for another patient, not ${i.patient.name}. Do not transfuse: return it to the lab.`);
  return pass('transfusion-patient', `Unit issued for ${i.patient.name}.`);
}

function unitRule(i: TransfusionCheckInput): Check {
  const din = i.scanned.din?.din ?? '(none)';
  const u = i.issued;
  if (!u) return stop('transfusion-unit', `DIN ${din} is not a unit the lab issued. Do not transfuse: call the transfusion lab.`);
  if (u.status !== 'issued') return stop('transfusion-unit', `Unit ${din} is already ${u.status}. Do not transfuse it again.`);
  if (i.scanned.productCode !== null && u.productCode !== null && i.scanned.productCode !== u.productCode) {
    return stop('transfusion-unit', `The product code on the bag (${i.scanned.productCode}) is not the one the lab issued (${u.productCode}). Return the unit to the lab.`);
  }
  if (i.scanned.expiry && (i.scanned.expiry.date !== u.expiresOn || (i.scanned.expiry.time !== null && u.expiresAtTime !== null && i.scanned.expiry.time !== u.expiresAtTime))) {
    return stop('transfusion-unit', `The expiry on the bag (${i.scanned.expiry.date}) differs from the lab's record (${u.expiresOn}). Return the unit to the lab.`);
  }
  const o = i.order;
  if (!o || o.status !== 'active' || o.patientId !== u.patientId) return stop('transfusion-unit', `There is no active transfusion order for this unit. Check the prescription before going on.`);
  if (o.component !== u.component) return stop('transfusion-unit', `The order is for ${COMPONENT_NAMES[o.component]}, but this unit is ${COMPONENT_NAMES[u.component]}.`);
  // Whose unit it is, is transfusion-patient's question: say only what the lab issued.
  return pass('transfusion-unit', `DIN ${din} is a unit of ${COMPONENT_NAMES[u.component]} the lab issued, with an active order.`);
}

const ABO_WORDS: Record<Compatibility, string> = {
  compatible: 'compatible',
  acceptable: 'acceptable but not identical',
  incompatible: 'INCOMPATIBLE',
};

/** "an A+", "an AB-", "an O+", "a B+": the letter as it is spoken. */
const article = (group: BloodGroup): string => (group.startsWith('B') ? 'a' : 'an');

function aboRhdRule(i: TransfusionCheckInput): Check {
  const scannedGroup = i.scanned.bloodGroup;
  if (!scannedGroup) return stop('abo-rhd', 'Scan the blood group barcode on the bag.');
  const u = i.issued;
  if (!u) return stop('abo-rhd', 'Without the lab’s issue record the group cannot be checked. Do not transfuse.');
  if (u.bloodGroup !== scannedGroup) return stop('abo-rhd', `The bag says ${scannedGroup}, but the lab issued a ${u.bloodGroup} unit. Do not transfuse: return it to the lab.`);
  const component = COMPONENT_NAMES[u.component];
  if (i.patient.bloodGroup === null) {
    const c = unknownPatientCompatibility(u.component, u.bloodGroup);
    return c === 'incompatible'
      ? stop('abo-rhd', `The patient's blood group is not on record; ${u.bloodGroup} ${component} are not safe without it. Call the transfusion lab.`)
      : warn('abo-rhd', `The patient's blood group is not on record; ${u.bloodGroup} ${component} are the emergency choice. Confirm with the transfusion lab.`);
  }
  const c = compatibility(u.component, i.patient.bloodGroup, u.bloodGroup);
  const text = `${u.bloodGroup} ${component} for ${article(i.patient.bloodGroup)} ${i.patient.bloodGroup} patient`;
  if (c.overall === 'incompatible') return stop('abo-rhd', `${text}: ${c.abo === 'incompatible' ? 'ABO' : 'RhD'} ${ABO_WORDS.incompatible}. Do not transfuse: return it to the lab.`);
  if (c.overall === 'acceptable') {
    const why = c.abo === 'acceptable' ? 'ABO non-identical (group O platelets must be high-titre negative)' : 'RhD positive for an RhD negative patient (consider anti-D)';
    return warn('abo-rhd', `${text}: ${why}. Confirm the lab chose it deliberately.`);
  }
  return pass('abo-rhd', `${text}: compatible.`);
}

function expiryRule(i: TransfusionCheckInput): Check {
  const u = i.issued;
  if (!u) return stop('unit-expiry', 'Expiry cannot be checked without the lab’s issue record.');
  // A date alone lasts to the end of that ward day; with a time, until that minute.
  const expired = u.expiresAtTime === null ? wardDate(i.now, i.timeZone) > u.expiresOn : i.now.getTime() >= wardInstant(u.expiresOn, u.expiresAtTime, i.timeZone).getTime();
  const when = u.expiresAtTime === null ? u.expiresOn : `${u.expiresOn} ${u.expiresAtTime}`;
  return expired ? stop('unit-expiry', `This unit expired (${when}). Do not transfuse: return it to the lab.`) : pass('unit-expiry', `In date (expires ${when}).`);
}

function coldChainRule(i: TransfusionCheckInput): Check {
  const u = i.issued;
  if (!u) return stop('cold-chain', 'Time out of controlled storage cannot be checked without the lab’s issue record.');
  if (u.outOfStorageAt === null) return stop('cold-chain', 'The time this unit left controlled storage is not recorded. Ask the lab before going on.');
  const minutesOut = Math.floor((i.now.getTime() - new Date(u.outOfStorageAt).getTime()) / 60_000);
  if (minutesOut < 0) return stop('cold-chain', 'The unit is recorded as leaving storage in the future: the clocks disagree. Ask the lab.');
  const limit = i.policy.coldChainMinutes[u.component];
  if (minutesOut > limit) return stop('cold-chain', `Out of controlled storage for ${minutesOut} minutes, over the ${limit}-minute limit. Do not transfuse: return it to the lab.`);
  if (limit - minutesOut < i.policy.minimumRemainingMinutes) {
    return warn('cold-chain', `Out of controlled storage for ${minutesOut} minutes: the transfusion must finish within ${limit - minutesOut} minutes.`);
  }
  return pass('cold-chain', `Out of controlled storage for ${minutesOut} minutes (limit ${limit}).`);
}

function specialRequirementsRule(i: TransfusionCheckInput): Check {
  if (!i.issued || !i.order) return stop('special-requirements', 'Special requirements cannot be checked without the order and the issued unit.');
  if (i.order.patientId !== i.patient.id) return stop('special-requirements', `This unit was not issued against ${i.patient.name}'s order, so their special requirements cannot be confirmed.`);
  const have = new Set(i.issued.attributes);
  const missing = i.order.requirements.filter((r) => !have.has(r));
  if (missing.length > 0) return stop('special-requirements', `The order needs ${missing.join(' and ')}, which this unit is not. Do not transfuse: return it to the lab.`);
  return pass('special-requirements', i.order.requirements.length === 0 ? 'No special requirements ordered.' : `Meets ${i.order.requirements.join(' and ')}.`);
}

function secondCheckerRule(i: TransfusionCheckInput): Check {
  if (!i.policy.secondCheckerRequired) return pass('transfusion-second-checker', 'This ward does not require a second checker.');
  return i.secondChecker === null
    ? warn('transfusion-second-checker', 'A second member of staff must check the unit and scan their badge.')
    : pass('transfusion-second-checker', `Second check by ${i.secondChecker}.`);
}

/** Every bedside transfusion rule, in the order the nurse reads them. */
export function checkTransfusion(input: TransfusionCheckInput): Check[] {
  return [patientRule, unitRule, aboRhdRule, expiryRule, coldChainRule, specialRequirementsRule, secondCheckerRule].map((rule) => rule(input));
}

/** The verdict screen for a transfusion check: the worst rule decides; the second checker shows as `witness`. */
export function transfusionVerdict(checks: readonly Check[], policy: TransfusionPolicy, secondChecker: string | null): Verdict {
  const outcome = worstOutcome(checks);
  const firstProblem = checks.find((c) => c.outcome === outcome);
  const title =
    outcome === 'stop'
      ? // The screen's heading already says STOP – DO NOT TRANSFUSE; the title says why.
        (firstProblem?.message ?? 'Do not transfuse.')
      : outcome === 'warning'
        ? `Check before starting: ${firstProblem?.message ?? ''}`.trim()
        : 'Unit checked: ready to start the transfusion.';
  return {
    outcome,
    title,
    checks: [...checks],
    // Nobody second-checks a unit that must not be given.
    ...(policy.secondCheckerRequired && outcome !== 'stop' ? { witness: secondChecker === null ? ('required' as const) : ('done' as const) } : {}),
  };
}
