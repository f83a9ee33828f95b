import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretScan } from './interpret-scan.js';
import { type InterpretOptions, interpretationSchema } from './scan-types.js';
import { GS, NHS_PREFIX, elementString, gs1Case, humanReadable, nhsNumber } from './test/gs1-arbitraries.js';

const OPTIONS: InterpretOptions = { nhsCompanyPrefixes: [NHS_PREFIX], today: '2025-06-01' };

/** Strings that look like scans: digits, GS, AIM and ISBT markers, parentheses, and anything else. */
const scanLike = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom(...'0123456789', GS, ']', 'd', '2', '(', ')', '=', '%', '<', '>', ' ', '\r', '\n') }),
  fc
    .tuple(fc.constantFrom(']d2', ']C1', ']E0', ']C0', GS, '=', '(01)', '8018', 'https://id.gs1.org/01/', ']Q1http://a/', ''), fc.string())
    .map(([a, b]) => a + b),
);

describe('interpretScan properties', () => {
  it('returns a valid Interpretation for any string, never throwing', () => {
    fc.assert(
      fc.property(scanLike, fc.constantFrom<InterpretOptions>({}, OPTIONS, { gsSubstitutes: ['~', ''] }), (raw, options) => {
        const result = interpretScan(raw, options);
        expect(interpretationSchema.safeParse(result).success).toBe(true);
        expect(result.raw).toBe(raw);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same Scan for GS1 content in every accepted form and AI order', () => {
    fc.assert(
      fc.property(
        gs1Case.chain((c) => fc.record({ c: fc.constant(c), order: fc.shuffledSubarray(c.elements, { minLength: c.elements.length }) })),
        fc.boolean(),
        fc.constantFrom('~', '|', '^'),
        ({ c, order }, gsAfterFixed, substitute) => {
          const canonical = elementString(c.elements, false);
          const forms = [
            canonical,
            elementString(order, gsAfterFixed),
            `]d2${elementString(order, gsAfterFixed)}`,
            `]C1${canonical}`,
            `]Q3${canonical}`,
            `${GS}${elementString(order, false)}`,
            humanReadable(order),
          ];
          for (const raw of forms) {
            expect(interpretScan(raw, OPTIONS), JSON.stringify(raw)).toMatchObject({ ok: true, scan: c.expected });
          }
          const substituted = elementString(order, gsAfterFixed).split(GS).join(substitute);
          expect(interpretScan(substituted, { ...OPTIONS, gsSubstitutes: [substitute] })).toMatchObject({ ok: true, scan: c.expected });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads any valid NHS Number, plain or 3-3-4, and refuses every other last digit', () => {
    fc.assert(
      fc.property(nhsNumber, fc.integer({ min: 1, max: 9 }), (nhs, shift) => {
        const spaced = `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;
        expect(interpretScan(spaced)).toMatchObject({ ok: true, scan: { kind: 'patient', nhsNumber: nhs } });
        const wrong = nhs.slice(0, 9) + String((Number(nhs[9]) + shift) % 10);
        // Bare digits starting 8004 could as well be an asset tag (GIAI): refused as ambiguous, whatever the check digit (interpret-scan.ts).
        if (nhs.startsWith('8004')) {
          for (const bare of [nhs, wrong]) expect(interpretScan(bare)).toMatchObject({ ok: false, error: { code: 'SYNTAX' } });
          return;
        }
        expect(interpretScan(nhs)).toMatchObject({ ok: true, scan: { kind: 'patient', nhsNumber: nhs } });
        expect(interpretScan(wrong)).toMatchObject({ ok: false, error: { code: 'CHECK_DIGIT' } });
      }),
      // The counterexample CI found (seed 118560133) stays in every run.
      { examples: [['8004000177', 1]] },
    );
  });

  it('refuses any single-digit change to a GTIN (mod 10 catches every single substitution)', () => {
    fc.assert(
      fc.property(gs1Case.filter((c) => c.expected.kind === 'product'), fc.nat(13), fc.integer({ min: 1, max: 9 }), (c, at, shift) => {
        const gtin = (c.expected as { gtin: string }).gtin;
        const changed = gtin.slice(0, at) + String((Number(gtin[at]) + shift) % 10) + gtin.slice(at + 1);
        expect(interpretScan(`]d201${changed}`, OPTIONS)).toMatchObject({ ok: false, error: { code: 'CHECK_DIGIT' } });
      }),
    );
  });
});
