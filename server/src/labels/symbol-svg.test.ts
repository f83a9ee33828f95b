import { describe, expect, it } from 'vitest';
import { parsePath, parseSymbolSvg, symbolSvg } from './symbol-svg.js';

const svg = (body: string, box = '0 0 10 10') => `<svg viewBox="${box}" xmlns="http://www.w3.org/2000/svg">\n${body}\n</svg>\n`;

describe("reading bwip-js's SVG", () => {
  it('turns a quadratic into the cubic that is the same curve', () => {
    // Degree elevation: the control points sit 2/3 of the way from each end to the quadratic's one.
    expect(parsePath('M0 0Q3 6 6 0Z')).toEqual([{ op: 'M', x: 0, y: 0 }, { op: 'C', x1: 2, y1: 4, x2: 4, y2: 4, x: 6, y: 0 }, { op: 'Z' }]);
    // After Z the pen is back at the subpath's start, where the next curve begins.
    const [, , , curve] = parsePath('M1 1L4 1ZQ1 4 7 1');
    expect(curve).toEqual({ op: 'C', x1: 1, y1: 3, x2: 3, y2: 3, x: 7, y: 1 });
    expect(parsePath('M21 175L21 20M25.5 175L25.5 20')).toEqual([
      { op: 'M', x: 21, y: 175 },
      { op: 'L', x: 21, y: 20 },
      { op: 'M', x: 25.5, y: 175 },
      { op: 'L', x: 25.5, y: 20 },
    ]);
  });

  it('refuses path commands it would draw wrongly: relative, arcs, a wrong number of values', () => {
    for (const d of ['M0 0l5 5', 'M0 0A1 1 0 0 1 5 5', 'M0 0L5', '0 0L5 5', 'M0 0LNaN 5']) expect(() => parsePath(d), d).toThrow(/bwip-js SVG/);
  });

  it("reads a DataMatrix: the background under the viewBox, then the modules filled even-odd", () => {
    const drawing = parseSymbolSvg(symbolSvg({ bcid: 'gs1datamatrix', text: '(01)05099997000013(17)351231(10)PA2611A' }));
    expect(drawing.background).toBe('#FFFFFF');
    expect(drawing.width).toBe(drawing.height);
    expect(drawing.shapes.map((s) => (s.kind === 'fill' ? [s.kind, s.color, s.rule] : [s.kind]))).toEqual([['fill', '#000000', 'even-odd']]);
    // Every corner of the modules lies on the 6-unit grid inside the 60-unit quiet zone.
    const points = drawing.shapes[0]!.path.flatMap((s) => (s.op === 'Z' ? [] : [s]));
    for (const p of points) {
      expect(p.x % 6).toBe(0);
      expect(Math.min(p.x, p.y)).toBeGreaterThanOrEqual(60);
      expect(Math.max(p.x, p.y)).toBeLessThanOrEqual(drawing.width - 60);
    }
  });

  it('reads a Code 128: its bars as strokes grouped by width, its text as filled glyphs', () => {
    const drawing = parseSymbolSvg(symbolSvg({ bcid: 'code128', text: '9990010137' }));
    const strokes = drawing.shapes.flatMap((s) => (s.kind === 'stroke' ? [s] : []));
    const fills = drawing.shapes.flatMap((s) => (s.kind === 'fill' ? [s] : []));
    // Code 128 bars are 1 to 4 modules wide (6 to 24 units at scale 6).
    expect(strokes.map((s) => s.lineWidth).sort((a, b) => a - b)).toEqual([6, 12, 18, 24]);
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ color: '#000000', rule: 'non-zero' }); // SVG's defaults
    expect(fills[0]!.path.some((s) => s.op === 'C')).toBe(true); // the glyphs' curves
  });

  it('refuses what it does not draw rather than leaving it out', () => {
    const cases = [
      svg('<path d="M0 0L5 5Z" fill="#000000" transform="rotate(-90 5 5)" />'), // rotated text
      svg('<defs><clipPath id="clip0"><path d="M0 0L5 5Z" /></clipPath></defs>'),
      svg('<circle cx="5" cy="5" r="2" />'),
      svg('<path d="M0 0L5 5Z" fill="black" />'),
      svg('<path stroke="#000000" d="M0 0L0 5" />'), // a stroke without its width
      svg('<rect width="100%" height="100%" fill="#FFFFFF" />\n<rect width="100%" height="100%" fill="#FFFFFF" />'),
      svg('<path d="M0 0L5 5Z" />oops'),
      '<svg width="10" height="10"></svg>',
    ];
    for (const text of cases) expect(() => parseSymbolSvg(text), text).toThrow(/bwip-js SVG/);
  });
});
