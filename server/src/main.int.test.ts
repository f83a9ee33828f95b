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

interface LogLine { level: number; msg: string; setupUrl?: string }
const logLines = (logs: readonly string[]): LogLine[] =>
  logs.flatMap((l) => {
    try {
      return [JSON.parse(l) as LogLine];
    } catch {
      return [];
    }
  });

const postJson = (url: string, body: unknown): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('npm start (src/main.ts as its own process)', () => {
  it('with WARDSCAN_DEMO_WARD=on seeds the demo ward into an empty database, warns about the demo sign-ins, serves the client, and stops gracefully', async () => {
    const clientDir = join(dir, 'client');
    mkdirSync(clientDir);
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Wardscan handheld</title>');
    const server = await startChildServer({ WARDSCAN_DB: join(dir, 'demo.db'), WARDSCAN_CLIENT_DIR: clientDir, WARDSCAN_DEMO_WARD: 'on' });
    const logs = server.logs.join('\n');
    expect(logs).toMatch(/seeded the demo ward/);
    const lines = logLines(server.logs);
    expect(lines.find((l) => l.msg.includes('seeded the demo ward'))?.level).toBe(40);
    const warn = lines.find((l) => l.msg.startsWith('DEMO SIGN-INS'));
    expect(warn?.level).toBe(40);
    expect(warn?.msg).toMatch(/THIS IS A DEMO/);
    expect(lines.some((l) => l.setupUrl)).toBe(false); // demo-admin exists: no set-up link
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

  it('without WARDSCAN_DEMO_WARD (a production start) seeds nothing and prints a single-use set-up link for the first admin', async () => {
    const dbFile = join(dir, 'production.db');
    // '' is unset: the default, whatever the environment running the tests holds.
    const server = await startChildServer({ WARDSCAN_DB: dbFile, WARDSCAN_DEMO_WARD: '' });
    const base = `http://127.0.0.1:${server.port}`;
    const lines = logLines(server.logs);
    expect(server.logs.join('\n')).not.toMatch(/seeded the demo ward|DEMO SIGN-INS/);
    expect((await postJson(`${base}/api/sessions`, { username: 'demo-admin', password: 'demo-password' })).status).toBe(401);

    const link = lines.find((l) => l.setupUrl);
    expect(link?.level).toBe(40);
    expect(link?.msg).toMatch(/NO ADMIN ACCOUNT/);
    const url = new URL(link!.setupUrl!);
    expect(`${url.origin}${url.pathname}`).toBe(`${base}/setup`);
    const token = new URLSearchParams(url.hash.slice(1)).get('token');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const admin = { username: 'ward-admin', name: 'Ward Admin', password: 'a-long-first-password' };
    expect((await postJson(`${base}/api/setup/first-admin`, { ...admin, token: 'not-the-token' })).status).toBe(403);
    const created = await postJson(`${base}/api/setup/first-admin`, { ...admin, token });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ username: 'ward-admin', role: 'admin' });
    expect((await postJson(`${base}/api/sessions`, { username: 'ward-admin', password: 'a-long-first-password' })).status).toBe(201);
    // Spent: the same link cannot make another admin.
    expect((await postJson(`${base}/api/setup/first-admin`, { ...admin, username: 'another-admin', token })).status).toBe(409);
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);

    // With an admin, a restart prints no link.
    const again = await startChildServer({ WARDSCAN_DB: dbFile, WARDSCAN_DEMO_WARD: '' });
    expect(logLines(again.logs).some((l) => l.setupUrl || /NO ADMIN/.test(l.msg))).toBe(false);
    again.child.kill('SIGTERM');
    expect(await exited(again.child)).toBe(0);
  }, 60_000); // two starts and a production-cost hash: slow on a loaded two-core machine

  it('prints a new set-up link at each start while there is no admin; the old one no longer works', async () => {
    const dbFile = join(dir, 'restart.db');
    const tokenOf = (logs: readonly string[]) => new URLSearchParams(new URL(logLines(logs).find((l) => l.setupUrl)!.setupUrl!).hash.slice(1)).get('token');
    const first = await startChildServer({ WARDSCAN_DB: dbFile, WARDSCAN_DEMO_WARD: '' });
    const oldToken = tokenOf(first.logs);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    const second = await startChildServer({ WARDSCAN_DB: dbFile, WARDSCAN_DEMO_WARD: '' });
    const newToken = tokenOf(second.logs);
    expect(newToken).not.toBe(oldToken);
    const base = `http://127.0.0.1:${second.port}`;
    const admin = { username: 'ward-admin', name: 'Ward Admin', password: 'a-long-first-password' };
    expect((await postJson(`${base}/api/setup/first-admin`, { ...admin, token: oldToken })).status).toBe(403);
    expect((await postJson(`${base}/api/setup/first-admin`, { ...admin, token: newToken })).status).toBe(201);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  }, 60_000);

  it('refuses to start with a bad setting, saying which', async () => {
    await expect(startChildServer({ WARDSCAN_DB: join(dir, 'bad.db'), WARDSCAN_NHS_PREFIXES: 'abc' })).rejects.toThrow(/WARDSCAN_NHS_PREFIXES/);
    await expect(startChildServer({ WARDSCAN_DB: join(dir, 'bad.db'), WARDSCAN_TLS_CERT: join(dir, 'none.pem') })).rejects.toThrow(/WARDSCAN_TLS_CERT and WARDSCAN_TLS_KEY/);
    await expect(startChildServer({ WARDSCAN_DB: join(dir, 'bad.db'), WARDSCAN_DEMO_WARD: 'yes please' })).rejects.toThrow(/WARDSCAN_DEMO_WARD must be on or off/);
  });

  it('refuses plain HTTP on a network address unless WARDSCAN_ALLOW_PLAIN_HTTP=on, and then warns', async () => {
    await expect(startChildServer({ WARDSCAN_DB: join(dir, 'plain.db'), HOST: '0.0.0.0' })).rejects.toThrow(
      /exited with 2:[\s\S]*HOST=0\.0\.0\.0 would serve plain HTTP to the network[\s\S]*WARDSCAN_TLS_CERT and WARDSCAN_TLS_KEY/,
    );
    const server = await startChildServer({ WARDSCAN_DB: join(dir, 'plain.db'), HOST: '0.0.0.0', WARDSCAN_ALLOW_PLAIN_HTTP: 'on' });
    const warn = logLines(server.logs).find((l) => l.msg.startsWith('WARDSCAN_ALLOW_PLAIN_HTTP=on'));
    expect(warn?.level).toBe(40);
    expect((await fetch(`http://127.0.0.1:${server.port}/api/health`)).status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
  });

  it('serves HTTPS and secure sockets with WARDSCAN_TLS_CERT/KEY, and stops gracefully with a socket connected', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const ca = readFileSync(cert, 'utf8');
    const server = await startChildServer({ WARDSCAN_DB: join(dir, 'tls.db'), WARDSCAN_TLS_CERT: cert, WARDSCAN_TLS_KEY: key, WARDSCAN_DEMO_WARD: 'on' });
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
