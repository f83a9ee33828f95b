import { describe, expect, it } from 'vitest';
import {
  ALLERGEN_CLASSES,
  ALLERGEN_CLASSES_VERSION,
  CLASS_WIDE_ON_MEMBER_ALLERGY,
  MEMBER_SYNONYMS,
  NO_KNOWN_DRUG_ALLERGY_CODES,
  type CodedName,
} from './allergen-classes.js';

/*
 * Internal consistency of the curated allergen table. The codes themselves were checked against their
 * public sources when the table was written (see the comments in allergen-classes.ts); here we check
 * that the table holds together and that no code is malformed.
 */

/** SNOMED CT identifiers end in a Verhoeff check digit (SNOMED CT Technical Implementation Guide, SCTID). */
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P1 = [1, 5, 7, 6, 2, 8, 3, 0, 9, 4];
const P: number[][] = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
for (let i = 1; i < 8; i++) P.push(P[i - 1]!.map((x) => P1[x]!));
const verhoeffOk = (code: string): boolean =>
  [...code].reverse().reduce((c, ch, i) => D[c]![P[i % 8]![ch.charCodeAt(0) - 48]!]!, 0) === 0;

const memberCodes = (m: CodedName): string[] => [...(m.snomed ?? []), ...(m.dmd ?? [])];
const allCodes = (): { where: string; code: string }[] => [
  ...ALLERGEN_CLASSES.flatMap((c) => [
    ...c.classCodes.map((code) => ({ where: `${c.id} class code`, code })),
    ...c.members.flatMap((m) => memberCodes(m).map((code) => ({ where: `${c.id}/${m.name}`, code }))),
  ]),
  ...NO_KNOWN_DRUG_ALLERGY_CODES.map((code) => ({ where: 'no known drug allergy', code })),
];

/**
 * Members allowed in more than one class, each with its reason. None today: co-amoxiclav is only a
 * penicillin (its clavulanic acid is not a class here), co-codamol only an opioid.
 */
const JUSTIFIED_IN_TWO_CLASSES: ReadonlyMap<string, string> = new Map();

