import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, ClientToServerEvents, ScanResponse, ServerToClientEvents } from '@wardscan/shared';
import type { Socket } from 'socket.io-client';
import { auditPlaces } from './audit/key.js';
import { verifyAuditTrail } from './audit/verify.js';
import { barcode } from './test/fixtures.js';
import { exited, startChildServer } from './test/child-server.js';

const dir = mkdtempSync(join(tmpdir(), 'wardscan-crash-'));
const dbFile = join(dir, 'ward.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function signIn(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo-password' }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe('crash safety', () => {
  it('loses no acknowledged event when the server is killed with SIGKILL mid-stream', async () => {
    const first = await startChildServer({ WARDSCAN_DB: dbFile });
    const token = await signIn(first.port, 'demo-nurse');
    const acked: string[] = [];
    const sent = new Map<string, { deviceId: string; raw: string }>();
    let stopStreaming = false;
    const raws = [barcode('wristband-agnes-morrow'), barcode('pack-paracetamol'), barcode('bed-7b-bed-1'), barcode('pack-furosemide')];

    const handhelds = Array.from({ length: 8 }, (_, i) => {
      const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(`http://127.0.0.1:${first.port}`, {
        auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true,
      });
      const loop = (async () => {
        await new Promise<void>((resolve, reject) => { s.once('connect', resolve); s.once('connect_error', reject); });
        for (let n = 0; !stopStreaming; n++) {
          const eventId = randomUUID();
          const request = { deviceId: `crash-${i}`, eventId, raw: raws[n % raws.length]!, source: 'scanner' as const };
          sent.set(eventId, request);
          try {
            const reply = (await s.timeout(2000).emitWithAck('scan', request)) as ScanResponse | ApiErrorBody;
            if ('eventId' in reply) acked.push(reply.eventId);
          } catch {
            return; // the server died: unacknowledged, so the handheld would retry
          }
        }
      })();
      return { s, loop };
    });

    await new Promise((r) => setTimeout(r, 1500));
    first.child.kill('SIGKILL');
    await exited(first.child);
    stopStreaming = true;
    await Promise.all(handhelds.map((h) => h.loop));
    for (const h of handhelds) h.s.disconnect();
    expect(acked.length).toBeGreaterThan(50);

    // Restart on the same file: it must come up (WAL recovery) and not re-seed.
    const second = await startChildServer({ WARDSCAN_DB: dbFile });
    expect(second.logs.join('\n')).not.toMatch(/seeded the demo ward/);
    const token2 = await signIn(second.port, 'demo-nurse');
    const replay = await fetch(`http://127.0.0.1:${second.port}/api/scans`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token2}` },
      body: JSON.stringify({ ...sent.get(acked.at(-1)!), eventId: acked.at(-1) }),
    });
    // The handheld's retry of its last acknowledged event gets the original answer back.
    expect(((await replay.json()) as ScanResponse).replayed).toBe(true);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);

    const db = new Database(dbFile, { readonly: true });
    const stored = new Set(db.prepare('SELECT event_id FROM scan_events').pluck().all() as string[]);
    const missing = acked.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    expect(verifyAuditTrail(db, auditPlaces(dbFile))).toMatchObject({ ok: true, findings: [] });
    db.close();
  }, 60_000);
});
