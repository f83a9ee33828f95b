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
  /**
   * Pairings the AI needs (`req=`): every rule must hold, and a rule holds
   * when all AIs of one of its groups are present. `req=01+21,8006+21` is
   * `[[['01', '21'], ['8006', '21']]]`.
   */
  req: readonly AiRequirement[];
  /** Flag `?`: may be a GS1 Digital Link data attribute (a query parameter). */
  dlAttribute: boolean;
  /**
   * `dlpkey`: the AI is a GS1 Digital Link primary key, and these are its
   * alternative ordered key-qualifier sequences (`dlpkey=22,10,21|235` is
   * `[['22', '10', '21'], ['235']]`; bare `dlpkey` is `[[]]`). Null if it is no key.
   */
  dlKeyQualifiers: readonly (readonly string[])[] | null;
  title: string;
}

/** One `req=` rule: alternative groups of AIs (patterns, `n` any digit), one group of which must be present in full. */
export type AiRequirement = readonly (readonly string[])[];
