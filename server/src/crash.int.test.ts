import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
import { exited, startChildServer, type ChildServer } from './test/child-server.js';

const dirs: string[] = [];
const tempDir = (name: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `wardscan-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function signIn(port: number, username: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo-password' }),
  });
  return ((await res.json()) as { token: string }).token;
}

interface Stream {
  /** Event ids the server acknowledged, in the order the acks arrived. */
  readonly acked: string[];
  readonly sent: Map<string, { deviceId: string; raw: string }>;
}

/**
 * Eight handhelds scan as fast as they are answered for `ms`; then the server
 * is killed with SIGKILL the moment the next acknowledgement arrives (the
 * moment an acknowledged event is most at risk), or 2 s later at the latest.
 */
async function streamThenKill(server: ChildServer, ms: number): Promise<Stream> {
  const token = await signIn(server.port, 'demo-nurse');
  const acked: string[] = [];
  const sent = new Map<string, { deviceId: string; raw: string }>();
  let stopStreaming = false;
  let armed = false;
  const kill = () => server.child.kill('SIGKILL');
  const raws = [barcode('wristband-agnes-morrow'), barcode('pack-paracetamol'), barcode('bed-7b-bed-1'), barcode('pack-furosemide')];
  const handhelds = Array.from({ length: 8 }, (_, i) => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(`http://127.0.0.1:${server.port}`, {
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
          if (armed) kill();
        } catch {
          return; // the server died: unacknowledged, so the handheld would retry
        }
      }
    })();
    return { s, loop };
  });
  await new Promise((r) => setTimeout(r, ms));
  armed = true;
  const fallback = setTimeout(kill, 2000);
  await exited(server.child);
  clearTimeout(fallback);
  stopStreaming = true;
  await Promise.all(handhelds.map((h) => h.loop));
  for (const h of handhelds) h.s.disconnect();
  return { acked, sent };
}

const storedEventIds = (db: Database.Database): Set<string> => new Set(db.prepare('SELECT event_id FROM scan_events').pluck().all() as string[]);

describe('crash safety', () => {
  it('loses no acknowledged event when the server is killed with SIGKILL mid-stream', async () => {
    const dbFile = join(tempDir('crash'), 'ward.db');
    const first = await startChildServer({ WARDSCAN_DEMO_WARD: 'on', WARDSCAN_DB: dbFile });
    const { acked, sent } = await streamThenKill(first, 1500);
    expect(acked.length).toBeGreaterThan(50);

    // Restart on the same file: it must come up (WAL recovery) and not re-seed.
    const second = await startChildServer({ WARDSCAN_DEMO_WARD: 'on', WARDSCAN_DB: dbFile });
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
    const stored = storedEventIds(db);
    const missing = acked.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    expect(verifyAuditTrail(db, auditPlaces(dbFile))).toMatchObject({ ok: true, findings: [] });
    db.close();
  }, 90_000);

  /*
   * SIGKILL cannot lose what reached the page cache, so the test above passes
   * without any fsync at all. This one models the power cut: the server
   * (WARDSCAN_TEST_DISK_IMAGES, db/group-commit.ts) copies the database and
   * WAL as each fsync is asked to make them durable; after the kill, only the
   * newest copy is "the disk". Every event acknowledged must be in it: an
   * acknowledgement sent before its fsync, or no fsync, fails here.
   */
  it('has every acknowledged event on disk at its last fsync, as a power cut would leave it', async () => {
    const dir = tempDir('power-cut');
    const dbFile = join(dir, 'ward.db');
    const images = join(dir, 'disk-images');
    mkdirSync(images);
    const server = await startChildServer({ WARDSCAN_DEMO_WARD: 'on', WARDSCAN_DB: dbFile, WARDSCAN_TEST_DISK_IMAGES: images });
    const { acked } = await streamThenKill(server, 2000);
    expect(acked.length).toBeGreaterThan(50);

    const newest = readdirSync(images).filter((name) => /^\d+$/.test(name)).sort().at(-1);
    expect(newest, 'no fsync was ever asked for').toBeDefined();
    // Recover from a copy of that image with the audit key and anchor file beside it, as a restore would.
    const disk = tempDir('disk');
    for (const name of readdirSync(join(images, newest!))) copyFileSync(join(images, newest!, name), join(disk, name));
    for (const suffix of ['.audit-key', '.audit-anchor']) if (existsSync(`${dbFile}${suffix}`)) copyFileSync(`${dbFile}${suffix}`, join(disk, `ward.db${suffix}`));
    const db = new Database(join(disk, 'ward.db'));
    const stored = storedEventIds(db);
    const lost = acked.filter((id) => !stored.has(id));
    expect(lost, `${lost.length} of ${acked.length} acknowledged events were not on disk`).toEqual([]);
    // Anchors are written only after the head they name is on disk, so the recovered trail reaches its anchor.
    expect(verifyAuditTrail(db, auditPlaces(join(disk, 'ward.db')))).toMatchObject({ ok: true, findings: [] });
    db.close();
  }, 90_000);
});
