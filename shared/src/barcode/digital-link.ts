/*
 * GS1 Digital Link URIs (GS1 Digital Link: URI Syntax), as printed in QR
 * codes and DataMatrix on packs since GS1's "Sunrise 2027":
 *
 *   https://<any domain>[/<any path prefix>]/01/<GTIN>[/22/…][/10/…][/21/…][?17=…&…]
 *
 * The path ends in a primary key and its key qualifiers, in the order the
 * dictionary's `dlpkey=` gives (each may be left out); data attributes travel
 * as query parameters whose names are AIs. Both are percent-encoded. The
 * result is the list of GS1 elements the URI carries, which is then validated
 * exactly like an element string (element-string.ts validateElements), so a
 * Digital Link and the equivalent element string give the same Scan or the
 * same error.
 *
 * Where the URI Syntax leaves a choice, this follows GS1's reference parser
 * (gs1-syntax-engine, dl.c, default settings): scheme http/https in lower or
 * upper case; the primary key is the rightmost key in the path, so a path
 * prefix may hold anything; no trailing slash; a GTIN must have its 14
 * digits (zero-suppressed GTINs and the deprecated names such as /gtin/ are
 * refused); non-numeric query parameters (utm_source=…) are ignored, but a
 * numeric one must be an AI that may be a data attribute (dictionary flag
 * `?`) and not a qualifier that belongs in the path; no AI twice; the
 * fragment is ignored.
 */
import { aiDefinition } from './ai-dictionary.js';
import type { AiDefinition } from './ai-types.js';
import type { Gs1Element } from './element-validation.js';
import { type Step, done, fail } from './scan-result.js';

/** True if `text` has the shape of a web address, the only form a Digital Link takes. */
export function looksLikeWebAddress(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

// RFC 3986: unreserved, reserved and '%'. Nothing else can stand in a URI.
const URI_CHARACTERS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;
// Sub-delimiters are legal in an RFC 3986 host but in no resolver's domain;
// refusing them (as the reference parser does) also refuses `user@host` and zone ids (`%25`).
const BAD_DOMAIN_CHARACTER = /[_~!$&'()*+,;=%@]/;
const SCHEME = /^(?:https?|HTTPS?):\/\//;

function notADigitalLink(): ReturnType<typeof fail> {
  return fail('UNRECOGNISED', 'This web address is not a GS1 Digital Link. Scan the wristband, badge, pack, blood unit or bed label.');
}

/** The path and query of a http(s) URI, the fragment dropped (it is for the browser, never the server). */
function pathAndQuery(uri: string): Step<{ path: string; query: string }> {
  if (!URI_CHARACTERS.test(uri)) return fail('SYNTAX', 'This web address holds characters no web address may hold.');
  const scheme = SCHEME.exec(uri);
  if (!scheme) return notADigitalLink();
  const rest = uri.slice(scheme[0].length).split('#')[0]!;
  const domainEnd = rest.search(/[/?]/);
  const domain = domainEnd < 0 ? rest : rest.slice(0, domainEnd);
  if (domain === '' || BAD_DOMAIN_CHARACTER.test(domain)) return fail('SYNTAX', 'The domain of this web address is not well formed.');
  const afterDomain = domainEnd < 0 ? '' : rest.slice(domainEnd);
  const q = afterDomain.indexOf('?');
  return done(q < 0 ? { path: afterDomain, query: '' } : { path: afterDomain.slice(0, q), query: afterDomain.slice(q + 1) });
}

/** Decodes %XX escapes and, in a query, `+` as a space; null for a broken escape or an encoded NUL. */
function percentDecode(text: string, inQuery: boolean): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '%') {
      out += inQuery && c === '+' ? ' ' : c;
      continue;
    }
    const hex = text.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex) || hex === '00') return null;
    out += String.fromCharCode(parseInt(hex, 16));
    i += 2;
  }
  return out;
}

function decoded(ai: string, raw: string, inQuery: boolean): Step<Gs1Element> {
  const value = percentDecode(raw, inQuery);
  return value === null ? fail('SYNTAX', `The value of (${ai}) has a %-escape that is broken or encodes NUL.`) : done({ ai, value });
}

