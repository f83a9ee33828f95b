import { describe, expect, it } from 'vitest';
import { interpretScan } from './interpret-scan.js';
import { SCANNER_LEFT_OUT_GS } from './missing-separator.js';
import { looksLikeWristband, UNREADABLE_WRISTBAND } from './wristband-attempt.js';
import type { InterpretOptions, ScanError, ScanErrorCode } from './scan-types.js';

const GS = '\u001d';
const OPTIONS: InterpretOptions = { nhsCompanyPrefixes: ['5055220'], today: '2025-06-01' };

function errorOf(raw: string): ScanError {
  const result = interpretScan(raw, OPTIONS);
  if (result.ok) throw new Error(`${raw} read`);
  return result.error;
}

function expectError(raw: string, code: ScanErrorCode, options: InterpretOptions = OPTIONS): string {
  const result = interpretScan(raw, options);
  expect(result).toMatchObject({ ok: false, raw, error: { code } });
  return result.ok ? '' : result.error.message;
}

describe('interpretScan refuses bad input with the right code', () => {
  it.each([
    ['nothing', ''],
    ['only whitespace and a scanner suffix', '  \r\n'],
    ['an AIM identifier with no data', ']d2'],
  ])('EMPTY: %s', (_case, raw) => {
    expectError(raw, 'EMPTY');
  });

  it.each([
    ['prose', 'Please give 2 tablets'],
    ['a web address that is not a GS1 Digital Link', 'https://example.org/about/us'],
    ['an SSCC (pallet), not something at the bedside', '00106141411234567897'],
    ['a lone ISBT 128 blood group label', '=%5100'],
    ['a lone ISBT 128 expiry label', '=>025001'],
    ['an ISBT 128 blood group code Wardscan does not map', '=G07152312345600=%Ff00'],
    ['digits under a non-GS1 symbology that are no NHS Number or GTIN', ']C00109501101020917'],
    ['a lone AIM-like bracket', ']]'],
  ])('UNRECOGNISED: %s', (_case, raw) => {
    expectError(raw, 'UNRECOGNISED');
  });

  it('tells the nurse to scan the DIN when a blood label has none', () => {
    expect(expectError('=%5100', 'UNRECOGNISED')).toMatch(/Donation Identification Number/);
  });

  it.each([
    ['NHS Number with a wrong check digit', '943 476 5918'],
    ['NHS Number whose check would be 10', '9991234560'],
    ['NHS Number inside a wristband GSRN failing mod 11', ']d28018505522099912345603'],
    ['GTIN with a wrong check digit', ']d20109501101020918'],
    ['EAN-13 with a wrong check digit', '6291041500214'],
    ['GSRN with a wrong check digit', '8017501234500000123458'],
    ['GLN with a wrong check digit', '4145012345000016'],
  ])('CHECK_DIGIT: %s', (_case, raw) => {
    expectError(raw, 'CHECK_DIGIT');
  });

  it('says which wristband number failed and not to use the band', () => {
    expect(expectError('8018505522099912345603', 'CHECK_DIGIT')).toMatch(/^This wristband did not read correctly: .*replace it\.$/);
    expect(errorOf('8018505522099912345603').detail).toMatch(/9991234560.*Do not use this band/);
  });

  it('heads a wristband that does not read with plain words, the GS1 detail kept apart (issue 12)', () => {
    const error = errorOf(']d28018509999999900101372');
    expect(error).toEqual({
      code: 'CHECK_DIGIT',
      message: 'This wristband did not read correctly: scan it again, and if it still fails, replace it.',
      detail: '(8018) GSRN - RECIPIENT has a wrong check digit: 509999999900101372.',
    });
    // No AI number or GS1 title in what the nurse reads first.
    expect(error.message).not.toMatch(/\(8018\)|GSRN|check digit/);
    expect(errorOf('(8018)50999999990010137').message).toMatch(/^This wristband did not read correctly/);
    // Not a wristband: the message is left as it was.
    expect(errorOf(']d20109501101020918').message).toBe('(01) GTIN has a wrong check digit: 09501101020918.');
    expect(errorOf(']d20109501101020918').detail).toBeUndefined();
  });

  it.each([
    ['GTIN one digit short', ']d2010950110102091'],
    ['GTIN one digit short, then an expiry', `]d2010950110102091${GS}17261231`],
    ['GSRN 17 digits', `8018${'50552209990000018'}`],
    ['GSRN 19 digits', `8018${'5055220999000001870'}`],
    ['batch over 20 characters', `]d20109501101020917${'10'}${'A'.repeat(21)}`],
    ['empty batch before a separator', `]d20109501101020917` + `10${GS}21X`],
    ['GIAI over 30 characters', `8004${'5012345'}${'P'.repeat(24)}`],
    ['a DIN one character short', '=G0715231234560'],
    ['an ISBT 128 group field cut short', '=G07152312345600=%51'],
    ['100,000 characters', '0'.repeat(100_000)],
  ])('LENGTH: %s', (_case, raw) => {
    expectError(raw, 'LENGTH');
  });

  it.each([
    ['month 13', '010950110102091717251301'],
    ['31 June', '010950110102091717250631'],
    ['29 February in a common year', '010950110102091717250229'],
    ['day 32', '010950110102091717250132'],
    ['a birth date (7250) of 30 February', `8018505522094347659196${GS}725019850230`],
    ['an ISBT 128 expiry on day 366 of a common year', '=G07152312345600=>025366'],
  ])('DATE: %s', (_case, raw) => {
    expectError(raw, 'DATE');
  });

  it.each([
    ['an AI that does not exist', ']d2230950110102091'],
    ['letters where digits belong', ']d201ABCDEFGHIJKLMN'],
    ['characters outside the GS1 set in a batch', `]d20109501101020917` + '10AB 12'],
    ['two identifiers in one barcode', `]d20109501101020917` + `8018505522094347659196`],
    ['staff and patient GSRN together (dictionary ex=)', `8017501234500000123459${GS}8018505522094347659196`],
    ['the same AI twice with different data', `0109501101020917` + `0106291041500213`],
    ['control characters', `0109501101020917\u0004`],
    ['a NUL byte', '9434765919\u0000'],
    ['an unclosed (AI)', '(0109501101020917'],
    ['text before the first (AI)', '(ab)(01)09501101020917'],
    ['an unknown AI in parentheses', '(23)12'],
    ['a malformed DIN', '=G0715X312345600'],
    ['bare digits that are a GIAI or a (mod-11 valid) NHS Number', '8004000010'],
    ['bare digits that are a GIAI or a GTIN-13', '8004123456784'],
    ['a batch number with no product (dictionary req=)', `10AB12`],
  ])('SYNTAX: %s', (_case, raw) => {
    expectError(raw, 'SYNTAX');
  });

  it('never throws for non-string input from untyped callers', () => {
    expect(interpretScan(undefined as unknown as string)).toMatchObject({ ok: false, error: { code: 'EMPTY' } });
    expect(interpretScan(42 as unknown as string)).toMatchObject({ ok: false });
  });

  describe('a scanner that drops GS', () => {
    const GTIN_17 = '0105099999000011' + '17270131';

    it.each([
      ['batch swallowing the serial', `${GTIN_17}10PCM240121SN000000001`, /\(10\) batch may hide a \(21\) serial/],
      ['serial swallowing the batch', `${GTIN_17}21SN00000000110PCM2401`, /\(21\) serial may hide a \(10\) batch/],
      ['batch swallowing the expiry', `0105099999000011` + `10PCM240117270131`, /\(10\) batch may hide a \(17\) expiry/],
      ['the same behind an AIM identifier', `]d2${GTIN_17}10PCM240121SN000000001`, /\(10\) batch may hide a \(21\) serial/],
    ])('is refused as ambiguous: %s', (_case, raw, detail) => {
      expectError(raw, 'SYNTAX');
      expect(errorOf(raw).detail).toMatch(detail);
    });

    it('says so of the pack that was scanned, never of a wristband (issue 12)', () => {
      const { message } = errorOf(`${GTIN_17}10PCM240121SN000000001`);
      expect(message).toMatch(/^This pack did not read reliably: .*Scan the pack with the camera, or ask for the scanner to be set to send GS\.$/);
      expect(message).not.toMatch(/wristband|\(10\)|\(21\)/);
    });

    // Issue 14: a band whose GSRN (8018, fixed length but followed by FNC1) runs into the next AI was read by a
    // scanner that sent no GS. The band is most likely fine; "replace it" sent nurses to reprint good bands.
    it.each([
      ['a DCB1077 wristband', `8018505522094347659196${'91RXX/MRN0012345'}${'93BLOGGS/JOE/19700101'}`],
      ['the same behind its AIM identifier', `]d28018505522094347659196${'91RXX/MRN0012345'}${'93BLOGGS/JOE/19700101'}`],
      ['a band with its birth date (7250) after the GSRN', `]d2801850552209434765919672501970010191RXX/MRN1`],
    ])('names the scanner, not the band, when %s arrives without its separators', (_case, raw) => {
      const error = errorOf(raw);
      expect(error.code).toBe('SYNTAX');
      // The cause is data, for the bedside to act on without reading the words.
      expect(error.cause).toBe('scanner-left-out-gs');
      expect(error.message.startsWith(SCANNER_LEFT_OUT_GS)).toBe(true);
      expect(error.message.startsWith(`${SCANNER_LEFT_OUT_GS} in this wristband, so nobody is identified.`)).toBe(true);
      expect(error.message).toMatch(/Set up scanner/);
      expect(error.message).toMatch(/camera/);
      // Replacing it is the last resort, only if the camera cannot read it either.
      expect(error.message).not.toMatch(/^[^.]*replace/);
      expect(error.message.startsWith(UNREADABLE_WRISTBAND)).toBe(false);
      expect(error.detail).toMatch(/\(8018\) .* runs straight into \((91|7250)\): no group separator \(GS\) was sent/);
      // The band still ends any positive ID: it is a wristband that did not read.
      expect(looksLikeWristband(raw)).toBe(true);
    });

    it('says the same of a staff badge (8017) whose GSRN runs into the next AI', () => {
      const { message, cause } = errorOf(`801750123450000012345991RXX`);
      expect(message.startsWith(`${SCANNER_LEFT_OUT_GS} in this badge`)).toBe(true);
      expect(cause).toBe('scanner-left-out-gs');
    });

    it('keeps the wristband wording, and no scanner cause, for a band that holds separators, or whose GSRN is simply wrong', () => {
    expect(errorOf(`]d2801850552209434765919791RXX/MRN1`).cause).toBeUndefined();
      expect(errorOf(`]d28018505522094347659197${GS}91RXX/MRN1${GS}93BLOGGS/JOE/19700101`).message).toMatch(new RegExp(`^${UNREADABLE_WRISTBAND}`));
      expect(errorOf(`]d2801850552209434765919791RXX/MRN1`).message).toMatch(new RegExp(`^${UNREADABLE_WRISTBAND}`));
      expect(errorOf(`]d2801850552209434765919`).message).toMatch(new RegExp(`^${UNREADABLE_WRISTBAND}`));
    });

    it('is not suspected when the decoder sent a leading GS, or the batch hides nothing', () => {
      expect(interpretScan(`${GS}${GTIN_17}10B2110`, OPTIONS)).toMatchObject({ ok: true, scan: { batch: 'B2110' } });
      expect(interpretScan(`${GTIN_17}10PCM2401`, OPTIONS)).toMatchObject({ ok: true, scan: { batch: 'PCM2401' } });
      expect(interpretScan(`${GTIN_17}10PCM2401${GS}21SN10`, OPTIONS)).toMatchObject({ ok: true, scan: { serial: 'SN10' } });
      // "17" followed by something that is no date is not a hidden expiry.
      expect(interpretScan(`0105099999000011` + `10AB17XY`, OPTIONS)).toMatchObject({ ok: true, scan: { batch: 'AB17XY' } });
    });
  });
});