describe('allergen classes', () => {
  it('is versioned by a date', () => {
    expect(ALLERGEN_CLASSES_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has unique class ids', () => {
    const ids = ALLERGEN_CLASSES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers the classes the bedside check needs', () => {
    expect(ALLERGEN_CLASSES.map((c) => c.id)).toEqual(
      expect.arrayContaining(['penicillins', 'cephalosporins', 'carbapenems', 'nsaids', 'sulfonamide-antibiotics', 'opioids', 'macrolides', 'tetracyclines', 'aminoglycosides']),
    );
  });

  it('points every cross-sensitivity at another class that exists, once', () => {
    const ids = new Set(ALLERGEN_CLASSES.map((c) => c.id));
    for (const c of ALLERGEN_CLASSES) {
      for (const x of c.crossSensitivity) {
        expect(ids.has(x.classId), `${c.id} → ${x.classId}`).toBe(true);
        expect(x.classId, `${c.id} points at itself`).not.toBe(c.id);
        expect(x.note.trim().length).toBeGreaterThan(0);
      }
      const targets = c.crossSensitivity.map((x) => x.classId);
      expect(new Set(targets).size, c.id).toBe(targets.length);
    }
  });

  it('gives penicillins a warning, not a stop, for cephalosporins and carbapenems', () => {
    const penicillins = ALLERGEN_CLASSES.find((c) => c.id === 'penicillins')!;
    expect(penicillins.crossSensitivity.map((x) => x.classId).sort()).toEqual(['carbapenems', 'cephalosporins']);
  });

  it('has only digit codes 6 to 18 long', () => {
    for (const { where, code } of allCodes()) expect(code, where).toMatch(/^\d{6,18}$/);
  });

  it('has only SNOMED CT ids whose Verhoeff check digit is right', () => {
    for (const { where, code } of allCodes()) expect(verhoeffOk(code), `${where}: ${code}`).toBe(true);
  });

  it('puts no member in two classes, by name or by code, unless justified', () => {
    const classOfName = new Map<string, string>();
    const classOfCode = new Map<string, string>();
    for (const c of ALLERGEN_CLASSES) {
      for (const m of c.members) {
        const seen = classOfName.get(m.name);
        if (seen !== undefined && seen !== c.id) expect(JUSTIFIED_IN_TWO_CLASSES.has(m.name), `${m.name} in ${seen} and ${c.id}`).toBe(true);
        classOfName.set(m.name, c.id);
        for (const code of memberCodes(m)) {
          const other = classOfCode.get(code);
          if (other !== undefined && other !== c.id) expect(JUSTIFIED_IN_TWO_CLASSES.has(m.name), `${code} in ${other} and ${c.id}`).toBe(true);
          classOfCode.set(code, c.id);
        }
      }
    }
  });

  it('has unique member names within a class', () => {
    for (const c of ALLERGEN_CLASSES) {
      const names = c.members.map((m) => m.name);
      expect(new Set(names).size, c.id).toBe(names.length);
    }
  });

  it('never uses a class code as a member code, or for two classes', () => {
    const members = new Set(ALLERGEN_CLASSES.flatMap((c) => c.members.flatMap(memberCodes)));
    const classCodes = ALLERGEN_CLASSES.flatMap((c) => c.classCodes);
    expect(new Set(classCodes).size).toBe(classCodes.length);
    for (const code of classCodes) expect(members.has(code), code).toBe(false);
  });

  it('has lower-case class names, each naming one class only', () => {
    const all = ALLERGEN_CLASSES.flatMap((c) => c.classNames);
    for (const n of all) expect(n).toBe(n.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });

  it('has lower-case member names, none of which is also a class name', () => {
    const classNames = new Set(ALLERGEN_CLASSES.flatMap((c) => c.classNames));
    for (const c of ALLERGEN_CLASSES) {
      for (const m of c.members) {
        expect(m.name).toBe(m.name.toLowerCase());
        expect(classNames.has(m.name), m.name).toBe(false);
      }
    }
  });

  it('keeps the no-known-allergy situations out of every class', () => {
    expect(NO_KNOWN_DRUG_ALLERGY_CODES).toEqual(['409137002', '716186003']);
    const used = new Set(allCodes().filter((x) => x.where !== 'no known drug allergy').map((x) => x.code));
    for (const code of NO_KNOWN_DRUG_ALLERGY_CODES) expect(used.has(code), code).toBe(false);
  });

  it('names only existing classes as class-wide on a member allergy', () => {
    const ids = new Set(ALLERGEN_CLASSES.map((c) => c.id));
    expect(CLASS_WIDE_ON_MEMBER_ALLERGY).toContain('penicillins');
    for (const id of CLASS_WIDE_ON_MEMBER_ALLERGY) expect(ids.has(id), id).toBe(true);
  });

  it('maps every synonym to an existing member name, never to a class', () => {
    const memberNames = new Set(ALLERGEN_CLASSES.flatMap((c) => c.members.map((m) => m.name)));
    for (const [synonym, name] of Object.entries(MEMBER_SYNONYMS)) {
      expect(synonym).toBe(synonym.toLowerCase());
      expect(memberNames.has(name), `${synonym} → ${name}`).toBe(true);
      expect(memberNames.has(synonym), `${synonym} is itself a member name`).toBe(false);
    }
  });

  it('records penicillin G and V as members, not as the class', () => {
    const penicillins = ALLERGEN_CLASSES.find((c) => c.id === 'penicillins')!;
    expect(penicillins.classNames).not.toContain('penicillin g');
    expect(penicillins.members.map((m) => m.name)).toEqual(expect.arrayContaining([MEMBER_SYNONYMS['penicillin g'], MEMBER_SYNONYMS['penicillin v']]));
  });
});
