import { BLOOD_GROUPS, type BloodGroup, type ComponentType } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import { compatibility, unknownPatientCompatibility, type Compatibility } from './compatibility.js';

/*
 * Every entry, written out as the transfusion tables print them: rows are the
 * patient's group, columns the unit's, in the order
 *   O+  O-  A+  A-  B+  B-  AB+ AB-
 * C = compatible (pass), a = acceptable (warning), X = incompatible (stop).
 */
const COLUMNS: readonly BloodGroup[] = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'];
const TABLES: Record<ComponentType, Record<BloodGroup, string>> = {
  'red-cells': {
    'O+':  'C C X X X X X X',
    'O-':  'X C X X X X X X',
    'A+':  'C C C C X X X X',
    'A-':  'X C X C X X X X',
    'B+':  'C C X X C C X X',
    'B-':  'X C X X X C X X',
    'AB+': 'C C C C C C C C',
    'AB-': 'X C X C X C X C',
  },
  plasma: {
    'O+':  'C C C C C C C C',
    'O-':  'C C C C C C C C',
    'A+':  'X X C C X X C C',
    'A-':  'X X C C X X C C',
    'B+':  'X X X X C C C C',
    'B-':  'X X X X C C C C',
    'AB+': 'X X X X X X C C',
    'AB-': 'X X X X X X C C',
  },
  platelets: {
    'O+':  'C C a a a a a a',
    'O-':  'a C a a a a a a',
    'A+':  'a a C C a a a a',
    'A-':  'a a a C a a a a',
    'B+':  'a a a a C C a a',
    'B-':  'a a a a a C a a',
    'AB+': 'a a a a a a C C',
    'AB-': 'a a a a a a a C',
  },
};
const LETTER: Record<string, Compatibility> = { C: 'compatible', a: 'acceptable', X: 'incompatible' };

const entries = (Object.keys(TABLES) as ComponentType[]).flatMap((component) =>
  BLOOD_GROUPS.flatMap((patient) => {
    const row = TABLES[component][patient].split(' ');
    return COLUMNS.map((unit, i) => [component, patient, unit, LETTER[row[i]!]!] as const);
  }),
);

describe('ABO/RhD compatibility, every table entry', () => {
  it('covers 3 components × 8 patient groups × 8 unit groups', () => {
    expect(entries).toHaveLength(192);
  });

  it.each(entries)('%s: patient %s, unit %s is %s', (component, patient, unit, expected) => {
    expect(compatibility(component, patient, unit).overall).toBe(expected);
  });
});

describe('why: ABO and RhD are reported apart', () => {
  it('RhD-positive red cells for an RhD-negative patient fail on RhD alone', () => {
    expect(compatibility('red-cells', 'A-', 'A+')).toEqual({ abo: 'compatible', rhd: 'incompatible', overall: 'incompatible' });
  });
  it('RhD does not matter for plasma', () => {
    expect(compatibility('plasma', 'O-', 'AB+')).toEqual({ abo: 'compatible', rhd: 'compatible', overall: 'compatible' });
  });
  it('group B red cells for a group A patient fail on ABO', () => {
    expect(compatibility('red-cells', 'A+', 'B+')).toMatchObject({ abo: 'incompatible', rhd: 'compatible' });
  });
});

describe('a patient with no group on record', () => {
  it.each([
    ['red-cells', 'O-', 'acceptable'],
    ['red-cells', 'O+', 'incompatible'],
    ['red-cells', 'A-', 'incompatible'],
    ['plasma', 'AB+', 'acceptable'],
    ['plasma', 'AB-', 'acceptable'],
    ['plasma', 'O-', 'incompatible'],
    ['platelets', 'O-', 'incompatible'],
  ] as const)('%s of group %s is %s', (component, unit, expected) => {
    expect(unknownPatientCompatibility(component, unit)).toBe(expected);
  });
});
