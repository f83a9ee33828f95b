import { apiErrorBodySchema } from '@wardscan/shared';
import type { z } from 'zod';
import { ApiError } from './api-error.js';

export interface HttpClient {
  get<S extends z.ZodType>(path: string, schema: S): Promise<z.infer<S>>;
  /** `body` undefined sends none; a 204 reply is parsed as undefined (use `z.undefined()`). */
  send<S extends z.ZodType>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, schema: S): Promise<z.infer<S>>;
  /** For 204 replies (sign out, finish patient). */
  remove(path: string): Promise<void>;
  /** Raw text, e.g. the audit CSV export. */
  text(path: string): Promise<string>;
  /** A file, e.g. a printable label PDF. */
  blob(path: string): Promise<Blob>;
}

export interface HttpOptions {
  /** Origin of the server; '' means the page's own origin. */
  baseUrl?: string;
  token: () => string | null;
  /** A request that never reached the server longer than this counts as offline. */
  timeoutMs?: number;
  onUnauthenticated?: () => void;
}

/** fetch, with the server's error body turned into an `ApiError` and every reply checked by its schema. */
export function createHttpClient(options: HttpOptions): HttpClient {
  const baseUrl = options.baseUrl ?? '';
  const timeoutMs = options.timeoutMs ?? 8000;

  async function request(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = options.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new ApiError('NETWORK', 'The ward server cannot be reached.', 0);
    }
    if (response.ok) return response;
    throw await toApiError(response, options.onUnauthenticated);
  }

  async function parsed<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> {
    const result = schema.safeParse(response.status === 204 ? undefined : await response.json());
    if (!result.success) throw new ApiError('INTERNAL', 'The server sent a reply this app does not understand.', response.status);
    return result.data;
  }

  return {
    get: async (path, schema) => parsed(await request('GET', path), schema),
    send: async (method, path, body, schema) => parsed(await request(method, path, body), schema),
    remove: async (path) => {
      await request('DELETE', path);
    },
    text: async (path) => (await request('GET', path)).text(),
    blob: async (path) => (await request('GET', path)).blob(),
  };
}

async function toApiError(response: Response, onUnauthenticated?: () => void): Promise<ApiError> {
  // A gateway in front of a stopped server answers 502/503/504: the server itself was not reached.
  if ([502, 503, 504].includes(response.status)) return new ApiError('NETWORK', 'The ward server cannot be reached.', response.status);
  const body = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
  if (response.status === 401) onUnauthenticated?.();
  if (!body.success) return new ApiError('INTERNAL', `The server answered ${response.status}.`, response.status);
  const { code, message, field } = body.data.error;
  return new ApiError(code, message, response.status, field);
}
