import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WardCompliance } from '@wardscan/shared';
import type { WardComplianceReport } from './compliance.js';
import type { ComplianceRepository } from './compliance-repository.js';
import { trustReports, wardCompliance } from './compliance-service.js';

/*
 * Compliance is computed off the event loop. A 90-day trust report reads
 * every dose of every ward (about a million on a 30-ward trust) and takes
 * seconds: on the event loop, every handheld's verdict would wait behind it
 * (the rule the label renderer follows, labels/render-pool.ts). One thread,
 * jobs in arrival order; it starts on the first report and, idle, keeps no
 * process alive. A database held in memory (no file to share) is computed in
 * the process instead.
 */

interface Common {
  readonly id: number;
  readonly dbFile: string;
  /** The server's clock (tests set it): ISO instant. */
  readonly now: string;
  readonly windowMinutes: number;
}
export type ComplianceJob =
  | (Common & { readonly kind: 'ward'; readonly ward: { id: string; name: string; timeZone: string }; readonly from: string; readonly to: string })
  | (Common & { readonly kind: 'trust'; readonly days: number; readonly to: string | undefined });
export type ComplianceReply =
  | { readonly id: number; readonly ok: true; readonly kind: 'ward'; readonly ward: WardCompliance }
  | { readonly id: number; readonly ok: true; readonly kind: 'trust'; readonly trust: { from: string; to: string; reports: WardComplianceReport[] } }
  | { readonly id: number; readonly ok: false; readonly error: string };

type Request = ComplianceJob extends infer J ? (J extends ComplianceJob ? Omit<J, 'id' | 'dbFile' | 'now' | 'windowMinutes'> : never) : never;

const FROM_SOURCE = import.meta.url.endsWith('.ts');

function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(new URL('./compliance-worker.js', import.meta.url));
  // From the TypeScript source (tests, tsx): the thread registers tsx before loading the worker, as the label renderer's does.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const worker = new URL('./compliance-worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); });`, { eval: true });
}

interface Pending {
  readonly job: ComplianceJob;
  readonly resolve: (reply: ComplianceReply) => void;
  readonly reject: (err: Error) => void;
}

let worker: Worker | undefined;
let running: Pending | undefined;
const queue: Pending[] = [];
let nextId = 1;

function dispatch(): void {
  if (running || queue.length === 0) return;
  if (!worker) {
    const w = startWorker();
    w.unref();
    w.on('message', (reply: ComplianceReply) => {
      const done = running;
      running = undefined;
      w.unref();
      if (done && done.job.id === reply.id) done.resolve(reply);
      dispatch();
    });
    // A thread that dies fails only its own job; the next starts a new one.
    const gone = (err: Error) => {
      if (worker === w) worker = undefined;
      const done = running;
      running = undefined;
      done?.reject(err);
      dispatch();
    };
    w.on('error', gone);
    w.on('exit', (code) => gone(new Error(`The compliance thread stopped (exit code ${code}).`)));
    worker = w;
  }
  running = queue.shift();
  if (!running) return;
  worker.ref(); // a job in flight keeps the process alive until it is answered
  worker.postMessage(running.job);
}

function submit(common: Omit<Common, 'id'>, request: Request): Promise<ComplianceReply> {
  return new Promise((resolve, reject) => {
    queue.push({ job: { ...common, ...request, id: nextId++ } as ComplianceJob, resolve, reject });
    dispatch();
  });
}

export interface ComplianceRunner {
  ward(ward: { id: string; name: string; timeZone: string }, from: string, to: string): Promise<WardCompliance>;
  trust(days: number, to: string | undefined): Promise<{ from: string; to: string; reports: WardComplianceReport[] }>;
}

/** Runs compliance jobs for one database: on the thread for a file, in the process for ':memory:'. */
export function complianceRunner(options: { dbFile: string; repo: ComplianceRepository; now: () => Date; windowMinutes: number }): ComplianceRunner {
  const inProcess = options.dbFile === ':memory:';
  const env = () => ({ repo: options.repo, now: options.now(), windowMinutes: options.windowMinutes });
  const common = () => ({ dbFile: options.dbFile, now: options.now().toISOString(), windowMinutes: options.windowMinutes });
  const answer = (reply: ComplianceReply): ComplianceReply & { ok: true } => {
    if (!reply.ok) throw new Error(`Computing compliance failed: ${reply.error}`);
    return reply;
  };
  return {
    async ward(ward, from, to) {
      if (inProcess) return wardCompliance(env(), ward, from, to);
      const reply = answer(await submit(common(), { kind: 'ward', ward, from, to }));
      if (reply.kind !== 'ward') throw new Error('The compliance thread answered another job.');
      return reply.ward;
    },
    async trust(days, to) {
      if (inProcess) return trustReports(env(), days, to);
      const reply = answer(await submit(common(), { kind: 'trust', days, to }));
      if (reply.kind !== 'trust') throw new Error('The compliance thread answered another job.');
      return reply.trust;
    },
  };
}
