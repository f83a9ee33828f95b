/*
 * The symbol the set-up page asks the scanner to read. Its characters are
 * chosen to show what a scanner changes: a GS between two variable-length
 * elements; Y/Z (German QWERTZ), A/Q/W/Z/M (French AZERTY), '"' (US and UK
 * swap it with '@'), '-', '/', '.' and lower case; and a GTIN with a valid
 * check digit, not one of any pack in the catalogue.
 */

/** GS1 human-readable form: what bwip-js draws (test-symbol.svg). */
export const TEST_SYMBOL_HRI = '(01)05099999000998(17)271231(10)AZERTY-QWERTZ(21)d"x/5.m';

/** What a scanner must send for it: AIM identifier, element string, GS (ASCII 29) after the batch. */
export const TEST_SYMBOL_RAW = ']d2010509999900099817271231' + '10AZERTY-QWERTZ\u001d21d"x/5.m';

/** bwip-js options that draw test-symbol.svg. */
export const TEST_SYMBOL_BWIP = { bcid: 'gs1datamatrix', text: TEST_SYMBOL_HRI, scale: 1, paddingwidth: 4, paddingheight: 4, backgroundcolor: 'FFFFFF' } as const;
