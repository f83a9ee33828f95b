import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBloodLabels } from './blood-unit.js';
import { interpretScan } from './interpret-scan.js';

// DIN G0715 23 123456: MOD 37-2 check J = 19 (worked in iso7064-mod37-2.test.ts), so check flags are 79.
const DIN = 'G071523123456';

function labelsOf(raw: string) {
  const read = readBloodLabels(raw);
  if (!read.ok) throw new Error(`expected labels from ${raw}: ${read.error.message}`);
  return read.value;
}
function errorOf(raw: string) {
  const read = readBloodLabels(raw);
  if (read.ok) throw new Error(`expected ${raw} to be refused`);
  return read.error;
}

describe('ISBT 128 labels, each read on its own', () => {
  it('reads a DIN with process flags as carrying no check', () => {
    expect(labelsOf(`=${DIN}00`)).toEqual([{ label: 'din', din: DIN, flags: '00', check: 'not-carried', capture: 'barcode' }]);
  });

  it('verifies the MOD 37-2 check carried in flags 60–96 (value + 60)', () => {
    expect(labelsOf(`=${DIN}79`)).toEqual([{ label: 'din', din: DIN, flags: '79', check: 'verified', capture: 'barcode' }]);
    expect(errorOf(`=${DIN}78`)).toMatchObject({ code: 'CHECK_DIGIT' });
    expect(errorOf(`=G071523123457` + '79')).toMatchObject({ code: 'CHECK_DIGIT' });
  });

  it('passes the verified check on to interpretScan', () => {
    expect(interpretScan(`=${DIN}79`)).toMatchObject({ ok: true, scan: { kind: 'blood', din: DIN, dinCheck: 'verified' } });
    expect(interpretScan(`=${DIN}70`)).toMatchObject({ ok: false, error: { code: 'CHECK_DIGIT' } });
  });

  it('reads a lone group, product or expiry label that interpretScan refuses without a DIN', () => {
    expect(labelsOf('=%9500')).toEqual([{ label: 'group', bloodGroup: 'O-', scheme: 'isbt128' }]);
    expect(labelsOf('=<E0001V00')).toEqual([{ label: 'product', code: 'E0001V00', scheme: 'isbt128' }]);
    expect(labelsOf('=<E0291VA0')).toEqual([{ label: 'product', code: 'E0291VA0', scheme: 'isbt128' }]);
    expect(labelsOf('=<E0291VAb')).toEqual([{ label: 'product', code: 'E0291VAb', scheme: 'isbt128' }]);
    expect(labelsOf('=>027074')).toEqual([{ label: 'expiry', date: '2027-03-15', time: null, scheme: 'isbt128' }]);
    expect(interpretScan('=%9500')).toMatchObject({ ok: false, error: { code: 'UNRECOGNISED' } });
  });

  it('reads expiry with time (&> cyyjjjhhmm)', () => {
    expect(labelsOf('&>0270742359')).toEqual([{ label: 'expiry', date: '2027-03-15', time: '23:59', scheme: 'isbt128' }]);
    expect(interpretScan(`=${DIN}00&>0270740830`)).toMatchObject({ ok: true, scan: { din: DIN, expiry: '2027-03-15', expiryTime: '08:30' } });
  });

  it.each([
    ['hour 24', '&>0270742400', 'DATE'],
    ['minute 60', '&>0270741260', 'DATE'],
    ['day 366 of a common year', '=>027366', 'DATE'],
    ['day 000', '=>027000', 'DATE'],
    ['short expiry', '=>02707', 'LENGTH'],
    ['short product code', '=<E0001V0', 'LENGTH'],
    ['group code not mapped (Kell etc.)', '=%Ff00', 'UNRECOGNISED'],
    ['another ISBT 128 structure', '&)0270741200', 'UNRECOGNISED'],
  ] as const)('refuses %s', (_case, raw, code) => {
    expect(errorOf(raw)).toMatchObject({ code });
  });

  it('refuses two structures of one kind in one read: they may be from two bags', () => {
    expect(errorOf('=%9500=%5100')).toMatchObject({ code: 'SYNTAX' });
    expect(errorOf(`=${DIN}00=G07152399999900`)).toMatchObject({ code: 'SYNTAX' });
  });

  it('reads a concatenated DIN + group read (Red Book 23.3 concatenation)', () => {
    expect(labelsOf(`]C0=${DIN}00=%6200`).map((l) => l.label)).toEqual(['din', 'group']);
  });
});

describe('UK Codabar labels', () => {
  it('reads the component code A0ddddd3B, with or without the Codabar AIM identifier, any case', () => {
    expect(labelsOf('A0043503B')).toEqual([{ label: 'product', code: '04350', scheme: 'codabar' }]);
    expect(labelsOf(']F0A0043503B')).toEqual([{ label: 'product', code: '04350', scheme: 'codabar' }]);
    expect(labelsOf('a0043503b')).toEqual([{ label: 'product', code: '04350', scheme: 'codabar' }]);
  });

  it.each([
    ['D510B', 'O+'], ['D950B', 'O-'], ['D620B', 'A+'], ['D060B', 'A-'],
    ['D730B', 'B+'], ['D170B', 'B-'], ['D840B', 'AB+'], ['D280B', 'AB-'],
  ])('reads Codabar group %s as %s', (raw, group) => {
    expect(labelsOf(raw)).toEqual([{ label: 'group', bloodGroup: group, scheme: 'codabar' }]);
  });

  it('reads the assumed expiry layout A1DDMMYY2B, refusing impossible dates', () => {
    expect(labelsOf('A11503272B')).toEqual([{ label: 'expiry', date: '2027-03-15', time: null, scheme: 'codabar' }]);
    expect(labelsOf('A12902282B')).toEqual([{ label: 'expiry', date: '2028-02-29', time: null, scheme: 'codabar' }]);
    expect(errorOf('A12902272B')).toMatchObject({ code: 'DATE' });
    expect(errorOf('A13106272B')).toMatchObject({ code: 'DATE' });
  });

  it('asks for start/stop characters when the scanner strips them', () => {
    expect(errorOf(']F00043503').message).toMatch(/start and stop/);
  });

  it('refuses Codabar that is none of the three', () => {
    expect(errorOf('A12345B')).toMatchObject({ code: 'UNRECOGNISED' });
    expect(errorOf('D990B')).toMatchObject({ code: 'UNRECOGNISED' });
  });
});

describe('a typed DIN', () => {
  it('is accepted only with its boxed MOD 37-2 check character', () => {
    expect(labelsOf('G0715 23 123456 J')).toEqual([{ label: 'din', din: DIN, flags: null, check: 'verified', capture: 'keyed' }]);
    expect(labelsOf('g071523123456j')).toEqual([{ label: 'din', din: DIN, flags: null, check: 'verified', capture: 'keyed' }]);
    expect(errorOf('G071523123456K')).toMatchObject({ code: 'CHECK_DIGIT' });
    expect(errorOf('G071523123465J')).toMatchObject({ code: 'CHECK_DIGIT' });
    expect(errorOf('G071523123456').message).toMatch(/boxed check character/);
  });
});

describe('readBloodLabels on anything', () => {
  it('returns labels or a typed error, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((s) => `=${s}`), fc.string().map((s) => `A${s}B`)), (raw) => {
        const read = readBloodLabels(raw);
        expect(typeof read.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
