import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_NHS_PREFIX, configFromEnv, isLoopback } from './config.js';

const env = (overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ LOG_LEVEL: 'silent', ...overrides });

describe('WARDSCAN_NHS_PREFIXES', () => {
  it('accepts 7-digit company prefixes, one or several', () => {
    expect(configFromEnv(env({ WARDSCAN_NHS_PREFIXES: '5055220, 5099999' })).config.nhsCompanyPrefixes).toEqual(['5055220', '5099999']);
    expect(configFromEnv(env({})).config.nhsCompanyPrefixes).toEqual([DEMO_NHS_PREFIX]);
  });

  it.each([
    ['6 digits', '505522', /"505522" has 6 digits/],
    ['8 digits', '50552201', /"50552201" has 8 digits/],
    ['12 digits, the longest GS1 allots', '505522012345', /"505522012345" has 12 digits/],
    ['a good prefix beside a bad one', '5055220,505522', /"505522" has 6 digits/],
  ])('refuses a prefix of %s, saying why: only 7 digits leave room for the NHS Number', (_case, value, reason) => {
    const start = () => configFromEnv(env({ WARDSCAN_NHS_PREFIXES: value }));
    expect(start).toThrow(reason);
    expect(start).toThrow(/NHS Number \(10\) and its check digit \(1\) only after a 7-digit company prefix/);
  });

  it('refuses a prefix that is not digits', () => {
    expect(() => configFromEnv(env({ WARDSCAN_NHS_PREFIXES: 'abc' }))).toThrow(/WARDSCAN_NHS_PREFIXES: "abc" is not a GS1 company prefix/);
  });
});

describe('WARDSCAN_DEMO_WARD (issue 16: safe defaults)', () => {
  it('seeds nothing unless asked: a production start has no demo accounts', () => {
    expect(configFromEnv(env({})).seedDemoWard).toBe(false);
    expect(configFromEnv(env({ WARDSCAN_DEMO_WARD: '' })).seedDemoWard).toBe(false);
    expect(configFromEnv(env({ WARDSCAN_DEMO_WARD: 'off' })).seedDemoWard).toBe(false);
  });

  it('seeds the demo ward with WARDSCAN_DEMO_WARD=on', () => {
    expect(configFromEnv(env({ WARDSCAN_DEMO_WARD: 'on' })).seedDemoWard).toBe(true);
    expect(configFromEnv(env({ WARDSCAN_DEMO_WARD: 'ON' })).seedDemoWard).toBe(true);
  });

  it('refuses a value that is neither on nor off', () => {
    expect(() => configFromEnv(env({ WARDSCAN_DEMO_WARD: 'maybe' }))).toThrow(/WARDSCAN_DEMO_WARD must be on or off, got "maybe"/);
  });
});

describe('HOST and plain HTTP (issue 16: safe defaults)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wardscan-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const tls = () => {
    writeFileSync(join(dir, 'cert.pem'), 'cert');
    writeFileSync(join(dir, 'key.pem'), 'key');
    return { WARDSCAN_TLS_CERT: join(dir, 'cert.pem'), WARDSCAN_TLS_KEY: join(dir, 'key.pem') };
  };

  it('listens on loopback only by default without TLS', () => {
    const s = configFromEnv(env({}));
    expect(s.host).toBe('127.0.0.1');
    expect(s.config.tls).toBeUndefined();
    expect(s.plainHttpOnNetwork).toBe(false);
  });

  it('listens on every interface by default with TLS (the way to serve a ward network)', () => {
    const s = configFromEnv(env(tls()));
    expect(s.host).toBe('0.0.0.0');
    expect(s.config.tls).toEqual({ cert: 'cert', key: 'key' });
    expect(s.plainHttpOnNetwork).toBe(false);
    expect(configFromEnv(env({ ...tls(), HOST: '192.0.2.10' })).host).toBe('192.0.2.10');
  });

  it.each(['0.0.0.0', '::', '192.0.2.10', 'wardscan.example.nhs.uk'])('refuses plain HTTP on %s, pointing at HTTPS', (host) => {
    const start = () => configFromEnv(env({ HOST: host }));
    expect(start).toThrow(`HOST=${host} would serve plain HTTP to the network`);
    expect(start).toThrow(/WARDSCAN_TLS_CERT and WARDSCAN_TLS_KEY.*WARDSCAN_ALLOW_PLAIN_HTTP=on/);
  });

  it('serves plain HTTP to the network only with WARDSCAN_ALLOW_PLAIN_HTTP=on', () => {
    const s = configFromEnv(env({ HOST: '0.0.0.0', WARDSCAN_ALLOW_PLAIN_HTTP: 'on' }));
    expect(s.host).toBe('0.0.0.0');
    expect(s.plainHttpOnNetwork).toBe(true);
    expect(() => configFromEnv(env({ HOST: '0.0.0.0', WARDSCAN_ALLOW_PLAIN_HTTP: 'off' }))).toThrow(/plain HTTP to the network/);
    expect(() => configFromEnv(env({ HOST: '0.0.0.0', WARDSCAN_ALLOW_PLAIN_HTTP: 'please' }))).toThrow(/WARDSCAN_ALLOW_PLAIN_HTTP must be on or off/);
  });

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])('allows plain HTTP on the loopback address %s', (host) => {
    expect(isLoopback(host)).toBe(true);
    expect(configFromEnv(env({ HOST: host })).host).toBe(host);
  });

  it.each(['0.0.0.0', '::', '10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', 'localhost.example.org'])('does not take %s for loopback', (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});
