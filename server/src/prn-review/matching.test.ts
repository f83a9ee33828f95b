import { describe, expect, it } from 'vitest';
import { reviewTimeFor, type OrderConcepts, type ReviewRule } from './matching.js';

// Codes from fixtures/dmd: morphine VTM and its 10mg/1ml injection VMP; paracetamol VTM.
const MORPHINE_VTM = '773372004';
const MORPHINE_INJ_VMP = '36128211000001109';
const PARACETAMOL_VTM = '777067000';

const rule = (name: string, minutes: number, codes: ReviewRule['codes'], routes: ReviewRule['routes'] = []): ReviewRule => ({ name, minutes, codes, routes });
const vtm = (code: string) => ({ code, level: 'vtm' as const });
const vmp = (code: string) => ({ code, level: 'vmp' as const });
const morphineSc: OrderConcepts = { vmp: MORPHINE_INJ_VMP, vtm: MORPHINE_VTM, route: 'sc' };

describe('reviewTimeFor', () => {
  it('keeps the default when no rule covers the order', () => {
    expect(reviewTimeFor([rule('Simple analgesics', 45, [vtm(PARACETAMOL_VTM)])], morphineSc, 30)).toEqual({ kind: 'default', minutes: 30 });
    expect(reviewTimeFor([], morphineSc, 30)).toEqual({ kind: 'default', minutes: 30 });
  });

  it('matches an order of a VMP by its VTM', () => {
    expect(reviewTimeFor([rule('Opioid analgesics', 20, [vtm(MORPHINE_VTM)])], morphineSc, 30)).toEqual({ kind: 'rule', rule: 'Opioid analgesics', minutes: 20 });
  });

  it('matches an order of a VTM by that VTM, never by a VMP of it', () => {
    const order: OrderConcepts = { vmp: null, vtm: MORPHINE_VTM, route: 'oral' };
    expect(reviewTimeFor([rule('Opioids', 30, [vtm(MORPHINE_VTM)])], order, 60).minutes).toBe(30);
    // A rule for one morphine product says nothing about a generic morphine order.
    expect(reviewTimeFor([rule('Morphine injection', 15, [vmp(MORPHINE_INJ_VMP)])], order, 60)).toEqual({ kind: 'default', minutes: 60 });
  });

  it('never matches an order with no dm+d code (free text), whatever its words', () => {
    expect(reviewTimeFor([rule('Morphine', 15, [vtm(MORPHINE_VTM)])], null, 60)).toEqual({ kind: 'default', minutes: 60 });
  });

  it('lets a rule naming the VMP win over one naming the VTM, even when the VTM rule is sooner', () => {
    const rules = [rule('Opioids', 15, [vtm(MORPHINE_VTM)], ['sc']), rule('Morphine 10 mg/mL injection', 45, [vmp(MORPHINE_INJ_VMP)])];
    expect(reviewTimeFor(rules, morphineSc, 30)).toEqual({ kind: 'rule', rule: 'Morphine 10 mg/mL injection', minutes: 45 });
    // In either order of the list.
    expect(reviewTimeFor([...rules].reverse(), morphineSc, 30).minutes).toBe(45);
  });

  it('lets a rule naming the route win over one for any route, at the same code level', () => {
    const rules = [rule('Opioids', 20, [vtm(MORPHINE_VTM)]), rule('Opioids by injection', 40, [vtm(MORPHINE_VTM)], ['iv', 'im', 'sc'])];
    expect(reviewTimeFor(rules, morphineSc, 30)).toEqual({ kind: 'rule', rule: 'Opioids by injection', minutes: 40 });
    expect(reviewTimeFor(rules, { ...morphineSc, route: 'oral' }, 60)).toEqual({ kind: 'rule', rule: 'Opioids', minutes: 20 });
  });

  it('skips a rule for other routes', () => {
    const rules = [rule('Oral opioids', 60, [vtm(MORPHINE_VTM)], ['oral'])];
    expect(reviewTimeFor(rules, morphineSc, 30)).toEqual({ kind: 'default', minutes: 30 });
    expect(reviewTimeFor(rules, { ...morphineSc, route: 'oral' }, 60).kind).toBe('rule');
  });

  it('breaks a tie with the shortest time: the sooner review is the safe side', () => {
    const rules = [rule('Analgesics', 60, [vtm(MORPHINE_VTM), vtm(PARACETAMOL_VTM)]), rule('Opioids', 25, [vtm(MORPHINE_VTM)]), rule('Controlled drugs', 40, [vtm(MORPHINE_VTM)])];
    expect(reviewTimeFor(rules, morphineSc, 30)).toEqual({ kind: 'rule', rule: 'Opioids', minutes: 25 });
    expect(reviewTimeFor([...rules].reverse(), morphineSc, 30)).toMatchObject({ rule: 'Opioids' });
  });

  it('takes a rule listing both the VMP and its VTM as a VMP match', () => {
    const rules = [rule('Morphine', 50, [vtm(MORPHINE_VTM), vmp(MORPHINE_INJ_VMP)]), rule('Opioids', 10, [vtm(MORPHINE_VTM)], ['sc'])];
    expect(reviewTimeFor(rules, morphineSc, 30)).toEqual({ kind: 'rule', rule: 'Morphine', minutes: 50 });
  });

  it('does not take a VTM code for a VMP or the other way round', () => {
    // Codes are compared at their own level only.
    expect(reviewTimeFor([rule('Odd', 10, [vmp(MORPHINE_VTM)])], morphineSc, 30).kind).toBe('default');
    expect(reviewTimeFor([rule('Odd', 10, [vtm(MORPHINE_INJ_VMP)])], morphineSc, 30).kind).toBe('default');
  });
});
