import { collectBloodUnit, type Check, type CollectedUnit } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import { checkTransfusion, transfusionVerdict, type TransfusionCheckInput } from './checks.js';
import { DEFAULT_POLICY, type IssuedUnit, type TransfusionOrder } from './records.js';

const DIN = 'G071523123456';
const NOW = new Date('2026-11-24T10:00:00.000Z'); // London is on UTC in November.

function bag(...raws: string[]): CollectedUnit {
  const r = collectBloodUnit(raws);
  if (!r.ok) throw new Error(r.message);
  return r.unit;
}

const order: TransfusionOrder = { id: 'order-1', patientId: 'patient-agnes', component: 'red-cells', units: 2, requirements: [], status: 'active', orderedAt: '2026-11-24T07:00:00.000Z' };
const issued: IssuedUnit = {
  id: 'unit-1',
  din: DIN,
  patientId: 'patient-agnes',
  orderId: 'order-1',
  component: 'red-cells',
  bloodGroup: 'O-',
  productCode: 'E0001V00',
  expiresOn: '2026-12-01',
  expiresAtTime: null,
  issuedAt: '2026-11-24T09:30:00.000Z',
  outOfStorageAt: '2026-11-24T09:40:00.000Z',
  attributes: ['irradiated'],
  status: 'issued',
};

function input(overrides: Partial<TransfusionCheckInput> = {}): TransfusionCheckInput {
  return {
    patient: { id: 'patient-agnes', name: 'Agnes Morrow', bloodGroup: 'A+' },
    identifiedBy: 'wristband',
    scanned: bag(`=${DIN}79`, '=%9500', '=<E0001V00'),
    issued,
    order,
    secondChecker: null,
    now: NOW,
    timeZone: 'Europe/London',
    policy: DEFAULT_POLICY,
    ...overrides,
  };
}

function rule(checks: Check[], id: Check['rule']): Check {
  const c = checks.find((x) => x.rule === id);
  if (!c) throw new Error(`no ${id} check`);
  return c;
}
const outcome = (i: TransfusionCheckInput, id: Check['rule']) => rule(checkTransfusion(i), id).outcome;

describe('checkTransfusion lists every rule', () => {
  it('passes all but the pending second checker for the right unit for the right patient', () => {
    const checks = checkTransfusion(input());
    expect(checks.map((c) => [c.rule, c.outcome])).toEqual([
      ['transfusion-patient', 'pass'],
      ['transfusion-unit', 'pass'],
      ['abo-rhd', 'pass'],
      ['unit-expiry', 'pass'],
      ['cold-chain', 'pass'],
      ['special-requirements', 'pass'],
      ['transfusion-second-checker', 'warning'],
    ]);
    expect(transfusionVerdict(checks, DEFAULT_POLICY, null)).toMatchObject({ outcome: 'warning', witness: 'required' });
  });

  it('is a match once the second checker has scanned', () => {
    const checks = checkTransfusion(input({ secondChecker: 'Wendy Demo' }));
    expect(transfusionVerdict(checks, DEFAULT_POLICY, 'Wendy Demo')).toMatchObject({ outcome: 'match', witness: 'done' });
  });
});

describe('transfusion-patient', () => {
  it('passes for the patient the unit was issued for', () => expect(outcome(input(), 'transfusion-patient')).toBe('pass'));
  it('stops a unit issued for another patient', () => {
    expect(outcome(input({ issued: { ...issued, patientId: 'patient-bernard' } }), 'transfusion-patient')).toBe('stop');
  });
  it('stops a patient identified by typing, not by wristband', () => expect(outcome(input({ identifiedBy: 'keyed' }), 'transfusion-patient')).toBe('stop'));
  it('stops a patient identified by a plain NHS Number barcode, not the wristband', () =>
    expect(outcome(input({ identifiedBy: 'nhs-number-barcode' }), 'transfusion-patient')).toBe('stop'));
  it('stops when the lab never issued the DIN', () => expect(outcome(input({ issued: undefined }), 'transfusion-patient')).toBe('stop'));
});