/** Where the primary key stands in the path segments: /AI/value pairs are read from the right up to the first key. */
function primaryKeyAt(segments: readonly string[]): number | null {
  for (let i = segments.length - 2; i >= 0; i -= 2) {
    const definition = aiDefinition(segments[i]!);
    if (definition === undefined) return null;
    if (definition.dlKeyQualifiers !== null) return i;
  }
  return null;
}

function followsInOrder(qualifiers: readonly string[], sequence: readonly string[]): boolean {
  let at = 0;
  for (const ai of qualifiers) {
    const found = sequence.indexOf(ai, at);
    if (found < 0) return false;
    at = found + 1;
  }
  return true;
}

/** True if `qualifiers` follow one of the key's sequences in order, any of them left out. */
function isQualifierSequence(key: AiDefinition, qualifiers: readonly string[]): boolean {
  return key.dlKeyQualifiers!.some((sequence) => followsInOrder(qualifiers, sequence));
}

/** True if `ai` is a qualifier that could stand in the path after `qualifiers`: then it must (reference parser). */
function belongsInPath(ai: string, key: AiDefinition, qualifiers: readonly string[]): boolean {
  for (let j = 0; j <= qualifiers.length; j++) {
    if (isQualifierSequence(key, [...qualifiers.slice(0, j), ai, ...qualifiers.slice(j)])) return true;
  }
  return false;
}

function pathElements(path: string): Step<Gs1Element[]> {
  const segments = path.split('/').slice(1);
  const start = primaryKeyAt(segments);
  if (start === null) return notADigitalLink();
  const elements: Gs1Element[] = [];
  for (let i = start; i < segments.length; i += 2) {
    const element = decoded(segments[i]!, segments[i + 1]!, false);
    if (!element.ok) return element;
    elements.push(element.value);
  }
  const [key, ...qualifiers] = elements.map((e) => e.ai);
  const definition = aiDefinition(key!)!;
  if (!isQualifierSequence(definition, qualifiers)) {
    const allowed = definition.dlKeyQualifiers!.map((sequence) => sequence.map((ai) => `/${ai}`).join('')).join(' or ');
    return fail('SYNTAX', `In a GS1 Digital Link, (${key}) may be followed in the path only by ${allowed || 'nothing'}, in that order.`);
  }
  return done(elements);
}

function queryElements(query: string, path: readonly Gs1Element[]): Step<Gs1Element[]> {
  const [key, ...qualifiers] = path.map((e) => e.ai);
  const keyDefinition = aiDefinition(key!)!;
  const elements: Gs1Element[] = [];
  for (const parameter of query.split('&')) {
    const eq = parameter.indexOf('=');
    const ai = parameter.slice(0, eq);
    // Parameters without a value, or not named by digits, are for the resolver, not data.
    if (eq < 0 || !/^\d+$/.test(ai)) continue;
    const definition = aiDefinition(ai);
    if (definition === undefined) return fail('SYNTAX', `Query parameter ${ai} is not a GS1 Application Identifier.`);
    if (!definition.dlAttribute) return fail('SYNTAX', `(${ai}) may not be sent as a query parameter of a GS1 Digital Link.`);
    if (belongsInPath(ai, keyDefinition, qualifiers)) return fail('SYNTAX', `(${ai}) belongs in the path of this Digital Link, after (${key}), not in its query.`);
    const element = decoded(ai, parameter.slice(eq + 1), true);
    if (!element.ok) return element;
    elements.push(element.value);
  }
  return done(elements);
}

/**
 * Reads a GS1 Digital Link URI into the GS1 elements it carries, path first,
 * values percent-decoded but not yet validated. A web address with no GS1
 * primary key in its path is UNRECOGNISED; a Digital Link that breaks the
 * URI Syntax rules is SYNTAX.
 */
export function readDigitalLink(uri: string): Step<Gs1Element[]> {
  const parts = pathAndQuery(uri);
  if (!parts.ok) return parts;
  const path = pathElements(parts.value.path);
  if (!path.ok) return path;
  const query = queryElements(parts.value.query, path.value);
  if (!query.ok) return query;
  const elements = [...path.value, ...query.value];
  const seen = new Set<string>();
  for (const { ai } of elements) {
    if (seen.has(ai)) return fail('SYNTAX', `(${ai}) appears twice in this Digital Link.`);
    seen.add(ai);
  }
  return done(elements);
}
