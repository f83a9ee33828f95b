import { readFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { InterpretOptions } from '@wardscan/shared';
import { pino, type Logger } from 'pino';
import { SCRYPT_COST } from './auth/passwords.js';

/** Everything the app needs from outside; tests build one directly, `main.ts` reads it from the environment. */
export interface ServerConfig {
  readonly dbFile: string;
  /** The built handheld app, served with an SPA fallback; null serves none. */
  readonly clientDir: string | null;
  /** DCB1077: GS1 company prefixes under which a wristband GSRN carries an NHS Number. Configuration, never a constant. */
  readonly nhsCompanyPrefixes: readonly string[];
  readonly acceptPlainNhsNumber: boolean;
  readonly gsSubstitutes: readonly string[];
  /** A typed patient identifier is a stop unless the trust allows it. */
  readonly allowKeyedPatientId: boolean;
  /** A positive patient ID ends after this many idle seconds. */
  readonly patientContextSeconds: number;
  readonly scannerMaxKeyGapMs: number;
  /** A regular dose within this many minutes of its time is on time. */
  readonly doseWindowMinutes: number;
  readonly sessionHours: number;
  /** A session unused for this long has ended, whatever its lifetime left. */
  readonly sessionIdleMinutes: number;
  /** Sign-in attempts per client address per window. */
  readonly loginRateLimit: { readonly windowMs: number; readonly max: number };
  /**
   * Per-account lockout (issue 16): after `failures` consecutive failed
   * sign-ins the account is refused for `firstMinutes`, doubling with each
   * further failure up to `maxMinutes`, from any client address.
   */
  readonly signInLockout: { readonly failures: number; readonly firstMinutes: number; readonly maxMinutes: number };
  /** scrypt cost N for new password and PIN hashes (tests use a low one for speed). */
  readonly passwordHashCost: number;
  /** The clock: injected so right-time and expiry are tested at chosen instants. */
  readonly now: () => Date;
  readonly logger: Logger;
  /** PEM certificate and key: serve HTTPS, which phones need before a page may use the camera. Absent: plain HTTP. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

/** How this ward's barcodes are read: the same options wherever the server interprets a scan. */
export const interpretOptions = (config: ServerConfig): InterpretOptions => ({
  nhsCompanyPrefixes: [...config.nhsCompanyPrefixes],
  acceptPlainNhsNumber: config.acceptPlainNhsNumber,
  gsSubstitutes: [...config.gsSubstitutes],
});

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const DEMO_NHS_PREFIX = '5099999';

export const DEFAULTS = {
  nhsCompanyPrefixes: [DEMO_NHS_PREFIX],
  acceptPlainNhsNumber: true,
  gsSubstitutes: [] as string[],
  allowKeyedPatientId: false,
  patientContextSeconds: 300,
  scannerMaxKeyGapMs: 50,
  doseWindowMinutes: 60,
  sessionHours: 12,
  sessionIdleMinutes: 30,
  loginRateLimit: { windowMs: 60_000, max: 20 },
  signInLockout: { failures: 5, firstMinutes: 1, maxMinutes: 30 },
  passwordHashCost: SCRYPT_COST,
} as const;

const flag = (v: string | undefined, fallback: boolean): boolean =>
  v === undefined || v === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

/** A switch that must say on or off: a misspelt safety setting stops start-up rather than quietly meaning "off". */
function onOff(name: string, v: string | undefined, fallback: boolean): boolean {
  if (v === undefined || v === '') return fallback;
  const value = v.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new Error(`${name} must be on or off, got "${v}"`);
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether `host` is this machine only: 127.0.0.0/8, ::1 (or 127.x mapped into IPv6), or the name localhost. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost') return true;
  const family = isIP(h);
  return family !== 0 && LOOPBACK.check(h, family === 4 ? 'ipv4' : 'ipv6');
}

function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${v}"`);
  return n;
}

function list(v: string | undefined, fallback: readonly string[]): string[] {
  if (v === undefined || v.trim() === '') return [...fallback];
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Both files or neither; an unreadable file stops start-up with its name. */
function tlsFrom(certFile: string | undefined, keyFile: string | undefined): ServerConfig['tls'] {
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new Error('WARDSCAN_TLS_CERT and WARDSCAN_TLS_KEY go together: set both (PEM files) or neither');
  const read = (name: string, file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`${name}: cannot read "${file}" (${(err as Error).message})`);
    }
  };
  return { cert: read('WARDSCAN_TLS_CERT', certFile), key: read('WARDSCAN_TLS_KEY', keyFile) };
}

/**
 * DCB1077: a patient GSRN is 18 digits = NHS GS1 company prefix + 10-digit NHS
 * Number + check digit, so only a 7-digit prefix leaves exactly the NHS
 * Number's room. Any other length (GS1 allots 6 to 12) could never carry one,
 * and the ward would silently read no NHS Number from its own wristbands.
 */
function checkNhsPrefix(prefix: string): void {
  if (!/^\d+$/.test(prefix)) throw new Error(`WARDSCAN_NHS_PREFIXES: "${prefix}" is not a GS1 company prefix (digits only)`);
  if (prefix.length !== 7) {
    throw new Error(
      `WARDSCAN_NHS_PREFIXES: "${prefix}" has ${prefix.length} digits; a wristband GSRN (18 digits) holds the ` +
        'NHS Number (10) and its check digit (1) only after a 7-digit company prefix (DCB1077)',
    );
  }
}