describe('transfusion-unit', () => {
  it('passes an issued unit with an active order for its component', () => expect(outcome(input(), 'transfusion-unit')).toBe('pass'));
  it('stops a DIN the lab did not issue', () => expect(outcome(input({ issued: undefined }), 'transfusion-unit')).toBe('stop'));
  it('stops a unit already transfused', () => expect(outcome(input({ issued: { ...issued, status: 'transfused' } }), 'transfusion-unit')).toBe('stop'));
  it('stops when the product code on the bag differs from the issue record', () => {
    expect(outcome(input({ scanned: bag(`=${DIN}00`, '=%9500', '=<E0002V00') }), 'transfusion-unit')).toBe('stop');
  });
  it('stops when the expiry on the bag (ISBT or Codabar) differs from the issue record', () => {
    expect(outcome(input({ scanned: bag(`=${DIN}00`, '=%9500', 'A10112262B') }), 'transfusion-unit')).toBe('pass');
    expect(outcome(input({ scanned: bag(`=${DIN}00`, '=%9500', 'A10212262B') }), 'transfusion-unit')).toBe('stop');
    expect(outcome(input({ scanned: bag(`=${DIN}00`, '=%9500', '=>026336') }), 'transfusion-unit')).toBe('stop');
  });
  it('stops without an active order, or with an order for another component', () => {
    expect(outcome(input({ order: undefined }), 'transfusion-unit')).toBe('stop');
    expect(outcome(input({ order: { ...order, status: 'cancelled' } }), 'transfusion-unit')).toBe('stop');
    expect(outcome(input({ order: { ...order, component: 'platelets' } }), 'transfusion-unit')).toBe('stop');
  });
});

describe('abo-rhd', () => {
  it('passes O- red cells for an A+ patient', () => expect(outcome(input(), 'abo-rhd')).toBe('pass'));
  it('names the groups in words a nurse reads aloud ("an A+ patient", "a B+ patient")', () => {
    expect(rule(checkTransfusion(input()), 'abo-rhd').message).toBe('O- red cells for an A+ patient: compatible.');
    expect(rule(checkTransfusion(input({ patient: { id: 'patient-agnes', name: 'Agnes Morrow', bloodGroup: 'B+' } })), 'abo-rhd').message).toBe('O- red cells for a B+ patient: compatible.');
  });
  it('stops A+ red cells for an O+ patient', () => {
    const i = input({ patient: { id: 'patient-agnes', name: 'Agnes', bloodGroup: 'O+' }, issued: { ...issued, bloodGroup: 'A+' }, scanned: bag(`=${DIN}00`, '=%6200') });
    expect(rule(checkTransfusion(i), 'abo-rhd')).toMatchObject({ outcome: 'stop', message: expect.stringMatching(/ABO INCOMPATIBLE/) });
  });
  it('uses the component the lab issued: AB plasma for an A+ patient passes, O plasma stops', () => {
    const plasma = { ...issued, component: 'plasma' as const, bloodGroup: 'AB+' as const };
    expect(outcome(input({ issued: plasma, order: { ...order, component: 'plasma' }, scanned: bag(`=${DIN}00`, '=%8400') }), 'abo-rhd')).toBe('pass');
    expect(outcome(input({ issued: { ...plasma, bloodGroup: 'O+' }, order: { ...order, component: 'plasma' }, scanned: bag(`=${DIN}00`, '=%5100') }), 'abo-rhd')).toBe('stop');
  });
  it('warns for ABO non-identical platelets', () => {
    const i = input({ issued: { ...issued, component: 'platelets', bloodGroup: 'O+' }, order: { ...order, component: 'platelets' }, scanned: bag(`=${DIN}00`, 'D510B') });
    expect(outcome(i, 'abo-rhd')).toBe('warning');
  });
  it('stops when the group on the bag differs from the lab record', () => {
    expect(outcome(input({ scanned: bag(`=${DIN}00`, '=%5100') }), 'abo-rhd')).toBe('stop');
  });
  it('stops when no group was scanned', () => expect(outcome(input({ scanned: bag(`=${DIN}00`) }), 'abo-rhd')).toBe('stop'));
  it('warns for emergency O- red cells, and stops anything else, for a patient with no group on record', () => {
    const unknown = { id: 'patient-agnes', name: 'Agnes', bloodGroup: null };
    expect(outcome(input({ patient: unknown }), 'abo-rhd')).toBe('warning');
    expect(outcome(input({ patient: unknown, issued: { ...issued, bloodGroup: 'A-' }, scanned: bag(`=${DIN}00`, '=%0600') }), 'abo-rhd')).toBe('stop');
  });
});

