import { ALLERGEN_CLASSES, CLASS_WIDE_ON_MEMBER_ALLERGY, MEMBER_SYNONYMS, type AllergenClass } from './allergen-classes.js';
import { normaliseSubstance } from './names.js';

/*
 * Allergy against product, by code and by class, never by free text alone:
 * a recorded "Penicillin" allergy covers amoxicillin; a cephalosporin carries
 * a smaller cross-sensitivity risk (BNF: penicillins; cephalosporins).
 */

/** An allergy as recorded: the substance in words and, where the record has one, its SNOMED CT code. */
export interface RecordedAllergy {
  readonly substance: string;
  readonly code: string | null;
}

/** A substance in the product: its dm+d/SNOMED codes (ingredient, VTM) and its name. */
export interface ProductSubstance {
  readonly codes: readonly string[];
  readonly name: string;
}

export type AllergyMatch =
  | { readonly kind: 'none' }
  /** The recorded substance is in the product. */
  | { readonly kind: 'substance'; readonly substance: string }
  /** The product contains a member of the recorded class (or of the class of the recorded member). */
  | { readonly kind: 'class'; readonly substance: string; readonly allergenClass: AllergenClass; readonly outcome: 'stop' | 'warning' }
  /** A related class with a smaller risk (e.g. a cephalosporin for a penicillin allergy): a warning. */
  | { readonly kind: 'cross-sensitivity'; readonly substance: string; readonly allergenClass: AllergenClass; readonly relatedClass: AllergenClass; readonly note: string };

/**
 * Classes where an allergy to one member is an allergy to all (BNF: "patients
 * who are allergic to one penicillin will be allergic to all"); in the others,
 * another member of the class is a warning to check, not a stop.
 */
const WHOLE_CLASS = new Set(CLASS_WIDE_ON_MEMBER_ALLERGY);

/** The name an allergy record uses, with the table's synonyms resolved ("Penicillin G" → benzylpenicillin). */
const recordedName = (substance: string): string => {
  const lower = substance.trim().toLowerCase();
  return MEMBER_SYNONYMS[lower] ?? MEMBER_SYNONYMS[normaliseSubstance(lower)] ?? substance;
};

const words = (name: string): string => ` ${normaliseSubstance(name)} `;
/** "codeine" is in "codeine phosphate"; "penicillin" is not in "phenoxymethylpenicillin". */
const namesMatch = (recorded: string, substance: string): boolean => {
  const r = normaliseSubstance(recorded);
  return r.length > 2 && words(substance).includes(` ${r} `);
};

const memberOf = (c: AllergenClass, s: ProductSubstance): boolean =>
  c.members.some((m) => [...(m.snomed ?? []), ...(m.dmd ?? [])].some((code) => s.codes.includes(code)) || namesMatch(m.name, s.name) || namesMatch(s.name, m.name));

/** The classes an allergy record names: the class itself, or the class of the member it names. */
function classesOfAllergy(a: RecordedAllergy): { readonly byName: AllergenClass[]; readonly byMember: AllergenClass[] } {
  const name = normaliseSubstance(recordedName(a.substance));
  const byName = ALLERGEN_CLASSES.filter((c) => (a.code !== null && c.classCodes.includes(a.code)) || c.classNames.some((n) => normaliseSubstance(n) === name));
  const byMember = ALLERGEN_CLASSES.filter(
    (c) => !byName.includes(c) && c.members.some((m) => (a.code !== null && [...(m.snomed ?? []), ...(m.dmd ?? [])].includes(a.code)) || normaliseSubstance(m.name) === name),
  );
  return { byName, byMember };
}

/** 2 for a match that stops, 1 for one that warns, 0 for none: the worst match wins. */
const severityOf = (m: AllergyMatch): number => {
  switch (m.kind) {
    case 'none':
      return 0;
    case 'cross-sensitivity':
      return 1;
    case 'class':
      return m.outcome === 'stop' ? 2 : 1;
    case 'substance':
      return 2;
    default: {
      const never: never = m;
      return never;
    }
  }
};

/** How a recorded allergy bears on one product substance. */
function matchOne(a: RecordedAllergy, s: ProductSubstance): AllergyMatch {
  if ((a.code !== null && s.codes.includes(a.code)) || namesMatch(recordedName(a.substance), s.name)) return { kind: 'substance', substance: s.name };
  const { byName, byMember } = classesOfAllergy(a);
  const named = byName.find((c) => memberOf(c, s));
  if (named) return { kind: 'class', substance: s.name, allergenClass: named, outcome: 'stop' };
  const sibling = byMember.find((c) => memberOf(c, s));
  if (sibling) return { kind: 'class', substance: s.name, allergenClass: sibling, outcome: WHOLE_CLASS.has(sibling.id) ? 'stop' : 'warning' };
  for (const c of [...byName, ...byMember]) {
    for (const x of c.crossSensitivity) {
      const related = ALLERGEN_CLASSES.find((r) => r.id === x.classId);
      if (related && memberOf(related, s)) return { kind: 'cross-sensitivity', substance: s.name, allergenClass: c, relatedClass: related, note: x.note };
    }
  }
  return { kind: 'none' };
}

/** The most serious way a recorded allergy bears on any substance of a product. */
export function matchAllergy(a: RecordedAllergy, substances: readonly ProductSubstance[]): AllergyMatch {
  return substances.map((s) => matchOne(a, s)).reduce<AllergyMatch>((worst, m) => (severityOf(m) > severityOf(worst) ? m : worst), { kind: 'none' });
}
