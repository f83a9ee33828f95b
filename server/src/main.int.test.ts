import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { exited, startChildServer } from './test/child-server.js';

const dir = mkdtempSync(join(tmpdir(), 'wardscan-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** POSTs JSON over HTTPS, trusting only `ca` (fetch cannot be given a CA). */
function httpsJson(url: string, ca: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('npm start (src/main.ts as its own process)', () => {
  it('seeds the demo ward into an empty database, warns about the demo sign-ins, serves the client, and stops gracefully', async () => {
    const clientDir = join(dir, 'client');
    mkdirSync(clientDir);
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Wardscan handheld</title>');
    const server = await startChildServer({ WARDSCAN_DB: join(dir, 'demo.db'), WARDSCAN_CLIENT_DIR: clientDir });
    const logs = server.logs.join('\n');
    expect(logs).toMatch(/seeded the demo ward/);
    const warn = server.logs.map((l) => { try { return JSON.parse(l) as { level: number; msg: string }; } catch { return null; } }).find((l) => l?.msg.startsWith('DEMO SIGN-INS'));
    expect(warn?.level).toBe(40);
    const base = `http://127.0.0.1:${server.port}`;
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ ok: true });
    const page = await fetch(`${base}/patients/anything`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Wardscan handheld/);
    const api404 = await fetch(`${base}/api/no-such-route`);
    expect(api404.status).toBe(401); // /api never falls back to the app shell
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(server.logs.join('\n')).toMatch(/"msg":"stopped"/);
  });

  it('starts without the demo ward when WARDSCAN_DEMO_WARD=off', async () => {
    const server = await startChildServer({ WARDSCAN_DB: join(dir, 'empty.db'), WARDSCAN_DEMO_WARD: 'off' });
    expect(server.logs.join('\n')).not.toMatch(/seeded the demo ward|DEMO SIGN-INS/);
    const res = await fetch(`http://127.0.0.1:${server.port}/api/sessions`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-nurse', password: 'demo-password' }),
    });
    expect(res.status).toBe(401);
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
  });

  it('refuses to start with a bad setting, saying which', async () => {
    await expect(startChildServer({ WARDSCAN_DB: join(dir, 'bad.db'), WARDSCAN_NHS_PREFIXES: 'abc' })).rejects.toThrow(/WARDSCAN_NHS_PREFIXES/);
    await expect(startChildServer({ WARDSCAN_DB: join(dir, 'bad.db'), WARDSCAN_TLS_CERT: join(dir, 'none.pem') })).rejects.toThrow(/WARDSCAN_TLS_CERT and WARDSCAN_TLS_KEY/);
  });

  it('serves HTTPS and secure sockets with WARDSCAN_TLS_CERT/KEY, and stops gracefully with a socket connected', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const ca = readFileSync(cert, 'utf8');
    const server = await startChildServer({ WARDSCAN_DB: join(dir, 'tls.db'), WARDSCAN_TLS_CERT: cert, WARDSCAN_TLS_KEY: key });
    const origin = `https://127.0.0.1:${server.port}`;
    const signIn = await httpsJson(`${origin}/api/sessions`, ca, { username: 'demo-manager', password: 'demo-password' });
    expect(signIn.status).toBe(201);
    const socket = connect(origin, { ca, auth: { token: (signIn.body as { token: string }).token }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(await closed).toMatch(/server|transport/);
    socket.close();
  });
});
