import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, decodeJwt, errors, importJWK, jwtVerify, type JWK } from 'jose';
import type { SessionUser } from '@wardscan/shared';
import { newToken } from '../auth/passwords.js';
import type { ServerConfig } from '../config.js';
import { invalid } from '../http/api-error.js';
import type { Repositories } from '../repositories.js';
import type { SmartRepository, SmartClient } from './repository.js';
import type { SmartClientInput, SmartClientView } from './schemas.js';
import { grantable, parseScopes } from './scopes.js';

/*
 * SMART App Launch 2.x, Backend Services
 * (https://hl7.org/fhir/smart-app-launch/backend-services.html): a system
 * client proves itself with a JWT signed by its private key (RS384 or
 * ES384) and gets a short-lived bearer token for the FHIR API, scoped to
 * what an admin allowed it. No person's password or session is involved.
 */

export const ACCESS_TOKEN_SECONDS = 300;
/** SMART: an assertion's exp SHALL be no more than five minutes in the future. */
export const MAX_ASSERTION_SECONDS = 300;
/** Clock skew tolerated between the client and us, in seconds. */
const SKEW_SECONDS = 30;
export const SIGNING_ALGS = ['RS384', 'ES384'] as const;
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The token URL a client's assertions must name as aud: WARDSCAN_SMART_TOKEN_URL, else this request's own origin. */
export function tokenUrlFor(origin: string): string {
  return process.env.WARDSCAN_SMART_TOKEN_URL?.trim() || `${origin}/api/oauth/token`;
}

/** The principal a system client acts as in routes written for staff: no ward, every scope check done before. */
export const systemUser = (client: Pick<SmartClient, 'clientId' | 'name'>): SessionUser => ({ id: `smart:${client.clientId}`, name: client.name, role: 'admin', wardId: null });

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

/** Checks one registered key: public, RSA (2048 bits or more) for RS384 or EC P-384 for ES384. Returns its algorithm. */
async function checkKey(jwk: Record<string, unknown>, i: number): Promise<'RS384' | 'ES384'> {
  const at = `jwks.keys[${i}]`;
  if (PRIVATE_MEMBERS.some((m) => m in jwk)) throw invalid(`${at} holds private key material: register the public key only, and keep the private key with the client.`, at);
  const alg = jwk.kty === 'RSA' ? 'RS384' : jwk.kty === 'EC' && jwk.crv === 'P-384' ? 'ES384' : null;
  if (!alg) throw invalid(`${at}: SMART Backend Services keys are RSA (RS384) or EC P-384 (ES384).`, at);
  if (jwk.alg !== undefined && jwk.alg !== alg) throw invalid(`${at}: alg ${String(jwk.alg)} does not fit a ${String(jwk.kty)} key; use ${alg}.`, at);
  if (alg === 'RS384' && (typeof jwk.n !== 'string' || Buffer.from(jwk.n, 'base64url').length < 256)) throw invalid(`${at}: an RSA key must be at least 2048 bits.`, at);
  if (jwk.use !== undefined && jwk.use !== 'sig') throw invalid(`${at}: use must be sig.`, at);
  try {
    await importJWK({ ...(jwk as JWK), alg }, alg);
  } catch {
    throw invalid(`${at} is not a valid ${alg} public key.`, at);
  }
  return alg;
}

/** The input's keys, checked, as a JWK Set with each key's alg stated. */
export async function checkedJwks(input: SmartClientInput): Promise<{ keys: Record<string, unknown>[] }> {
  const keys = input.jwks?.keys ?? (input.jwk ? [input.jwk] : []);
  const kids = keys.map((k) => k.kid).filter((k) => k !== undefined);
  if (new Set(kids).size !== kids.length) throw invalid('Two keys have the same kid.', 'jwks');
  if (keys.length > 1 && kids.length !== keys.length) throw invalid('With several keys, each needs a kid (the client names it in its assertions).', 'jwks');
  const out: Record<string, unknown>[] = [];
  for (const [i, k] of keys.entries()) out.push({ ...k, alg: await checkKey(k, i) });
  return { keys: out };
}

export async function clientView(c: SmartClient, tokenUrl: string): Promise<SmartClientView> {
  const keys = await Promise.all(
    c.jwks.keys.map(async (k) => ({ kid: typeof k.kid === 'string' ? k.kid : null, alg: k.alg as 'RS384' | 'ES384', thumbprint: await calculateJwkThumbprint(k as JWK, 'sha256') })),
  );
  return { clientId: c.clientId, name: c.name, scopes: c.scopes, keys, active: c.active, createdAt: c.createdAt, updatedAt: c.updatedAt, tokenUrl };
}

