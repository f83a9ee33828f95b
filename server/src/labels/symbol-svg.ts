import bwipjs from 'bwip-js';
import type { LabelSpec } from './label-sheet.js';

/*
 * A label's symbol as vector shapes, read from bwip-js's own SVG, so the PDF draws it as paths
 * (issue 16): bwip-js's PNG, which pdfkit then decoded and deflated again to split its alpha
 * channel, was most of a label sheet's render time.
 */

export type PathSegment =
  | { readonly op: 'M' | 'L'; readonly x: number; readonly y: number }
  | { readonly op: 'C'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly x: number; readonly y: number }
  | { readonly op: 'Z' };

export type SymbolShape =
  /** A linear symbol's bars: straight lines stroked with butt ends, all of one width. */
  | { readonly kind: 'stroke'; readonly color: string; readonly lineWidth: number; readonly path: readonly PathSegment[] }
  /** A 2D symbol's modules (even-odd), or the glyphs of a linear symbol's text (non-zero). */
  | { readonly kind: 'fill'; readonly color: string; readonly rule: 'even-odd' | 'non-zero'; readonly path: readonly PathSegment[] };

/** What bwip-js drew, in its pixels (the SVG's viewBox): the quiet zone is inside width × height. */
export interface SymbolDrawing {
  readonly width: number;
  readonly height: number;
  /** The quiet zone's colour, painted under the whole viewBox. */
  readonly background: string | null;
  readonly shapes: readonly SymbolShape[];
}

/** bwip-js's SVG of a label's symbol at print resolution (scale 6 ≈ 0.5 mm modules at 300 dpi). */
export function symbolSvg(spec: Pick<LabelSpec, 'bcid' | 'text'>): string {
  return bwipjs.toSVG({
    bcid: spec.bcid,
    text: spec.text,
    scale: 6,
    includetext: spec.bcid !== 'gs1datamatrix',
    textxalign: 'center',
    // A white quiet zone, opaque: scanners and zxing need both.
    paddingwidth: 10,
    paddingheight: 10,
    backgroundcolor: 'FFFFFF',
  });
}

const COLOR = /^#[0-9A-Fa-f]{6}$/;

/**
 * An SVG path's absolute M, L, Q, C and Z commands (all bwip-js writes) as segments. A quadratic
 * becomes the cubic that is the same curve: pdfkit's own `path()` draws Q as a PDF `v`, which is not.
 */
export function parsePath(d: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let at = { x: 0, y: 0 };
  let start = at;
  const commands = d.trim().match(/[A-Za-z][^A-Za-z]*/g) ?? [];
  if (commands.join('') !== d.trim()) throw new Error(`bwip-js SVG: a path that does not start with a command: "${d.slice(0, 40)}"`);
  for (const command of commands) {
    const op = command[0];
    const args = command.slice(1).trim();
    const n = args === '' ? [] : args.split(/[\s,]+/).map(Number);
    const arity = { M: 2, L: 2, Q: 4, C: 6, Z: 0 }[op as 'M'];
    if (arity === undefined || n.length !== arity || n.some((v) => !Number.isFinite(v))) {
      throw new Error(`bwip-js SVG: a path command this renderer does not draw: "${command.slice(0, 40)}"`);
    }
    if (op === 'M' || op === 'L') {
      at = { x: n[0]!, y: n[1]! };
      if (op === 'M') start = at;
      segments.push({ op, ...at });
    } else if (op === 'Q') {
      const [qx, qy, x, y] = n as [number, number, number, number];
      segments.push({ op: 'C', x1: at.x + (2 / 3) * (qx - at.x), y1: at.y + (2 / 3) * (qy - at.y), x2: x + (2 / 3) * (qx - x), y2: y + (2 / 3) * (qy - y), x, y });
      at = { x, y };
    } else if (op === 'C') {
      const [x1, y1, x2, y2, x, y] = n as [number, number, number, number, number, number];
      segments.push({ op: 'C', x1, y1, x2, y2, x, y });
      at = { x, y };
    } else {
      segments.push({ op: 'Z' });
      at = start;
    }
  }
  return segments;
}

const attributesOf = (element: string): Map<string, string> => new Map([...element.matchAll(/\s([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const));

function shapeOf(attrs: Map<string, string>): SymbolShape {
  const known = new Set(['d', 'stroke', 'stroke-width', 'fill', 'fill-rule']);
  const other = [...attrs.keys()].find((name) => !known.has(name));
  // A rotated text, a clip path, a colour name: drawn wrongly if ignored, so refused.
  if (other) throw new Error(`bwip-js SVG: a path attribute this renderer does not draw: ${other}`);
  const path = parsePath(attrs.get('d') ?? '');
  const stroke = attrs.get('stroke');
  if (stroke !== undefined) {
    const lineWidth = Number(attrs.get('stroke-width'));
    if (!COLOR.test(stroke) || !(lineWidth > 0) || attrs.has('fill')) throw new Error(`bwip-js SVG: a stroke this renderer does not draw: ${stroke} ${attrs.get('stroke-width')}`);
    return { kind: 'stroke', color: stroke, lineWidth, path };
  }
  const color = attrs.get('fill') ?? '#000000'; // SVG's default fill
  const rule = attrs.get('fill-rule') ?? 'nonzero';
  if (!COLOR.test(color) || (rule !== 'nonzero' && rule !== 'evenodd')) throw new Error(`bwip-js SVG: a fill this renderer does not draw: ${color} ${rule}`);
  return { kind: 'fill', color, rule: rule === 'evenodd' ? 'even-odd' : 'non-zero', path };
}

/**
 * Reads the SVG bwip-js's toSVG writes: a viewBox, an optional background rect, then paths. Anything
 * else (another element, an attribute such as a transform) is refused rather than left out: a
 * symbol drawn without it could scan as something else.
 */
export function parseSymbolSvg(svg: string): SymbolDrawing {
  const elements = [...svg.matchAll(/<[^>]*>/g)];
  const between = svg.split(/<[^>]*>/);
  if (between.some((text) => text.trim() !== '')) throw new Error('bwip-js SVG: text outside the elements');
  const [open, ...rest] = elements.map((m) => m[0]);
  const box = /^<svg viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)" xmlns="http:\/\/www\.w3\.org\/2000\/svg">$/.exec(open ?? '');
  if (!box || rest.pop() !== '</svg>') throw new Error('bwip-js SVG: not an <svg viewBox="0 0 w h"> document');
  let background: string | null = null;
  const shapes: SymbolShape[] = [];
  for (const [i, element] of rest.entries()) {
    const tag = /^<(\w+)/.exec(element)?.[1];
    const attrs = attributesOf(element);
    if (!element.endsWith('/>')) throw new Error(`bwip-js SVG: an element this renderer does not draw: ${element.slice(0, 40)}`);
    if (tag === 'rect' && i === 0 && attrs.size === 3 && attrs.get('width') === '100%' && attrs.get('height') === '100%' && COLOR.test(attrs.get('fill') ?? '')) {
      background = attrs.get('fill')!;
    } else if (tag === 'path') {
      shapes.push(shapeOf(attrs));
    } else {
      throw new Error(`bwip-js SVG: an element this renderer does not draw: ${element.slice(0, 40)}`);
    }
  }
  return { width: Number(box[1]), height: Number(box[2]), background, shapes };
}
