/*
 * What gs1-barcode-parser's `parseBarcode` returns (it ships no types).
 * `data` is a string for text fields, a number for measures and a local-time
 * Date for dates: we never use the latter two, because floats and the process's
 * time zone cannot give exact values (DOMAIN.md).
 */

/** One element as gs1-barcode-parser reports it. */
export interface ParsedElement {
  ai: string;
  dataTitle: string;
  data: string | number | Date;
  /** Unit or ISO code split off some fields (e.g. 421's country code); '' if none. */
  unit: string;
}

/** The whole result of gs1-barcode-parser's `parseBarcode`. */
export interface ParsedBarcode {
  codeName: string;
  parsedCodeItems: ParsedElement[];
}
