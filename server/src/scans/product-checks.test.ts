import type { Check } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import { rational } from '../domain/decimal.js';
import type { PastDose, PastIngredient, PrescriptionRecord, ProductRecord } from '../domain/records.js';
import { checkProduct, type ProductCheckInput } from './product-checks.js';
import { amoxicillin500Caps, cefalexin500Caps, cocodamol30500Tabs, gentamicin80In2mL, orderFor, paracetamol500Tabs, patient } from './test/medicines.js';

/*
 * The bedside check of a pack against the patient's orders, by dm+d code.
 * Each example at the top of issue 11 is a test here.
 */

const NOW = new Date('2026-12-02T08:10:00Z'); // 08:10 in London (GMT)

function input(product: ProductRecord, prescriptions: PrescriptionRecord[], more: Partial<ProductCheckInput> = {}): ProductCheckInput {
  return {
    now: NOW,
    timeZone: 'Europe/London',
    windowMinutes: 60,
    patient: patient(),
    scan: { kind: 'product', gtin: '05099996000014', expiry: '2030-01-31', batch: 'B1' },
    product,
    recalls: [],
    prescriptions,
    held: [],
    pastDoses: new Map(),
    identifiedBy: 'wristband',
    history: [],
    allergyStatusAskedThisShift: true,
    vmpOfAmp: () => undefined,
    vtmOfVmp: () => undefined,
    ...more,
  };
}
const rule = (checks: readonly Check[], id: Check['rule']) => checks.find((c) => c.rule === id);
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const paracetamolGiven = (h: number, grams: string): PastIngredient => ({
  givenAt: hoursAgo(h),
  substanceCode: '160009999',
  substanceName: 'paracetamol',
  amount: rational(BigInt(Math.round(Number(grams) * 1_000_000))),
  dimension: 'mass',
});

describe('right drug by dm+d code', () => {
  it('matches a real amoxicillin pack against a UK Core order coded with VMP 39732411000001106 (was: STOP "not prescribed")', () => {
    const amox = amoxicillin500Caps();
    const { verdict } = checkProduct(input(amox, [orderFor(amox, 'vmp', { dose: { kind: 'fixed', value: '500', unit: 'mg' } })]));
    expect(verdict.outcome).toBe('match');
    expect(verdict.title).toBe('Give 1 capsule (500 mg) Amoxicillin 500mg capsules (Test)');
  });

  it('matches an order at VTM level when the dose can be made from this pack, and stops when it cannot', () => {
    const para = paracetamol500Tabs();
    expect(checkProduct(input(para, [orderFor(para, 'vtm')])).verdict.outcome).toBe('match');
    const res = checkProduct(input(para, [orderFor(para, 'vtm', { dose: { kind: 'fixed', value: '30', unit: 'mg' } })]));
    expect(res.verdict.outcome).toBe('stop');
    expect(rule(res.verdict.checks, 'right-dose')?.message).toMatch(/30 mg cannot be made from 500 mg\/tablet/);
  });

  it('never silently matches an order in words only: a warning to read the label', () => {
    const amox = amoxicillin500Caps();
    const res = checkProduct(input(amox, [orderFor(amox, 'free-text', { dose: { kind: 'fixed', value: '500', unit: 'mg' } })]));
    expect(res.verdict.outcome).toBe('warning');
    expect(rule(res.verdict.checks, 'right-drug')).toMatchObject({ outcome: 'warning', message: expect.stringMatching(/cannot be verified by barcode: read the label/) });
  });

  it('stops a pack of another product of the same drug, naming the product ordered', () => {
    const para = paracetamol500Tabs();
    const cocodamol = cocodamol30500Tabs();
    const res = checkProduct(input(cocodamol, [orderFor(para, 'vmp')]));
    expect(res.verdict.outcome).toBe('stop');
    expect(rule(res.verdict.checks, 'right-drug')?.message).toMatch(/is not prescribed/);
  });
});

describe('right dose from the strength ratio', () => {
  it('gives 2 mL (80 mg) of gentamicin 80 mg/2 mL, not 1 mL', () => {
    const gent = gentamicin80In2mL();
    const { verdict } = checkProduct(input(gent, [orderFor(gent, 'vmp', { dose: { kind: 'fixed', value: '80', unit: 'mg' }, route: 'iv' })]));
    expect(verdict.doseToGive).toEqual({ quantity: '2', unit: 'mL', text: '2 mL (80 mg) — whole ampoule' });
    expect(verdict.doseLine).toBe('2 mL (80 mg) — whole ampoule — intravenous');
    expect(verdict.ingredients).toEqual([{ substanceCode: '220009999', substanceName: 'gentamicin sulfate', amount: { value: '80', unit: 'mg' } }]);
  });
});

