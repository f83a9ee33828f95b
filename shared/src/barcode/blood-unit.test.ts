import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectBloodLabel, collectBloodUnit, EMPTY_UNIT, missingForCheck, type CollectedUnit } from './blood-unit.js';

const DIN = 'G071523123456';
// A UK red-cell bag: ISBT 128 DIN (check in flags) and group, Codabar component and expiry, ISBT product and expiry.
const BAG = {
  din: `=${DIN}79`,
  group: '=%9500',
  product: '=<E0001V00',
  codabarComponent: 'A0043503B',
  codabarExpiry: 'A11503272B',
  isbtExpiryTime: '&>0270742359',
};

function collected(raws: string[]): CollectedUnit {
  const r = collectBloodUnit(raws);
  if (!r.ok) throw new Error(r.message);
  return r.unit;
}

describe('collecting the barcodes of one bag into one unit', () => {
  it('merges ISBT 128 and Codabar labels, in any order', () => {
    const expected = {
      din: { label: 'din', din: DIN, flags: '79', check: 'verified', capture: 'barcode' },
      bloodGroup: 'O-',
      productCode: 'E0001V00',
      componentCode: '04350',
      expiry: { date: '2027-03-15', time: '23:59' },
    };
    const raws = Object.values(BAG);
    expect(collected(raws)).toMatchObject(expected);
    expect(collected([...raws].reverse())).toMatchObject(expected);
    expect(collected(raws).raws).toEqual(raws);
  });

  it('says the DIN and group are still missing until both are scanned', () => {
    expect(missingForCheck(EMPTY_UNIT)).toEqual(['din', 'bloodGroup']);
    expect(missingForCheck(collected([BAG.codabarComponent, BAG.group]))).toEqual(['din']);
    expect(missingForCheck(collected([BAG.din]))).toEqual(['bloodGroup']);
    expect(missingForCheck(collected([BAG.din, BAG.group]))).toEqual([]);
  });

  it('takes the same DIN again, keyed with its check character, without complaint', () => {
    const unit = collected([BAG.din, 'G0715 23 123456 J']);
    expect(unit.din?.din).toBe(DIN);
    expect(unit.din?.capture).toBe('barcode');
  });

  it.each([
    ['another bag’s DIN', `=G07152399999900`, /another bag/],
    ['a second group (ISBT)', '=%5100', /two blood groups/],
    ['a second group (Codabar)', 'D510B', /two blood groups/],
    ['a Codabar expiry on another day', 'A11603272B', /two expiry dates/],
    ['an ISBT expiry at another time', '&>0270741200', /two expiry times/],
    ['a second ISBT product code', '=<E0002V00', /two product codes/],
    ['a second Codabar component code', 'A0043513B', /two component codes/],
  ])('refuses %s and keeps the unit as it was', (_case, raw, message) => {
    const before = collected(Object.values(BAG));
    const r = collectBloodLabel(before, raw);
    expect(r).toMatchObject({ ok: false, problem: 'conflict' });
    expect(r.ok ? '' : r.message).toMatch(message);
    expect(r.unit).toBe(before);
  });

  it('refuses a concatenated read whose DIN differs, even though its group agrees', () => {
    const before = collected([BAG.din, BAG.group]);
    const r = collectBloodLabel(before, `=G07152399999900=%9500`);
    expect(r).toMatchObject({ ok: false, problem: 'conflict' });
  });

  it('reports an unreadable scan as unreadable and changes nothing', () => {
    const before = collected([BAG.din]);
    const r = collectBloodLabel(before, ']d20109501101020917');
    expect(r).toMatchObject({ ok: false, problem: 'unreadable' });
    expect(r.unit).toBe(before);
  });

  it('never throws and never changes the unit on failure, whatever is scanned', () => {
    const start = collected([BAG.din, BAG.group]);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...Object.values(BAG), 'D510B', '=%5100'), fc.string())), (raws) => {
        let unit = start;
        for (const raw of raws) {
          const r = collectBloodLabel(unit, raw);
          if (!r.ok) expect(r.unit).toBe(unit);
          unit = r.unit;
          // Whatever was accepted, the bag's identity never changes.
          expect(unit.din?.din).toBe(DIN);
          expect(unit.bloodGroup).toBe('O-');
        }
      }),
      { numRuns: 500 },
    );
  });
});
