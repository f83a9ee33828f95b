import express, { Router, type Request, type RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { requireRole } from '../auth/service.js';
import { ApiError, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { createSmartRepository } from './repository.js';
import { SMART_CLIENT_ID, smartClientInputSchema, tokenRequestSchema } from './schemas.js';
import { parseScopes } from './scopes.js';
import { ACCESS_TOKEN_SECONDS, checkedJwks, clientView, issueAccessToken, newClientId, OAuthError, SIGNING_ALGS, tokenUrlFor } from './service.js';

const HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/** This server's origin as the client reached it (scheme and a well-formed Host), for the token URL. */
export const originOf = (req: Request): string => {
  const host = req.get('host') ?? '';
  return `${req.protocol}://${HOST.test(host) ? host : 'localhost'}`;
};

/**
 * POST /api/oauth/token: the SMART Backend Services token endpoint. Public
 * (the client authenticates with its signed assertion), form-encoded, and
 * answered in OAuth 2.0's own shape (RFC 6749 §5.1, §5.2), not the API's.
 * Rate-limited per address like sign-in.
 */
export function smartTokenRoutes({ repos, config }: AppDeps): Router {
  const router = Router();
  const smart = createSmartRepository(repos.db);
  const limiter = rateLimit({
    windowMs: config.loginRateLimit.windowMs,
    limit: config.loginRateLimit.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({ error: 'invalid_request', error_description: 'Too many token requests. Wait a minute and try again.' });
    },
  });
  router.post('/oauth/token', limiter, express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 10 }), async (req, res) => {
    res.set('Pragma', 'no-cache');
    const now = config.now();
    const clientIp = req.ip ?? 'unknown';
    try {
      if (!req.is('application/x-www-form-urlencoded')) throw new OAuthError(400, 'invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
      const parsed = tokenRequestSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw new OAuthError(400, 'invalid_request', 'grant_type, scope, client_assertion_type and client_assertion are each one text value.');
      const { clientId, body } = await issueAccessToken({ repos, config, smart }, parsed.data, tokenUrlFor(originOf(req)));
      repos.audit.append({ type: 'sign-in', userId: `smart:${clientId}`, summary: `System client ${clientId} was issued an access token (${body.scope})`, detail: { method: 'smart-backend-services', scope: body.scope, expiresIn: body.expires_in, clientIp } }, now);
      res.status(200).json(body);
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      repos.audit.append({ type: 'sign-in-failed', userId: null, summary: `SMART token request refused (${err.error})`, detail: { method: 'smart-backend-services', failure: err.error, reason: err.description, clientIp } }, now);
      if (err.status === 401) res.set('WWW-Authenticate', 'Bearer error="invalid_client"');
      res.status(err.status).json({ error: err.error, error_description: err.description });
    }
  });
  return router;
}

/** Admin routes: register, list and deactivate system clients. */
export function smartClientRoutes({ repos, config }: AppDeps): Router {
  const router = Router();
  const smart = createSmartRepository(repos.db);
  const admin: RequestHandler = (_req, res, next) => {
    requireRole(userOf(res), 'admin');
    next();
  };

  router.get('/smart-clients', admin, async (req, res) => {
    const url = tokenUrlFor(originOf(req));
    res.json(await Promise.all(smart.list().map((c) => clientView(c, url))));
  });

  router.post('/smart-clients', admin, async (req, res) => {
    const input = parseInput(smartClientInputSchema, req.body, 'system client');
    const { scopes, unknown } = parseScopes(input.scopes);
    if (unknown.length) throw new ApiError('VALIDATION', `Not a system scope Wardscan grants: ${unknown.join(', ')} (write e.g. system/Patient.read, system/*.write or system/MedicationRequest.cu).`, 'scopes');
    const jwks = await checkedJwks(input);
    const clientId = input.clientId ?? newClientId();
    const user = userOf(res);
    const now = config.now();
    const created = repos.db.transaction(() => {
      const isNew = smart.save({ clientId, name: input.name, jwks, scopes: scopes.map((s) => s.text).join(' ') }, user.id, now.toISOString());
      repos.audit.append(
        { type: 'account', userId: user.id, summary: `${user.name} ${isNew ? 'registered' : 're-registered'} system client ${clientId} (${input.name})`, detail: { clientId, scopes: scopes.map((s) => s.text), keys: jwks.keys.length } },
        now,
      );
      return isNew;
    })();
    const saved = smart.byId(clientId);
    if (!saved) throw notFound(`System client ${clientId}`);
    res.status(created ? 201 : 200).json(await clientView(saved, tokenUrlFor(originOf(req))));
  });

  router.delete('/smart-clients/:clientId', admin, async (req, res) => {
    const clientId = String(req.params.clientId);
    if (!SMART_CLIENT_ID.test(clientId) || !smart.byId(clientId)) throw notFound(`System client ${clientId}`);
    const user = userOf(res);
    const now = config.now();
    repos.db.transaction(() => {
      smart.deactivate(clientId, now.toISOString());
      repos.audit.append({ type: 'account', userId: user.id, summary: `${user.name} deactivated system client ${clientId}; its tokens ended`, detail: { clientId } }, now);
    })();
    const saved = smart.byId(clientId);
    res.json(await clientView(saved!, tokenUrlFor(originOf(req))));
  });
  return router;
}

/** GET /fhir/r4/.well-known/smart-configuration: how a system client gets a token (SMART App Launch 2.x discovery). Public. */
export const smartConfiguration: RequestHandler = (req, res) => {
  res.json({
    token_endpoint: tokenUrlFor(originOf(req)),
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...SIGNING_ALGS],
    scopes_supported: ['system/*.read', 'system/*.rs', 'system/Patient.write', 'system/Patient.cu', 'system/MedicationRequest.write', 'system/MedicationRequest.cu', 'system/AllergyIntolerance.write', 'system/MedicationAdministration.read', 'system/AuditEvent.read', 'system/MeasureReport.read'],
    capabilities: ['client-confidential-asymmetric', 'permission-v1', 'permission-v2'],
    access_token_lifetime_seconds: ACCESS_TOKEN_SECONDS,
  });
};
