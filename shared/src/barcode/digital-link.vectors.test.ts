import { describe, expect, it } from 'vitest';
import { readDigitalLink } from './digital-link.js';
import { readElementString, validateElements } from './element-string.js';
import { INVALID_DIGITAL_LINKS, VALID_DIGITAL_LINKS } from './test/gs1-digital-link-vectors.js';

/*
 * GS1's reference parser (gs1-syntax-engine) as the oracle: each URI must
 * give the same validated elements as the element string GS1's parser makes
 * of it, and each URI it refuses must be refused here.
 */
const GS = '\u001d';
const YEAR = 2025;

function readUri(uri: string) {
  const elements = readDigitalLink(uri);
  return elements.ok ? validateElements(elements.value, YEAR) : elements;
}

describe("GS1's reference Digital Link vectors (gs1-syntax-engine dl.c)", () => {
  it.each(VALID_DIGITAL_LINKS)('reads %s', (uri, elementString) => {
    const reference = readElementString(elementString.replaceAll('^', GS), YEAR);
    expect(reference.ok, 'the reference element string itself must be valid').toBe(true);
    expect(readUri(uri)).toEqual(reference);
  });

  // Wardscan's one deliberate difference: the company-internal AIs 90–99 take
  // any printable ASCII, space included, because NHS wristbands carry names
  // there (DCB1077; element-validation.ts). GS1 holds them to CSET 82.
  const SPACE_IN_COMPANY_INTERNAL_AI = 'https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ+987';

  it.each(INVALID_DIGITAL_LINKS.filter((uri) => uri !== SPACE_IN_COMPANY_INTERNAL_AI))('refuses %s', (uri) => {
    expect(readUri(uri)).toMatchObject({ ok: false });
  });

  it('reads "+" in a query as a space, which only a company-internal AI (90–99) may hold here', () => {
    expect(INVALID_DIGITAL_LINKS).toContain(SPACE_IN_COMPANY_INTERNAL_AI);
    const read = readUri(SPACE_IN_COMPANY_INTERNAL_AI);
    expect(read.ok && read.value.get('98')).toBe('XYZ 987');
    expect(readUri('https://a/01/12312312312333?240=X+1')).toMatchObject({ ok: false, error: { code: 'SYNTAX' } });
  });

  it('keeps path order, then query order, in what it reads', () => {
    expect(readDigitalLink('https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426&3103=000195')).toEqual({
      ok: true,
      value: [
        { ai: '01', value: '09520123456788' },
        { ai: '10', value: 'ABC1' },
        { ai: '21', value: '12345' },
        { ai: '17', value: '180426' },
        { ai: '3103', value: '000195' },
      ],
    });
  });
});
