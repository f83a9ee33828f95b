import { describe, expect, it } from 'vitest';
import { DEMO_NHS_PREFIX, configFromEnv } from './config.js';

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
