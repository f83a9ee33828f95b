import type { WardCompliance } from '@wardscan/shared';
import { createWorkerPool, startModuleWorker, type WorkerPool } from '../workers/worker-pool.js';
import type { WardComplianceReport } from './compliance.js';
import type { ComplianceRepository } from './compliance-repository.js';
import { trustReports, wardCompliance } from './compliance-service.js';

/*
 * Compliance is computed off the event loop. A 90-day trust report reads
 * every dose of every ward (about a million on a 30-ward trust) and takes
 * seconds: on the event loop, every handheld's verdict would wait behind it
 * (workers/worker-pool.ts). One thread. A database held in memory (no file
 * to share) is computed in the process instead.
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

// One thread for the process, started on the first report.
let pool: WorkerPool<ComplianceJob, ComplianceReply> | undefined;
const submit = (common: Omit<Common, 'id'>, request: Request): Promise<ComplianceReply> =>
  (pool ??= createWorkerPool<ComplianceJob, ComplianceReply>({ size: 1, start: () => startModuleWorker(new URL('./compliance-worker', import.meta.url)), name: 'The compliance thread' })).run({
    ...common,
    ...request,
  } as Omit<ComplianceJob, 'id'>);

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