describe('the dose line the nurse reads (issue 12)', () => {
  it('says the prescribed amount, the containers of what size, and the route: 5 mg subcutaneous from a 1 mL ampoule', () => {
    const gent = gentamicin80In2mL();
    const res = checkProduct(input(gent, [orderFor(gent, 'vmp', { dose: { kind: 'fixed', value: '320', unit: 'mg' }, route: 'im' })])).verdict;
    expect(res.doseLine).toBe('8 mL (320 mg) — 4 ampoules (2 mL each) — intramuscular');
    const morphine = { ...gent, name: 'Morphine 10 mg/1 mL (Test)', medicine: { ...gent.medicine, ingredients: [{ ...gent.medicine.ingredients[0]!, strength: { numerator: { value: '10', unit: 'mg' as const }, denominator: { value: '1', unit: 'mL' as const } } }], unitDose: { size: { value: '1', unit: 'mL' as const }, container: 'ampoule' as const }, routes: ['sc' as const] } };
    const sc = checkProduct(input(morphine, [orderFor(morphine, 'vmp', { dose: { kind: 'fixed', value: '5', unit: 'mg' }, route: 'sc' })])).verdict;
    expect(sc.outcome).toBe('match');
    expect(sc.doseLine).toBe('0.5 mL (5 mg) — 1 ampoule (1 mL) — subcutaneous');
    expect(sc.doseToGive?.text).toBe('0.5 mL (5 mg) — 1 ampoule');
  });

  it('gives no dose line when no dose can be given from the pack', () => {
    const para = paracetamol500Tabs();
    expect(checkProduct(input(para, [orderFor(para, 'vmp', { dose: { kind: 'fixed', value: '30', unit: 'mg' } })])).verdict.doseLine).toBeUndefined();
  });
});

describe('expiry', () => {
  it('reads the date as the ward reads dates, "31 Jan 2030", never "2030-01-31" (issue 12)', () => {
    const para = paracetamol500Tabs();
    const inDate = checkProduct(input(para, [orderFor(para, 'vmp')])).verdict;
    expect(rule(inDate.checks, 'expiry')).toEqual({ rule: 'expiry', outcome: 'pass', message: 'Expires 31 Jan 2030.' });
    const expired = checkProduct(input(para, [orderFor(para, 'vmp')], { scan: { kind: 'product', gtin: '05099996000014', expiry: '2025-01-31', batch: 'B1' } })).verdict;
    expect(rule(expired.checks, 'expiry')).toEqual({ rule: 'expiry', outcome: 'stop', message: 'Expired on 31 Jan 2025. Do not give; use another pack.' });
    expect(expired.title).toBe('Stop: Expired on 31 Jan 2025. Do not give; use another pack.');
  });
});

describe('allergy by ingredient and class', () => {
  const amox = amoxicillin500Caps();
  const order = orderFor(amox, 'vmp', { dose: { kind: 'fixed', value: '500', unit: 'mg' } });
  const withAllergy = (substance: string, code: string | null = null) =>
    checkProduct(input(amox, [order], { patient: patient({ allergyStatus: 'recorded', allergies: [{ substance, code, reaction: 'anaphylaxis' }] }) })).verdict;

  it('stops amoxicillin for a recorded "Penicillin" or "Penicillin G" allergy (was: "No recorded allergy")', () => {
    for (const recorded of ['Penicillin', 'penicillins', 'Penicillin G']) {
      const v = withAllergy(recorded);
      expect(v.outcome, recorded).toBe('stop');
      expect(rule(v.checks, 'allergy')?.message).toMatch(new RegExp(`allergic to ${recorded}`));
    }
  });

  it('stops by code when the allergy names the ingredient or the VTM by its code, whatever the words', () => {
    expect(withAllergy('Some local word', '300009999').outcome).toBe('stop');
    expect(withAllergy('Some local word', '100009999').outcome).toBe('stop');
  });

  it('warns, not stops, for a cephalosporin in a penicillin-allergic patient (cross-sensitivity)', () => {
    const cef = cefalexin500Caps();
    const v = checkProduct(input(cef, [orderFor(cef, 'vmp', { dose: { kind: 'fixed', value: '500', unit: 'mg' } })], { patient: patient({ allergyStatus: 'recorded', allergies: [{ substance: 'Penicillin', code: null, reaction: null }] }) })).verdict;
    expect(rule(v.checks, 'allergy')?.outcome).toBe('warning');
    expect(v.outcome).toBe('warning');
  });

  it('passes an unrelated allergy, and treats "no known drug allergies" as a status', () => {
    expect(rule(withAllergy('Latex').checks, 'allergy')?.outcome).toBe('pass');
    const nkda = checkProduct(input(amox, [order])).verdict;
    expect(rule(nkda.checks, 'allergy')?.message).toBe('No known drug allergies (recorded).');
  });

  it('warns on the first dose of a shift when nobody has recorded the allergy status, and not after', () => {
    const unknown = patient({ allergyStatus: 'unknown' });
    const first = checkProduct(input(amox, [order], { patient: unknown, allergyStatusAskedThisShift: false })).verdict;
    expect(rule(first.checks, 'allergy-status')?.outcome).toBe('warning');
    const later = checkProduct(input(amox, [order], { patient: unknown, allergyStatusAskedThisShift: true })).verdict;
    expect(rule(later.checks, 'allergy-status')).toBeUndefined();
  });
});

