/*
 * The symbols the set-up page asks the scanner to read, one after the other.
 *
 * The first, a GS1 DataMatrix, shows what a scanner changes in GS1 data: a
 * GS between two variable-length elements; Y/Z (German QWERTZ),
 * A/Q/W/Z/M (French AZERTY), '"' (US and UK swap it with '@'), '-', '/',
 * '.' and lower case; and a GTIN with a valid check digit, not one of any
 * pack in the catalogue.
 *
 * The second, a Code 128 barcode, holds the characters a keyboard layout
 * swaps or a scanner cannot type, which GS1 data never has: '@' and '#'
 * (a UK keyboard turns a US-layout scanner's '@' into '"' and '#' into
 * '£'), '"', '£' (no key on a US layout), '/' and '~' (a common GS
 * substitute, and '¬' on a UK keyboard), with letters and digits that
 * QWERTZ and AZERTY move.
 */

/** GS1 human-readable form: what bwip-js draws (test-symbol.svg). */
export const TEST_SYMBOL_HRI = '(01)05099999000998(17)271231(10)AZERTY-QWERTZ(21)d"x/5.m';

/** What a scanner must send for it: AIM identifier, element string, GS (ASCII 29) after the batch. */
export const TEST_SYMBOL_RAW = ']d2010509999900099817271231' + '10AZERTY-QWERTZ\u001d21d"x/5.m';

/** bwip-js options that draw test-symbol.svg. */
export const TEST_SYMBOL_BWIP = { bcid: 'gs1datamatrix', text: TEST_SYMBOL_HRI, scale: 1, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'FFFFFF' } as const;

/**
 * The second symbol's data. '£' is ISO 8859-1 byte 163, which Code 128
 * carries as FNC4 followed by the character 163 − 128 ('#'): Code 128's
 * character set is ISO 8859-1, and ZXing (zxing-wasm) and scanners decode
 * the byte as '£'. `binarytext` makes bwip-js encode the text a byte per
 * character: by default it encodes UTF-8, which would put two extended
 * characters in the symbol ('Â£' when read back).
 */
export const TEST_CODE128_TEXT = 'Ws@#"£/~Az09';

/** What a scanner must send for it: AIM identifier ]C0 (Code 128, no FNC1) and the text. */
export const TEST_CODE128_RAW = `]C0${TEST_CODE128_TEXT}`;

/** The characters the second symbol is there to check, as the set-up page names them. */
export const TEST_CODE128_CHECKED = ['@', '#', '"', '£', '/', '~'] as const;

/** bwip-js options that draw test-symbol-code128.svg: 10 modules of quiet zone each side, bars 15 mm high. */
export const TEST_CODE128_BWIP = {
  bcid: 'code128',
  text: TEST_CODE128_TEXT,
  binarytext: true,
  scale: 1,
  height: 15,
  paddingwidth: 10,
  paddingheight: 4,
  backgroundcolor: 'FFFFFF',
} as const;
