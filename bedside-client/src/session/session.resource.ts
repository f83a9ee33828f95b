import {
  clientConfigSchema,
  sessionResponseSchema,
  sessionUserSchema,
  type ClientConfig,
  type CreateSessionRequest,
  type SessionResponse,
} from '@wardscan/shared';
import type { HttpClient } from '../api/http.js';

/*
 * The session lives in sessionStorage: it survives a reload (so the offline
 * queue can still be sent after one) but not closing the tab on a shared
 * handheld.
 */
const SESSION_KEY = 'wardscan.session';

export function loadSession(storage: Storage = sessionStorage): SessionResponse | null {
  const text = storage.getItem(SESSION_KEY);
  if (!text) return null;
  try {
    const parsed = sessionResponseSchema.safeParse(JSON.parse(text));
    if (!parsed.success || Date.parse(parsed.data.expiresAt) <= Date.now()) return null;
    return parsed.data;
  } catch {
    return null;
  }
}

export function saveSession(session: SessionResponse | null, storage: Storage = sessionStorage): void {
  if (session) storage.setItem(SESSION_KEY, JSON.stringify(session));
  else storage.removeItem(SESSION_KEY);
}

export function signIn(http: HttpClient, request: CreateSessionRequest): Promise<SessionResponse> {
  return http.send('POST', '/api/sessions', request, sessionResponseSchema);
}

export function signOut(http: HttpClient): Promise<void> {
  return http.remove('/api/sessions/current');
}

export function fetchMe(http: HttpClient) {
  return http.get('/api/me', sessionUserSchema);
}

export function fetchConfig(http: HttpClient): Promise<ClientConfig> {
  return http.get('/api/config', clientConfigSchema);
}
