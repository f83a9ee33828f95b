import { describe, expect, it } from 'vitest';
import { interpretScan } from './interpret-scan.js';
import { looksLikeWristband } from './wristband-attempt.js';

describe('looksLikeWristband: a failed read that must end the positive ID', () => {
  it.each([
    ['a DCB1077 band with a wrong GSRN check digit', ']d28018509999999900101372'],
    ['the same in brackets', '(8018)509999999900101372'],
    ['8018 after another element', ']d29150001\u001d8018509999999900101372'],
    ['a Digital Link with 8018', 'https://id.example.org/8018/509999999900101372'],
    ['an NHS Number with a wrong check digit', '999 123 4568'],
    ['an NHS Number short of a digit', '999123456'],
  ])('%s', (_, raw) => {
    expect(interpretScan(raw, { acceptPlainNhsNumber: true }).ok).toBe(false);
    expect(looksLikeWristband(raw)).toBe(true);
  });

  it.each([
    ['a pack with a wrong GTIN check digit', ']d20105099999000014'],
    ['an EAN-13 with a wrong check digit', ']E05099999000014'],
    ['a blood label', '=G071523123457'],
    ['junk', 'hello'],
  ])('not %s', (_, raw) => {
    expect(looksLikeWristband(raw)).toBe(false);
  });
});
