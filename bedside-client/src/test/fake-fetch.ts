import { vi } from 'vitest';

/*
 * The network is outside the project, so tests replace `fetch` (only) with
 * a routing table. Everything above it, the http client, resources and
 * components, is the real code.
 */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

export type FakeReply = { status: number; body?: unknown; text?: string } | 'network-down';
export type Handler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  requests: FakeRequest[];
  /** Replace or add a route, e.g. `on('POST /api/scans', …)`. */
  on(route: string, handler: Handler): void;
  /** Every request fails as if the Wi-Fi dropped. */
  down(): void;
  up(): void;
}

export function json(body: unknown, status = 200): FakeReply {
  return { status, body };
}

export function apiError(status: number, code: string, message: string, field?: string): FakeReply {
  return { status, body: { error: { code, message, ...(field ? { field } : {}) } } };
}

export function fakeServer(routes: Record<string, Handler> = {}): FakeServer {
  const table = new Map(Object.entries(routes));
  let isDown = false;
  const requests: FakeRequest[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://wardscan.test');
    const method = init.method ?? 'GET';
    const request: FakeRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: (init.headers ?? {}) as Record<string, string>,
    };
    requests.push(request);
    if (isDown) throw new TypeError('Failed to fetch');
    const handler = table.get(`${method} ${url.pathname}`);
    const reply: FakeReply = handler ? await handler(request) : apiError(404, 'NOT_FOUND', `no route ${method} ${url.pathname}`);
    if (reply === 'network-down') throw new TypeError('Failed to fetch');
    if (reply.text !== undefined) return new Response(reply.text, { status: reply.status, headers: { 'Content-Type': 'text/csv' } });
    if (reply.status === 204) return new Response(null, { status: 204 });
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json' } });
  });
  return {
    requests,
    on: (route, handler) => table.set(route, handler),
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
  };
}
