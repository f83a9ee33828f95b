import type { SessionUser } from '@wardscan/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { authenticate } from '../auth/service.js';
import type { ServerConfig } from '../config.js';
import type { Repositories } from '../repositories.js';
import { ApiError, toErrorBody } from './api-error.js';

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

/** express body-parser errors carry a `type`; turn them into our VALIDATION shape. */
function bodyParserError(err: unknown): ApiError | null {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return new ApiError('VALIDATION', 'The request body is not valid JSON.');
  if (type === 'entity.too.large') return new ApiError('VALIDATION', 'The request body is too large.');
  if (typeof type === 'string' && type.startsWith('encoding') || type === 'charset.unsupported') {
    return new ApiError('VALIDATION', 'The request body encoding is not supported.');
  }
  return null;
}

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
