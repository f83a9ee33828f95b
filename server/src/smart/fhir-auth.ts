import type { Request, RequestHandler, Response } from 'express';
import { hashToken } from '../auth/passwords.js';
import type { ServerConfig } from '../config.js';
import { FhirError, issue } from '../fhir/operation-outcome.js';
import { requireAuth, type AuthedLocals } from '../http/middleware.js';
import type { Repositories } from '../repositories.js';
import { createSmartRepository } from './repository.js';
import { parseScopes, permits, type Interaction, type SystemScope } from './scopes.js';
import { systemUser } from './service.js';

/** What a request authenticated by a SMART access token carries beside its (system) user. */
export interface SmartLocals {
  readonly smart: { readonly clientId: string; readonly scopes: readonly SystemScope[] };
}

const smartOf = (res: Response): SmartLocals['smart'] | undefined => (res.locals as Partial<SmartLocals>).smart;

const refuse = (text: string): FhirError => new FhirError(403, [issue('forbidden', text)]);

/** The interaction a FHIR request is, by method and path (http.html); null for the transaction/batch at the base, checked per entry. */
function interactionOf(req: Request): { type: string; interaction: Interaction } | null | 'unknown' {
  const [type, id] = req.path.split('/').filter((s) => s !== '');
  if (!type) return req.method === 'POST' ? null : 'unknown';
  if (!/^[A-Z][A-Za-z]+$/.test(type)) return 'unknown';
  if (req.method === 'GET' || req.method === 'HEAD') return { type, interaction: id === undefined || id === '_search' ? 's' : 'r' };
  if (req.method === 'POST') return { type, interaction: id === '_search' ? 's' : 'c' };
  if (req.method === 'PUT' || req.method === 'PATCH') return { type, interaction: 'u' };
  if (req.method === 'DELETE') return { type, interaction: 'd' };
  return 'unknown';
}

/** The Measure is the definition every MeasureReport names: a client that may read the reports may read it. */
const definesWhatItReads = (scopes: readonly SystemScope[], wanted: { type: string; interaction: Interaction }): boolean =>
  wanted.type === 'Measure' && wanted.interaction === 'r' && permits(scopes, 'MeasureReport', 'r');

/**
 * Authentication for /fhir/r4: a SMART Backend Services access token (a
 * system client, checked against its scopes here, before any route runs), or
 * else a staff session as before. A system client acts as an admin in the
 * routes, so every request it makes must pass a scope check first: reads
 * need r, searches s, and the transaction at the base is checked entry by
 * entry (`requireBundleScopes`).
 */
export function requireFhirAuth(repos: Repositories, config: ServerConfig): RequestHandler {
  const smart = createSmartRepository(repos.db);
  const session = requireAuth(repos, config);
  return (req, res, next) => {
    const token = /^Bearer (\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const tokenHash = token ? hashToken(token) : undefined;
    const found = tokenHash ? smart.token(tokenHash, config.now().toISOString()) : undefined;
    if (!found || !tokenHash) {
      session(req, res, next);
      return;
    }
    const client = smart.byId(found.clientId);
    if (!client?.active) throw new FhirError(401, [issue('login', 'This system client has been deactivated.')]);
    const scopes = parseScopes(found.scopes).scopes;
    const wanted = interactionOf(req);
    if (wanted === 'unknown') throw refuse(`A system client may not ${req.method} /fhir/r4${req.path}.`);
    if (wanted === null) {
      if (!scopes.some((s) => s.allows.has('c') || s.allows.has('u'))) throw refuse('A transaction needs write scopes (e.g. system/Patient.write).');
    } else if (!permits(scopes, wanted.type, wanted.interaction) && !definesWhatItReads(scopes, wanted)) {
      throw refuse(`The access token's scopes (${found.scopes}) do not allow ${wanted.interaction === 's' ? 'searching' : wanted.interaction === 'r' ? 'reading' : 'writing'} ${wanted.type}.`);
    }
    Object.assign(res.locals, { user: systemUser(client), tokenHash, smart: { clientId: client.clientId, scopes } } satisfies AuthedLocals & SmartLocals);
    next();
  };
}

/** Why a system client may not import a resource of this type (it needs both c and u: an import creates or updates by identifier), or null when it may; null for staff sessions, which are not scoped. */
export function writeRefusal(res: Response, type: string | null): string | null {
  const smart = smartOf(res);
  if (!smart || type === null) return null;
  if (permits(smart.scopes, type, 'c') && permits(smart.scopes, type, 'u')) return null;
  return `The access token's scopes do not allow writing ${type} (e.g. system/${type}.write).`;
}

/**
 * A system client's transaction: each entry's resource type must be within
 * its scopes (`writeRefusal`), else the whole transaction is refused (403).
 * A batch is checked entry by entry instead, in the route.
 */
export function requireBundleScopes(res: Response, types: readonly (string | null)[]): void {
  const refused = [...new Set(types.filter((t): t is string => writeRefusal(res, t) !== null))];
  if (refused.length) throw refuse(`The access token's scopes do not allow writing ${refused.join(', ')} (e.g. system/${refused[0]}.write).`);
}
