import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from './csv.js';

const TRIGGER = /^[=+\-@\t\r\n\0]/;

describe('csvCell', () => {
  it('defuses a formula at the start of a cell', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it("defuses a formula after a separator, which a ';' locale would split into a cell of its own", () => {
    expect(csvCell('x;=1+1')).toBe(`"x;'=1+1"`);
    expect(csvCell('x, =1+1')).toBe(`"x, '=1+1"`);
    expect(csvCell('a|@cmd')).toBe(`"a|'@cmd"`);
    expect(csvCell('line\n+1')).toBe(`"line\n'+1"`);
  });

  it('defuses the tricky ones: a tab, a line feed or NUL first, a quoted formula, a sum, a signed number', () => {
    expect(csvCell('x;=1+1')).toBe(`"x;'=1+1"`);
    expect(csvCell('\t=1')).toBe(`"'\t'=1"`);
    expect(csvCell('\n=1')).toBe(`"'\n'=1"`);
    expect(csvCell('\0=1')).toBe("'\0=1");
    expect(csvCell('"=1"')).toBe(`"""'=1"""`);
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('a, "=1"')).toBe(`"a, ""'=1"""`);
  });

  it('leaves ordinary text, and signs inside words, as they are', () => {
    expect(csvCell('Paracetamol 500 mg')).toBe('Paracetamol 500 mg');
    expect(csvCell('dose 1-2 tablets')).toBe('dose 1-2 tablets');
    expect(csvCell(['allergy', 'right-drug'])).toBe('"allergy;right-drug"');
    expect(csvCell(null)).toBe('');
  });

  it('never leaves a piece that starts a formula, however a spreadsheet splits the cell (with or without honouring quotes)', () => {
    const text = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\0', ';', ',', '|', ' ', '"', "'", 'a', '1') });
    fc.assert(
      fc.property(text, (s) => {
        const cell = csvCell(s);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        for (const piece of [cell, unquoted, ...cell.split(/[,;|\t\r\n]/), ...unquoted.split(/[,;|\t\r\n]/)]) {
          expect(piece.replace(/^[ "]*/, '')).not.toMatch(TRIGGER);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
