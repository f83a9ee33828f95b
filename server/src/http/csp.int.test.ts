import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('Content-Security-Policy', () => {
  let server: TestServer;
  let clientDir: string;
  beforeAll(async () => {
    // A stand-in for the built client: the app shell and a WebAssembly asset (the camera's decoder).
    clientDir = mkdtempSync(join(tmpdir(), 'wardscan-client-'));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Wardscan</title>');
    writeFileSync(join(clientDir, 'assets', 'zxing_reader-test.wasm'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    server = await startTestServer({ clientDir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('lets the page compile WebAssembly from its own origin, and nothing broader', async () => {
    const response = await fetch(`${server.baseUrl}/`);
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    // No JavaScript eval, no inline script, no other host to fetch from: the decoder's .wasm comes from 'self' too.
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.has('connect-src')).toBe(false);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    for (const values of csp.values()) expect(values).not.toContain("'unsafe-eval'");
  });

  it('keeps the camera and label images working: blob: media, data: and blob: images', async () => {
    const csp = directives((await fetch(`${server.baseUrl}/`)).headers.get('content-security-policy'));
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('serves the decoder’s .wasm as application/wasm, which streaming compilation requires', async () => {
    const response = await fetch(`${server.baseUrl}/assets/zxing_reader-test.wasm`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/wasm');
  });

  it('sends the same policy with API answers', async () => {
    const response = await server.api('GET', '/health');
    expect(directives(response.headers.get('content-security-policy')).get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
});