describe('limits per ingredient across all orders', () => {
  const para = paracetamol500Tabs();
  const regular = orderFor(para, 'vtm', { schedule: { kind: 'regular', times: ['08:00', '12:00', '18:00', '22:00'] } });
  const prn = orderFor(para, 'vtm', { schedule: { kind: 'prn', minIntervalMinutes: 240, maxDailyDose: '4' } });

  it('stops a fifth gram of paracetamol after 4 g in 24 hours on two orders (was: MATCH)', () => {
    const history = [paracetamolGiven(23, '1'), paracetamolGiven(19, '1'), paracetamolGiven(14, '1'), paracetamolGiven(10, '1')];
    const pastDoses = new Map<string, PastDose[]>([
      [regular.id, [hoursAgo(23), hoursAgo(19), hoursAgo(14)].map((givenAt) => ({ givenAt, slotAt: givenAt }))],
      [prn.id, [{ givenAt: hoursAgo(10), slotAt: null }]],
    ]);
    const res = checkProduct(input(para, [regular, prn], { history, pastDoses }));
    expect(res.verdict.outcome).toBe('stop');
    expect(rule(res.verdict.checks, 'cumulative-dose')).toMatchObject({ outcome: 'stop', message: expect.stringMatching(/paracetamol to 5 g in 24 hours, over the maximum of 4 g/) });
  });

  it('counts co-codamol toward paracetamol, and passes a dose that reaches the maximum exactly', () => {
    const cocodamol = cocodamol30500Tabs();
    const order = orderFor(cocodamol, 'vmp', { dose: { kind: 'fixed', value: '2', unit: 'tablet' }, schedule: { kind: 'prn', minIntervalMinutes: 240, maxDailyDose: null } });
    const three = [paracetamolGiven(20, '1'), paracetamolGiven(15, '1'), paracetamolGiven(10, '1')];
    expect(rule(checkProduct(input(cocodamol, [order], { history: three })).verdict.checks, 'cumulative-dose')?.outcome).toBe('pass');
    const more = [...three, paracetamolGiven(5, '0.5')];
    expect(rule(checkProduct(input(cocodamol, [order], { history: more })).verdict.checks, 'cumulative-dose')?.outcome).toBe('stop');
    // Doses more than 24 hours ago do not count.
    const old = [paracetamolGiven(25, '1'), paracetamolGiven(24.5, '1'), ...three];
    expect(rule(checkProduct(input(cocodamol, [order], { history: old })).verdict.checks, 'cumulative-dose')?.outcome).toBe('pass');
  });
});

describe('several orders for one pack', () => {
  const para = paracetamol500Tabs();

  it('flags a duplicated regular order and never lets the 08:00 dose be given twice', () => {
    const a = orderFor(para, 'vtm');
    const b = orderFor(para, 'vtm');
    const given = new Map<string, PastDose[]>([[a.id, [{ givenAt: new Date('2026-12-02T08:02:00Z'), slotAt: new Date('2026-12-02T08:00:00Z') }]]]);
    const res = checkProduct(input(para, [a, b], { pastDoses: given, history: [paracetamolGiven(0.1, '1')] }));
    expect(res.verdict.outcome).toBe('stop');
    expect(rule(res.verdict.checks, 'duplicate')?.outcome).toBe('stop');
    const chosenB = checkProduct(input(para, [a, b], { pastDoses: given, history: [paracetamolGiven(0.1, '1')], chosenPrescriptionId: b.id }));
    expect(chosenB.verdict.prescriptionId).toBe(b.id);
    expect(rule(chosenB.verdict.checks, 'duplicate')).toMatchObject({ outcome: 'stop', message: expect.stringMatching(/already given at 08:02 on another order/) });
    expect(rule(chosenB.verdict.checks, 'duplicate-order')?.outcome).toBe('warning');
  });

  it('shows the most severe verdict when several orders fit, lists the others, and honours the nurse’s choice', () => {
    const regular = orderFor(para, 'vtm', { schedule: { kind: 'regular', times: ['12:00'] } }); // not due until 12:00: early
    const prn = orderFor(para, 'vtm', { schedule: { kind: 'prn', minIntervalMinutes: 240, maxDailyDose: null } });
    const res = checkProduct(input(para, [prn, regular]));
    expect(res.verdict.prescriptionId).toBe(regular.id);
    expect(res.verdict.outcome).toBe('warning');
    expect(res.verdict.alternatives).toEqual([expect.objectContaining({ prescriptionId: prn.id, outcome: 'match' })]);
    const chosen = checkProduct(input(para, [prn, regular], { chosenPrescriptionId: prn.id }));
    expect(chosen.verdict).toMatchObject({ prescriptionId: prn.id, outcome: 'match' });
  });
});