describe('unit-expiry', () => {
  it('passes on the last day of a date-only expiry, in the ward’s zone', () => {
    expect(outcome(input({ now: new Date('2026-12-01T23:59:00.000Z') }), 'unit-expiry')).toBe('pass');
  });
  it('stops the day after a date-only expiry', () => {
    expect(outcome(input({ now: new Date('2026-12-02T00:00:00.000Z') }), 'unit-expiry')).toBe('stop');
  });
  it('stops at the expiry minute when the label gives a time, in ward time (BST in summer)', () => {
    const timed = { ...issued, expiresOn: '2026-07-01', expiresAtTime: '12:00', outOfStorageAt: '2026-07-01T10:00:00.000Z' };
    // 12:00 BST is 11:00 UTC.
    expect(outcome(input({ issued: timed, now: new Date('2026-07-01T10:59:00.000Z') }), 'unit-expiry')).toBe('pass');
    expect(outcome(input({ issued: timed, now: new Date('2026-07-01T11:00:00.000Z') }), 'unit-expiry')).toBe('stop');
  });
});

describe('cold-chain', () => {
  it('passes 20 minutes out of storage', () => expect(outcome(input(), 'cold-chain')).toBe('pass'));
  it('warns when too little of the 4-hour limit remains to finish', () => {
    expect(outcome(input({ now: new Date('2026-11-24T12:31:00.000Z') }), 'cold-chain')).toBe('warning');
  });
  it('warns at exactly the limit and stops one minute past it', () => {
    expect(outcome(input({ now: new Date('2026-11-24T13:40:00.000Z') }), 'cold-chain')).toBe('warning');
    expect(outcome(input({ now: new Date('2026-11-24T13:41:00.000Z') }), 'cold-chain')).toBe('stop');
  });
  it('uses the ward’s limit for the component', () => {
    const policy = { ...DEFAULT_POLICY, coldChainMinutes: { ...DEFAULT_POLICY.coldChainMinutes, 'red-cells': 30 }, minimumRemainingMinutes: 0 };
    expect(outcome(input({ policy, now: new Date('2026-11-24T10:10:00.000Z') }), 'cold-chain')).toBe('pass');
    expect(outcome(input({ policy, now: new Date('2026-11-24T10:11:00.000Z') }), 'cold-chain')).toBe('stop');
  });
  it('stops when the time out of storage was not recorded, or is in the future', () => {
    expect(outcome(input({ issued: { ...issued, outOfStorageAt: null } }), 'cold-chain')).toBe('stop');
    expect(outcome(input({ issued: { ...issued, outOfStorageAt: '2026-11-24T11:00:00.000Z' } }), 'cold-chain')).toBe('stop');
  });
});

describe('special-requirements', () => {
  it('passes when the unit meets every requirement ordered', () => {
    expect(outcome(input({ order: { ...order, requirements: ['irradiated'] } }), 'special-requirements')).toBe('pass');
  });
  it("stops a unit issued against another patient's order: this patient's requirements are unconfirmed", () => {
    const theirs = { ...order, patientId: 'patient-bernard' };
    const c = rule(checkTransfusion(input({ order: theirs, issued: { ...issued, patientId: 'patient-bernard' } })), 'special-requirements');
    expect(c).toMatchObject({ outcome: 'stop', message: expect.stringContaining("Agnes Morrow's order") });
  });
  it('stops a unit that is not CMV-negative for an order that needs it', () => {
    const c = rule(checkTransfusion(input({ order: { ...order, requirements: ['irradiated', 'cmv-negative'] } })), 'special-requirements');
    expect(c).toMatchObject({ outcome: 'stop', message: expect.stringMatching(/cmv-negative/) });
  });
});

describe('transfusion-second-checker', () => {
  it('asks no second checker on a stop, and the unit rule does not claim whose unit it is', () => {
    const checks = checkTransfusion(input({ issued: { ...issued, patientId: 'patient-bernard' } }));
    expect(transfusionVerdict(checks, DEFAULT_POLICY, null).witness).toBeUndefined();
    expect(rule(checks, 'transfusion-unit').message).not.toMatch(/this patient/);
  });
  it('warns until a second person has checked, where the ward requires one', () => {
    expect(outcome(input(), 'transfusion-second-checker')).toBe('warning');
    expect(outcome(input({ secondChecker: 'Wendy Demo' }), 'transfusion-second-checker')).toBe('pass');
  });
  it('passes where the ward does not require one, and the verdict asks for no witness', () => {
    const policy = { ...DEFAULT_POLICY, secondCheckerRequired: false };
    const checks = checkTransfusion(input({ policy }));
    expect(rule(checks, 'transfusion-second-checker').outcome).toBe('pass');
    expect(transfusionVerdict(checks, policy, null)).toMatchObject({ outcome: 'match' });
    expect(transfusionVerdict(checks, policy, null).witness).toBeUndefined();
  });
});
