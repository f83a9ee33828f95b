import { auditPageSchema, sessionResponseSchema, type AuditEntry } from '@wardscan/shared';

/** Direct API calls the tests use to check what the server recorded. */
export async function apiSignIn(origin: string, username: string): Promise<string> {
  const response = await fetch(`${origin}/api/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo-password' }),
  });
  if (!response.ok) throw new Error(`sign-in as ${username} failed: ${response.status} ${await response.text()}`);
  return sessionResponseSchema.parse(await response.json()).token;
}

export async function auditEntries(origin: string, token: string, query: Record<string, string> = {}): Promise<AuditEntry[]> {
  const params = new URLSearchParams({ pageSize: '500', ...query });
  const response = await fetch(`${origin}/api/audit?${params}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`audit query failed: ${response.status} ${await response.text()}`);
  return auditPageSchema.parse(await response.json()).entries;
}
