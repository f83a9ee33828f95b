import type { Server } from 'node:http';
import type { MedicationAdministration } from '@medplum/fhirtypes';
import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import { createFhirReadRepository } from '../read-repository.js';
import { URI_SYSTEM } from '../systems.js';
import { administrationToFhir, notGivenToFhir } from '../to-fhir/medication-administration.js';
import { createOutbox, type OutboxRow } from './outbox.js';
import { pushSettingsFromEnv, type PushSettings } from './settings.js';

/** Deliveries tried per round at most (one at a time, oldest due first). */
const ROUND = 50;

export interface FhirPush {
  readonly settings: PushSettings;
  /** One round now: queue new records, then try what is due. Rounds never overlap. */
  runOnce(): Promise<void>;
  /** Stops the rounds and abandons a delivery in flight (it stays queued and is sent again after a restart). */
  stop(): Promise<void>;
}

/** The resource as sent: no id or meta (a create's are the receiver's), references by identifier only. */
export function pushedResource(resource: MedicationAdministration): MedicationAdministration {
  const { id: _id, meta: _meta, ...rest } = resource;
  return rest;
}

/** `Retry-After` in seconds or as an HTTP date, in ms from now; 0 when absent or unreadable. */
function retryAfterMs(value: string | null, now: number): number {
  if (!value) return 0;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, at - now);
}

/**
 * The outbound push (issue 13): when WARDSCAN_FHIR_PUSH_URL is set, every new
 * MedicationAdministration (a dose given, or documented as not given) is
 * POSTed to the receiver from the durable outbox, each with If-None-Exist on
 * its stable identifier, until it answers 2xx. A failure (refused, timed out,
 * any other status) is tried again after a back-off that doubles per attempt
 * (Retry-After is honoured), and the outbox survives restarts: delivery is at
 * least once, and the receiver deduplicates. The rounds stop when the HTTP
 * server closes (the app's close, before the database is). Returns null, and
 * starts nothing, when no receiver is configured.
 */
export function startFhirPush(db: Db, logger: Logger, httpServer: Server, env: NodeJS.ProcessEnv = process.env): FhirPush | null {
  const configured = pushSettingsFromEnv(env);
  if (!configured) return null;
  const settings: PushSettings = configured;
  const outbox = createOutbox(db);
  const reads = createFhirReadRepository(db);
  outbox.begin(settings.from);
  const log = logger.child({ component: 'fhir-push' });
  const endpoint = `${settings.baseUrl}/MedicationAdministration`;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | null = null;
  const inFlight = new AbortController();

  const resourceOf = (row: OutboxRow): MedicationAdministration | null => {
    const found = reads.dose({ kind: row.kind, id: row.record_id });
    if (!found) return null;
    return pushedResource(found.kind === 'given' ? administrationToFhir(found.dose, 'logical') : notGivenToFhir(found.dose, 'logical'));
  };

  /** One delivery: true when the receiver has it (so the round goes on), false when it failed (the receiver may be down: the rest wait for the next round). */
  async function deliver(row: OutboxRow): Promise<boolean> {
    const resource = resourceOf(row);
    if (!resource) {
      outbox.delivered(row.id, new Date(), 0, 'the record no longer exists: nothing sent');
      log.error({ outboxId: row.id, kind: row.kind, recordId: row.record_id }, 'FHIR push: queued record not found');
      return true;
    }
    let status: number | null = null;
    let error: string;
    let waitMs = 0;
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/fhir+json',
          accept: 'application/fhir+json',
          'if-none-exist': new URLSearchParams({ identifier: `${URI_SYSTEM}|${row.identifier}` }).toString(),
          ...(settings.token ? { authorization: `Bearer ${settings.token}` } : {}),
        },
        body: JSON.stringify(resource),
        redirect: 'error',
        signal: AbortSignal.any([inFlight.signal, AbortSignal.timeout(settings.timeoutMs)]),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (stopped || !db.open) return false;
      // 2xx: created, or (If-None-Exist) already there. 412: already there more than once: nothing to add.
      if (res.ok || res.status === 412) {
        outbox.delivered(row.id, new Date(), res.status, res.status === 412 ? 'the receiver holds this identifier more than once' : null);
        log.debug({ outboxId: row.id, status: res.status, identifier: row.identifier }, 'FHIR push: delivered');
        return true;
      }
      error = `HTTP ${res.status}`;
      waitMs = retryAfterMs(res.headers.get('retry-after'), Date.now());
    } catch (err) {
      if (stopped || !db.open) return false;
      error = err instanceof Error ? `${err.name}: ${(err.cause as Error | undefined)?.message ?? err.message}` : String(err);
    }
    const backoff = Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** Math.min(row.attempts, 30));
    const retryAt = new Date(Date.now() + Math.max(backoff, Math.min(waitMs, settings.maxBackoffMs)));
    outbox.failed(row.id, retryAt, status, error);
    // A 4xx other than timeout or throttling will not mend by itself: someone must look.
    const level = status !== null && status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'error' : 'warn';
    log[level]({ outboxId: row.id, attempt: row.attempts + 1, status, error, retryAt: retryAt.toISOString(), pending: outbox.pending() }, 'FHIR push: delivery failed; will retry');
    return false;
  }

  async function runRound(): Promise<void> {
    if (!db.open) stopped = true;
    if (stopped) return;
    const queued = outbox.fill(new Date());
    if (queued) log.debug({ queued }, 'FHIR push: queued new records');
    for (const row of outbox.due(new Date(), ROUND)) {
      if (stopped || !(await deliver(row))) return;
    }
  }

  const runOnce = (): Promise<void> => {
    round ??= runRound()
      .catch((err: unknown) => {
        if (!stopped) log.error({ err }, 'FHIR push: round failed');
      })
      .finally(() => {
        round = null;
      });
    return round;
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().then(schedule), settings.intervalMs);
    timer.unref();
  };

  const stop = async (): Promise<void> => {
    stopped = true;
    if (timer) clearTimeout(timer);
    inFlight.abort();
    await round;
  };
  httpServer.once('close', () => void stop());
  log.info({ endpoint, from: settings.from, pending: outbox.pending() }, 'FHIR push: sending new MedicationAdministrations');
  void runOnce().then(schedule);
  return { settings, runOnce, stop };
}