export const newClientId = (): string => `client-${randomUUID()}`;

/** An OAuth 2.0 error answer (RFC 6749 §5.2). */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
  ) {
    super(description);
  }
}

const joseReason = (err: unknown): string => {
  if (err instanceof errors.JWTExpired) return 'the assertion has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `its ${err.claim} claim is wrong (${err.reason})`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify against the registered keys';
  if (err instanceof errors.JWKSNoMatchingKey) return 'no registered key matches its kid and alg';
  if (err instanceof errors.JWKSMultipleMatchingKeys) return 'several registered keys match: name one by kid';
  if (err instanceof errors.JOSEAlgNotAllowed) return `its alg is not ${SIGNING_ALGS.join(' or ')}`;
  if (err instanceof errors.JOSEError) return `it is not a valid JWT (${err.code})`;
  return 'it could not be verified';
};

export interface TokenRequest {
  readonly grant_type?: string;
  readonly scope?: string;
  readonly client_assertion_type?: string;
  readonly client_assertion?: string;
}

/**
 * Verifies a client credentials request and issues an access token. Throws
 * OAuthError with what was wrong; `audit` is told of every outcome.
 */
export async function issueAccessToken(
  deps: { repos: Repositories; config: ServerConfig; smart: SmartRepository },
  req: TokenRequest,
  tokenUrl: string,
): Promise<{ clientId: string; body: { access_token: string; token_type: 'bearer'; expires_in: number; scope: string } }> {
  const { smart, config } = deps;
  if (req.grant_type !== 'client_credentials') throw new OAuthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is served (SMART Backend Services).');
  if (req.client_assertion_type !== CLIENT_ASSERTION_TYPE) throw new OAuthError(400, 'invalid_request', `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}.`);
  const assertion = req.client_assertion;
  if (!assertion || assertion.length > 16_000) throw new OAuthError(400, 'invalid_request', 'client_assertion (a signed JWT) is required.');
  if (!req.scope?.trim()) throw new OAuthError(400, 'invalid_scope', 'scope is required: the system scopes asked for, space-separated.');
  let iss: unknown;
  try {
    iss = decodeJwt(assertion).iss;
  } catch {
    throw new OAuthError(400, 'invalid_request', 'client_assertion is not a JWT.');
  }
  const client = typeof iss === 'string' ? smart.byId(iss) : undefined;
  if (!client || !client.active) throw new OAuthError(401, 'invalid_client', 'The assertion names no registered, active client (iss).');
  const now = config.now();
  let payload: { exp?: number; jti?: string };
  try {
    const keys = createLocalJWKSet({ keys: client.jwks.keys as JWK[] });
    ({ payload } = await jwtVerify(assertion, keys, {
      algorithms: [...SIGNING_ALGS],
      issuer: client.clientId,
      subject: client.clientId,
      audience: tokenUrl,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'jti'],
      currentDate: now,
      clockTolerance: SKEW_SECONDS,
    }));
  } catch (err) {
    throw new OAuthError(401, 'invalid_client', `The client assertion is refused: ${joseReason(err)}.`);
  }
  const exp = payload.exp ?? 0;
  if (exp * 1000 > now.getTime() + (MAX_ASSERTION_SECONDS + SKEW_SECONDS) * 1000) {
    throw new OAuthError(401, 'invalid_client', 'The client assertion is refused: its exp is more than five minutes away.');
  }
  const jti = payload.jti ?? '';
  if (jti.length === 0 || jti.length > 255) throw new OAuthError(401, 'invalid_client', 'The client assertion is refused: its jti must be 1 to 255 characters.');

  const requested = parseScopes(req.scope);
  const granted = grantable(parseScopes(client.scopes).scopes, requested.scopes);
  if (!granted.length) throw new OAuthError(400, 'invalid_scope', `None of the scopes asked for is allowed to ${client.clientId} (allowed: ${client.scopes}).`);

  const { token, tokenHash } = newToken();
  const scope = granted.map((s) => s.text).join(' ');
  const issued = deps.repos.db.transaction(() => {
    if (!smart.useJti(client.clientId, jti, new Date((exp + SKEW_SECONDS) * 1000).toISOString(), now.toISOString())) return false;
    smart.issueToken(tokenHash, client.clientId, scope, now.toISOString(), new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000).toISOString());
    return true;
  })();
  if (!issued) throw new OAuthError(401, 'invalid_client', 'The client assertion is refused: its jti was used before (a replay). Sign a new assertion for each request.');
  return { clientId: client.clientId, body: { access_token: token, token_type: 'bearer', expires_in: ACCESS_TOKEN_SECONDS, scope } };
}
