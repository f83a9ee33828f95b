import type { Request, RequestHandler } from 'express';
import { FhirError, issue } from './operation-outcome.js';

/*
 * FHIR R4 HTTP semantics for /fhir/r4 (http.html): we serve JSON only, so a
 * request for XML (or any other format) is 406; a body in anything but JSON
 * is 415; an interaction a supported resource type does not offer is 405
 * with Allow, and a resource type we do not serve is 404.
 */

const JSON_FORMATS = new Set(['json', 'application/json', 'application/fhir+json', 'application/json+fhir']);
/** The media types we answer in; the first is what we send. */
const JSON_TYPES = ['application/fhir+json', 'application/json', 'application/json+fhir'];

/** `_format` (which overrides Accept) or Accept must allow JSON: else 406 Not Acceptable. */
export const formatNegotiation: RequestHandler = (req, _res, next) => {
  const format = req.query._format;
  if (format !== undefined) {
    const list = (Array.isArray(format) ? format : [format]).map((f) => (typeof f === 'string' ? f.split(';')[0]!.trim().toLowerCase() : ''));
    if (list.some((f) => !JSON_FORMATS.has(f))) {
      next(new FhirError(406, [issue('not-supported', `_format=${list.join(',')} is not served: this server answers in application/fhir+json only.`)]));
      return;
    }
    next();
    return;
  }
  if (req.get('accept') && !req.accepts(JSON_TYPES)) {
    next(new FhirError(406, [issue('not-supported', `Accept: ${req.get('accept')} cannot be served: this server answers in application/fhir+json only.`)]));
    return;
  }
  next();
};

/** A body must be FHIR JSON: a POST, PUT or PATCH whose body is anything else is 415 Unsupported Media Type. */
export const jsonBodies: RequestHandler = (req, _res, next) => {
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && req.is(['application/fhir+json', 'application/json']) === false) {
    next(new FhirError(415, [issue('not-supported', `Content-Type ${req.get('content-type') ?? '(none)'} is not accepted: send application/fhir+json.`)]));
    return;
  }
  next();
};

/** FHIR's JSON format is UTF-8: a body declared in any other charset is 415 (http.html#mime-type). */
export const utf8Only: RequestHandler = (req, _res, next) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    next(new FhirError(415, [issue('not-supported', `charset=${charset} is not accepted: FHIR JSON is UTF-8.`)]));
    return;
  }
  next();
};

/** What the routes serve for each resource type: a type-level GET (search) and an instance GET (read). */
export interface SupportedType {
  readonly search: boolean;
  readonly read: boolean;
}

/**
 * The last handler: whatever no route answered. A supported resource type
 * (served, or imported in a transaction) answers 405 with the methods its
 * path does take in Allow; any other path is 404.
 */
export function unsupportedInteraction(types: Readonly<Record<string, SupportedType>>): RequestHandler {
  return (req, res, next) => {
    const segments = req.path.split('/').filter((s) => s !== '');
    const [type, id, ...rest] = segments;
    const supported = type !== undefined ? types[type] : undefined;
    const allow =
      segments.length === 0
        ? ['POST']
        : type === 'metadata' && segments.length === 1
          ? ['GET']
          : supported && id === undefined && supported.search
            ? ['GET']
            : supported && id !== undefined && !id.startsWith('_') && !id.startsWith('$') && rest.length === 0 && supported.read
              ? ['GET']
              : [];
    if (segments.length === 0 || type === 'metadata' || supported) {
      res.set('Allow', allow.join(', '));
      next(new FhirError(405, [issue('not-supported', `${req.method} /fhir/r4${req.path} is not supported${allow.length ? `; this path takes ${allow.join(', ')}` : ''}. See /fhir/r4/metadata.`)]));
      return;
    }
    next(new FhirError(404, [issue('not-supported', `${req.method} /fhir/r4${req.path} is not supported; see /fhir/r4/metadata.`)]));
  };
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** This server's FHIR base as the client reached it (scheme and Host of the request), for absolute fullUrls and links. */
export function fhirBase(req: Request): string {
  const host = req.get('host') ?? '';
  if (!HOST.test(host)) throw new FhirError(400, [issue('invalid', 'The Host header is not a host name: absolute URLs cannot be written.')]);
  return `${req.protocol}://${host}${req.baseUrl}`;
}
