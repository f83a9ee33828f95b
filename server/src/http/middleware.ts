import type { SessionUser } from '@wardscan/shared';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { authenticate } from '../auth/service.js';
import type { ServerConfig } from '../config.js';
import type { Repositories } from '../repositories.js';
import { ApiError, toErrorBody } from './api-error.js';
import { requireWellFormedText } from './validate.js';

export interface AuthedLocals {
  user: SessionUser;
  tokenHash: string;
}

/** The signed-in user of a request that passed `requireAuth`. */
export const userOf = (res: Response): SessionUser => (res.locals as AuthedLocals).user;

export function requireAuth(repos: Repositories, config: ServerConfig): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (\S+)$/i.exec(header);
    const { user, tokenHash } = authenticate(repos, config, match?.[1]);
    Object.assign(res.locals, { user, tokenHash } satisfies AuthedLocals);
    next();
  };
}

/**
 * express body-parser errors carry a `type`; a body that fails to decompress
 * (corrupt gzip, deflate or br) carries zlib's errno instead, with status 400.
 * Turn both into our VALIDATION shape: they are the client's fault, not a 500.
 */
function bodyParserError(err: unknown): ApiError | null {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new ApiError('VALIDATION', 'The request body is not valid JSON.');
  if (type === 'entity.too.large') return new ApiError('VALIDATION', 'The request body is too large.');
  if ((typeof type === 'string' && type.startsWith('encoding')) || type === 'charset.unsupported') {
    return new ApiError('VALIDATION', 'The request body encoding is not supported.');
  }
  if (typeof type === 'string' && (type.startsWith('request.') || type.startsWith('entity.'))) {
    return new ApiError('VALIDATION', 'The request body could not be read.');
  }
  return decompressionError(err);
}

/** zlib's error for a body that is not the gzip, deflate or br it claims to be (body-parser passes it on with status 400). */
function decompressionError(err: unknown): ApiError | null {
  const e = err as { status?: unknown; errno?: unknown } | null;
  if (e?.status !== 400 || typeof e.errno !== 'number') return null;
  return new ApiError('VALIDATION', 'The request body could not be decompressed: it is not valid gzip, deflate or br data.');
}

/** For a router with its own error handler (FHIR): a corrupt compressed body becomes a VALIDATION error, not a 500. */
export const decompressionErrors: ErrorRequestHandler = (err, _req, _res, next) => next(decompressionError(err) ?? err);

/** Refuses a parsed JSON body holding ill-formed text (see `requireWellFormedText`), naming the field. */
export const wellFormedBody: RequestHandler = (req, _res, next) => {
  requireWellFormedText(req.body);
  next();
};

/*
 * Headers helmet does not set. Permissions-Policy: the handheld uses the
 * camera (barcodes), on its own origin only; nothing else a page could ask
 * for. Cache-Control: no-store on every API and FHIR answer, which carry
 * patient data, wristband PDFs and audit CSVs: never kept by a browser or a
 * proxy on a shared ward device (OWASP ASVS V8.2.1).
 */
const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), display-capture=()';
const NO_STORE_PATHS = /^\/(api|fhir)(\/|$)/;

export const securityHeaders: RequestHandler = (req, res, next) => {
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  if (NO_STORE_PATHS.test(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
};

/** The one error handler: same JSON shape on every route, no stack traces, unknown errors logged. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = bodyParserError(err) ?? err;
    const { status, body } = toErrorBody(known);
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) return;
    res.status(status).json(body);
  };
}
