/*
 * The shape of one GS1 Barcode Syntax Dictionary entry, as generated into
 * generated/ai-table.ts by shared/scripts/generate.ts.
 */

/** One component of an AI's data field, e.g. `N14,csum` or `[X..17]`. */
export interface AiComponent {
  /** N: digits; X: GS1 character set 82; Y: character set 39; Z: base64url. */
  cset: 'N' | 'X' | 'Y' | 'Z';
  min: number;
  max: number;
  /** Written `[...]` in the dictionary: may be absent once the data is used up. */
  optional: boolean;
  /** Names of GS1 reference "linter" checks, e.g. `csum`, `yymmd0`. */
  linters: readonly string[];
}

/** A dictionary entry: one AI, or a range such as 3100-3105 sharing one definition. */
export interface AiDefinition {
  first: string;
  last: string;
  /** Flag `*`: predefined length, so no FNC1 separator follows it. */
  predefinedLength: boolean;
  components: readonly AiComponent[];
  /** AIs (with `n` as a digit wildcard) that must not appear in the same message. */
  ex: readonly string[];
  title: string;
}