export interface EnvSettings {
  readonly port: number;
  readonly host: string;
  /** WARDSCAN_DEMO_WARD=on: seed the demo ward, with its known passwords, into an empty database. Off unless asked for. */
  readonly seedDemoWard: boolean;
  /** Plain HTTP on an address other machines can reach, allowed by WARDSCAN_ALLOW_PLAIN_HTTP=on (main.ts warns at start). */
  readonly plainHttpOnNetwork: boolean;
  readonly config: ServerConfig;
}

/** Reads the documented environment variables (README "Settings"); a bad value stops start-up with a clear message. */
export function configFromEnv(env: NodeJS.ProcessEnv): EnvSettings {
  const prefixes = list(env.WARDSCAN_NHS_PREFIXES, DEFAULTS.nhsCompanyPrefixes);
  for (const p of prefixes) checkNhsPrefix(p);
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0 to 65535, got "${env.PORT}"`);
  const tls = tlsFrom(env.WARDSCAN_TLS_CERT, env.WARDSCAN_TLS_KEY);
  // Without TLS, passwords, PINs and session tokens cross the network in clear: this machine only, unless told.
  const host = env.HOST || (tls ? '0.0.0.0' : '127.0.0.1');
  const allowPlainHttp = onOff('WARDSCAN_ALLOW_PLAIN_HTTP', env.WARDSCAN_ALLOW_PLAIN_HTTP, false);
  const plainHttpOnNetwork = !tls && !isLoopback(host);
  if (plainHttpOnNetwork && !allowPlainHttp) {
    throw new Error(
      `HOST=${host} would serve plain HTTP to the network, where sign-in passwords, PINs and session tokens can be read in transit. ` +
        'Set WARDSCAN_TLS_CERT and WARDSCAN_TLS_KEY to serve HTTPS (README "Phones and HTTPS"), or HOST=127.0.0.1 for this machine only; ' +
        'WARDSCAN_ALLOW_PLAIN_HTTP=on serves plain HTTP to the network anyway.',
    );
  }
  const logger = pino({ level: env.LOG_LEVEL ?? 'info', base: { service: 'wardscan-server' } });
  return {
    port,
    host,
    seedDemoWard: onOff('WARDSCAN_DEMO_WARD', env.WARDSCAN_DEMO_WARD, false),
    plainHttpOnNetwork,
    config: {
      dbFile: env.WARDSCAN_DB || `${repoRoot}data/wardscan.db`,
      clientDir: env.WARDSCAN_CLIENT_DIR || `${repoRoot}bedside-client/dist`,
      nhsCompanyPrefixes: prefixes,
      acceptPlainNhsNumber: flag(env.WARDSCAN_ACCEPT_PLAIN_NHS_NUMBER, DEFAULTS.acceptPlainNhsNumber),
      gsSubstitutes: list(env.WARDSCAN_GS_SUBSTITUTES, DEFAULTS.gsSubstitutes),
      allowKeyedPatientId: flag(env.WARDSCAN_ALLOW_KEYED_PATIENT_ID, DEFAULTS.allowKeyedPatientId),
      patientContextSeconds: positiveInt('WARDSCAN_PATIENT_CONTEXT_SECONDS', env.WARDSCAN_PATIENT_CONTEXT_SECONDS, DEFAULTS.patientContextSeconds),
      scannerMaxKeyGapMs: positiveInt('WARDSCAN_SCANNER_MAX_KEY_GAP_MS', env.WARDSCAN_SCANNER_MAX_KEY_GAP_MS, DEFAULTS.scannerMaxKeyGapMs),
      doseWindowMinutes: positiveInt('WARDSCAN_DOSE_WINDOW_MINUTES', env.WARDSCAN_DOSE_WINDOW_MINUTES, DEFAULTS.doseWindowMinutes),
      sessionHours: positiveInt('WARDSCAN_SESSION_HOURS', env.WARDSCAN_SESSION_HOURS, DEFAULTS.sessionHours),
      sessionIdleMinutes: positiveInt('WARDSCAN_SESSION_IDLE_MINUTES', env.WARDSCAN_SESSION_IDLE_MINUTES, DEFAULTS.sessionIdleMinutes),
      loginRateLimit: {
        windowMs: DEFAULTS.loginRateLimit.windowMs,
        max: positiveInt('WARDSCAN_LOGIN_RATE_LIMIT', env.WARDSCAN_LOGIN_RATE_LIMIT, DEFAULTS.loginRateLimit.max),
      },
      signInLockout: {
        failures: positiveInt('WARDSCAN_SIGN_IN_LOCKOUT_FAILURES', env.WARDSCAN_SIGN_IN_LOCKOUT_FAILURES, DEFAULTS.signInLockout.failures),
        firstMinutes: positiveInt('WARDSCAN_SIGN_IN_LOCKOUT_MINUTES', env.WARDSCAN_SIGN_IN_LOCKOUT_MINUTES, DEFAULTS.signInLockout.firstMinutes),
        maxMinutes: positiveInt('WARDSCAN_SIGN_IN_LOCKOUT_MAX_MINUTES', env.WARDSCAN_SIGN_IN_LOCKOUT_MAX_MINUTES, DEFAULTS.signInLockout.maxMinutes),
      },
      passwordHashCost: DEFAULTS.passwordHashCost,
      now: () => new Date(),
      logger,
      ...(tls ? { tls } : {}),
    },
  };
}
