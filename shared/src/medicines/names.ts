/*
 * Substance names compared in words, for records that carry no code: lower
 * case, salts and wording that do not change the substance removed, so
 * "Codeine phosphate", "codeine" and "Codeine-containing product" agree.
 */

const NOISE = [
  /\(substance\)|\(product\)|\(disorder\)/g,
  /-containing product|containing product/g,
  /\ballergy to\b|\ballergic to\b|\ballergy\b/g,
  /\b(hydrochloride|hydrobromide|sodium|potassium|calcium|phosphate|sulfate|sulphate|fumarate|maleate|besilate|besylate|mesilate|tartrate|citrate|acetate|trihydrate|dihydrate|monohydrate|anhydrous|succinate)\b/g,
  /\(as [^)]*\)/g,
];

/** The substance words of a name, for comparison: "Amoxicillin (as amoxicillin trihydrate)" → "amoxicillin". */
export function normaliseSubstance(name: string): string {
  let s = name.toLowerCase().replace(/\u00a0/g, ' ');
  for (const re of NOISE) s = s.replace(re, ' ');
  return s.replace(/[^a-z0-9/ -]/g, ' ').replace(/\s+/g, ' ').trim();
}
