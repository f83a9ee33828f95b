import { describe, expect, it } from 'vitest';
import { aiDefinition } from './ai-dictionary.js';
import { checkPairings, matchesAiPattern } from './ai-pairings.js';

/*
 * Vectors transcribed from GS1's reference implementation,
 * gs1/gs1-syntax-engine src/c-lib/ai.c (validateAImutex and
 * validateAIrequisites unit tests), Copyright (c) 2021-2026 GS1 AISBL,
 * Apache License 2.0. Only the AIs of each message matter to the pairing
 * rules, so each case is the message as GS1 wrote it, read for its AIs.
 */
const aisOf = (hri: string): string[] => [...hri.matchAll(/\((\d{2,4})\)/g)].map((m) => m[1]!);

describe("pairing rules against GS1's reference vectors", () => {
  it.each([
    '(01)12345678901231(02)12345678901231',
    '(99)ABC123(01)12345678901231(02)12345678901231',
    '(01)12345678901231(99)ABC123(02)12345678901231',
    '(01)12345678901231(02)12345678901231(99)ABC123',
    '(01)12345678901231(255)5412345000150',
    '(01)12345678901231(37)123',
    '(21)ABC123(235)XYZ',
    '(3940)1234(8111)9999',
    '(3940)1234(3941)9999',
    '(3955)123456(3929)123',
  ])('ex=: %s is refused', (hri) => {
    expect(checkPairings(aisOf(hri))).toMatchObject({ ok: false, error: { code: 'SYNTAX', message: /must not appear/ } });
  });

  it.each([
    ['(02)12345678901231', false],
    ['(02)12345678901231(37)123', false],
    ['(99)AAA(02)12345678901231(37)123', false],
    ['(02)12345678901231(99)AAA(37)123', false],
    ['(02)12345678901231(37)123(99)AAA', false],
    ['(02)12345678901231(37)123(00)123456789012345675', true],
    ['(91)XXX(02)12345678901231(92)YYY(37)123(93)ZZZ(00)123456789012345675', true],
    ['(21)ABC123', false],
    ['(21)ABC123(01)12345678901231', true],
    ['(21)ABC123(8006)123456789012310510', true],
    ['(01)12345678901231(250)ABC123', false],
    ['(01)12345678901231(21)XYZ999(250)ABC123', true],
    ['(01)12345678901231(3925)12599', false],
    ['(01)12345678901231(3925)12599(30)123', true],
    ['(01)12345678901231(3925)12599(3100)654321', true],
    ['(01)12345678901231(3925)12599(3105)654321', true],
    ['(01)12345678901231(3925)12599(3160)654321', true],
    ['(01)12345678901231(3925)12599(3165)654321', true],
    ['(01)12345678901231(3925)12599(3295)654321', true],
    ['(01)12345678901231(3925)12599(3500)654321', true],
    ['(01)12345678901231(3925)12599(3575)654321', true],
    ['(01)12345678901231(3925)12599(3600)654321', true],
    ['(01)12345678901231(3925)12599(3695)654321', true],
    ['(8030)DIGSIG', false],
    ['(8030)DIGSIG(00)123456789012345675', true],
    ['(8030)DIGSIG(01)12345678901231', false],
    ['(8030)DIGSIG(01)12345678901231(21)ABC123', true],
    ['(8030)DIGSIG(253)1234567890128X', true],
    ['(8030)DIGSIG(255)12345678901280', true],
    ['(8030)DIGSIG(8003)01234567890128X', true],
    ['(8030)DIGSIG(8004)01234567890', true],
    ['(8030)DIGSIG(8006)123456789012310102', false],
    ['(8030)DIGSIG(8006)123456789012310102(21)ABC123', true],
    ['(8030)DIGSIG(8010)1234567890', false],
    ['(8030)DIGSIG(8010)1234567890(8011)123456789012', true],
    ['(8030)DIGSIG(8017)123456789012345675', true],
    ['(8030)DIGSIG(8018)123456789012345675', true],
  ] as const)('req=: %s → %s', (hri, valid) => {
    expect(checkPairings(aisOf(hri)).ok).toBe(valid);
  });
});

describe('pairing rules, Wardscan cases', () => {
  it('names what is missing, all alternatives included', () => {
    expect(checkPairings(['01', '250'])).toMatchObject({
      ok: false,
      error: { message: /\(250\) SECONDARY SERIAL needs \(01\) with \(21\), \(03\) with \(21\) or \(8006\) with \(21\)/ },
    });
  });

  it('never lets an AI meet its own requirement or clash with itself', () => {
    // 3103 matches its own ex=310n; an AI is not exclusive of itself.
    expect(checkPairings(['01', '3103']).ok).toBe(true);
    expect(checkPairings(['01', '3103', '3102'])).toMatchObject({ ok: false });
  });

  it('reads patterns with n as any digit', () => {
    expect(matchesAiPattern('3925', '392n')).toBe(true);
    expect(matchesAiPattern('3925', '39nn')).toBe(true);
    expect(matchesAiPattern('3925', '393n')).toBe(false);
    expect(matchesAiPattern('392', '392n')).toBe(false);
  });

  it('carries the dictionary rules the bedside relies on', () => {
    expect(aiDefinition('17')?.req).toEqual([[['01'], ['02'], ['03'], ['255'], ['8006'], ['8026']]]);
    expect(aiDefinition('8019')?.req).toEqual([[['8017'], ['8018']]]);
    expect(aiDefinition('7250')?.req).toEqual([[['8018']]]);
    expect(aiDefinition('8018')?.req).toEqual([]);
    expect(aiDefinition('01')).toMatchObject({ dlKeyQualifiers: [['22', '10', '21'], ['235']], dlAttribute: true });
    expect(aiDefinition('8004')).toMatchObject({ dlKeyQualifiers: [['7040']] });
    expect(aiDefinition('21')).toMatchObject({ dlKeyQualifiers: null, dlAttribute: false });
  });
});
