import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aiDefinition, allAis } from './ai-dictionary.js';
import { splitByDictionary, splitElementString, splitWithParser } from './element-string.js';
import { GS, elementString, gs1Case } from './test/gs1-arbitraries.js';

describe('GS1 Syntax Dictionary table', () => {
  it('has no AI that is a prefix of another, so an AI is found by its first match', () => {
    const ais = new Set(allAis());
    const prefixed = [...ais].filter((ai) => [2, 3].some((n) => n < ai.length && ais.has(ai.slice(0, n))));
    expect(prefixed).toEqual([]);
    expect(ais.size).toBeGreaterThan(500);
  });

  it('holds the lengths and checks the bedside relies on', () => {
    expect(aiDefinition('01')).toMatchObject({ predefinedLength: true, components: [{ cset: 'N', min: 14, max: 14, linters: ['csum', 'gcppos2'] }] });
    expect(aiDefinition('17')).toMatchObject({ predefinedLength: true, components: [{ min: 6, max: 6, linters: ['yymmd0'] }] });
    expect(aiDefinition('10')).toMatchObject({ predefinedLength: false, components: [{ cset: 'X', min: 1, max: 20 }] });
    expect(aiDefinition('8018')).toMatchObject({ predefinedLength: false, components: [{ min: 18, max: 18 }], ex: ['8017'] });
    expect(aiDefinition('414')).toMatchObject({ predefinedLength: true, components: [{ min: 13, max: 13 }] });
    expect(aiDefinition('3105')?.title).toBe('NET WEIGHT (kg)');
    expect(aiDefinition('3106')).toBeUndefined();
    expect(aiDefinition('93')?.title).toBe('INTERNAL');
  });
});

describe('splitting element strings', () => {
  it('agrees between gs1-barcode-parser and the dictionary wherever the parser knows the AIs', () => {
    let comparedWithParser = 0;
    fc.assert(
      fc.property(gs1Case, fc.boolean(), (c, gsAfterFixed) => {
        const text = elementString(c.elements, gsAfterFixed);
        const byParser = splitWithParser(text);
        const byDictionary = splitByDictionary(text);
        expect(byDictionary).toEqual({ ok: true, value: c.elements.map(([ai, value]) => ({ ai, value })) });
        if (byParser.ok !== 'unknown-ai') {
          comparedWithParser += 1;
          expect(byParser).toEqual(byDictionary);
        }
      }),
      { numRuns: 2000 },
    );
    // Most generated messages use AIs the parser knows; make sure the comparison really ran.
    expect(comparedWithParser).toBeGreaterThan(1000);
  });

  it('falls back to the dictionary for AIs the parser does not know (414, 7250)', () => {
    expect(splitWithParser('4145012345000015')).toEqual({ ok: 'unknown-ai' });
    expect(splitElementString(`4145012345000015${GS}254B4`)).toEqual({
      ok: true,
      value: [{ ai: '414', value: '5012345000015' }, { ai: '254', value: 'B4' }],
    });
  });

  it('reads dates and measures from the characters, not from the parser Date/float', () => {
    // gs1-barcode-parser would give a local-time Date for 17 and 12.345 for 3103.
    expect(splitElementString('010950110102091717000000' + '3103012345')).toEqual({
      ok: true,
      value: [
        { ai: '01', value: '09501101020917' },
        { ai: '17', value: '000000' },
        { ai: '3103', value: '012345' },
      ],
    });
  });

  it('refuses data run on past a field that needs an FNC1 separator', () => {
    // 422 is not predefined-length, so "8261…" is one over-long field, not 422 + (10)…
    expect(splitWithParser(`0109501101020917` + `42282610AB`)).toMatchObject({ ok: false, error: { code: 'LENGTH' } });
  });
});
