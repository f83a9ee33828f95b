import { describe, expect, it } from 'vitest';
import { pushSettingsFromEnv } from './settings.js';

describe('push settings from the environment', () => {
  it('is off without WARDSCAN_FHIR_PUSH_URL', () => {
    expect(pushSettingsFromEnv({})).toBeNull();
    expect(pushSettingsFromEnv({ WARDSCAN_FHIR_PUSH_URL: '  ' })).toBeNull();
  });

  it('takes an https base (trailing slash dropped), a token and the defaults', () => {
    expect(pushSettingsFromEnv({ WARDSCAN_FHIR_PUSH_URL: 'https://epr.trust.nhs.uk/fhir/R4/', WARDSCAN_FHIR_PUSH_TOKEN: 'abc' })).toEqual({
      baseUrl: 'https://epr.trust.nhs.uk/fhir/R4',
      token: 'abc',
      intervalMs: 2000,
      backoffMs: 5000,
      maxBackoffMs: 3_600_000,
      timeoutMs: 30_000,
      from: 'now',
    });
  });

  it('allows plain http only to this machine: the records are patient-identifiable', () => {
    expect(pushSettingsFromEnv({ WARDSCAN_FHIR_PUSH_URL: 'http://127.0.0.1:8080/fhir' })?.baseUrl).toBe('http://127.0.0.1:8080/fhir');
    expect(pushSettingsFromEnv({ WARDSCAN_FHIR_PUSH_URL: 'http://localhost/fhir' })).not.toBeNull();
    expect(pushSettingsFromEnv({ WARDSCAN_FHIR_PUSH_URL: 'http://[::1]/fhir' })).not.toBeNull();
    expect(() => pushSettingsFromEnv({ WARDSCAN_FHIR_PUSH_URL: 'http://epr.trust.nhs.uk/fhir' })).toThrow(/https/);
  });

  it.each([
    [{ WARDSCAN_FHIR_PUSH_URL: 'epr/fhir' }, /absolute/],
    [{ WARDSCAN_FHIR_PUSH_URL: 'https://user:pw@epr.example/fhir' }, /credentials/],
    [{ WARDSCAN_FHIR_PUSH_URL: 'https://epr.example/fhir?x=1' }, /query/],
    [{ WARDSCAN_FHIR_PUSH_URL: 'https://epr.example/fhir', WARDSCAN_FHIR_PUSH_RETRY_MS: 'soon' }, /RETRY_MS/],
    [{ WARDSCAN_FHIR_PUSH_URL: 'https://epr.example/fhir', WARDSCAN_FHIR_PUSH_INTERVAL_MS: '0' }, /INTERVAL_MS/],
    [{ WARDSCAN_FHIR_PUSH_URL: 'https://epr.example/fhir', WARDSCAN_FHIR_PUSH_FROM: 'yesterday' }, /now or start/],
  ])('refuses %j', (env, message) => expect(() => pushSettingsFromEnv(env)).toThrow(message));
});
