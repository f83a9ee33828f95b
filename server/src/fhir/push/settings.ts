import { isIP } from 'node:net';

/** Where and how new MedicationAdministrations are pushed; null when the trust has not configured a receiver. */
export interface PushSettings {
  /** The receiver's FHIR base; each resource is POSTed to `<base>/MedicationAdministration`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  readonly token: string | null;
  /** How often the outbox is filled from new records and due deliveries are tried. */
  readonly intervalMs: number;
  /** First retry after this long, doubling with each failure up to `maxBackoffMs`. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** A receiver that has not answered in this long has failed this attempt. */
  readonly timeoutMs: number;
  /** On the very first start: push only records made from now on (`now`), or every record already held as well (`start`). */
  readonly from: 'now' | 'start';
}

const positive = (name: string, v: string | undefined, fallback: number): number => {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of milliseconds, got "${v}"`);
  return n;
};

const isLoopback = (host: string): boolean => {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || (isIP(h) === 4 && h.startsWith('127.')) || h === '::1';
};

/**
 * The push's environment, read here rather than in config.ts (it is the
 * integration's own): WARDSCAN_FHIR_PUSH_URL (an https FHIR base; plain http
 * only to this machine, as the records are patient-identifiable),
 * WARDSCAN_FHIR_PUSH_TOKEN, and for tuning WARDSCAN_FHIR_PUSH_INTERVAL_MS,
 * _RETRY_MS, _MAX_RETRY_MS, _TIMEOUT_MS and WARDSCAN_FHIR_PUSH_FROM (now | start).
 * A malformed value stops start-up rather than quietly pushing nowhere.
 */
export function pushSettingsFromEnv(env: NodeJS.ProcessEnv): PushSettings | null {
  const raw = env.WARDSCAN_FHIR_PUSH_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`WARDSCAN_FHIR_PUSH_URL must be an absolute URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new Error('WARDSCAN_FHIR_PUSH_URL must be https (plain http only to this machine): administrations are patient-identifiable');
  }
  if (url.search || url.hash || url.username || url.password) throw new Error('WARDSCAN_FHIR_PUSH_URL is a FHIR base: no query, fragment or credentials (use WARDSCAN_FHIR_PUSH_TOKEN)');
  const from = env.WARDSCAN_FHIR_PUSH_FROM?.trim() || 'now';
  if (from !== 'now' && from !== 'start') throw new Error(`WARDSCAN_FHIR_PUSH_FROM must be now or start, got "${from}"`);
  const backoffMs = positive('WARDSCAN_FHIR_PUSH_RETRY_MS', env.WARDSCAN_FHIR_PUSH_RETRY_MS, 5_000);
  return {
    baseUrl: url.href.replace(/\/+$/, ''),
    token: env.WARDSCAN_FHIR_PUSH_TOKEN?.trim() || null,
    intervalMs: positive('WARDSCAN_FHIR_PUSH_INTERVAL_MS', env.WARDSCAN_FHIR_PUSH_INTERVAL_MS, 2_000),
    backoffMs,
    maxBackoffMs: Math.max(backoffMs, positive('WARDSCAN_FHIR_PUSH_MAX_RETRY_MS', env.WARDSCAN_FHIR_PUSH_MAX_RETRY_MS, 60 * 60_000)),
    timeoutMs: positive('WARDSCAN_FHIR_PUSH_TIMEOUT_MS', env.WARDSCAN_FHIR_PUSH_TIMEOUT_MS, 30_000),
    from,
  };
}
