import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createComplianceRepository, type ComplianceRepository } from './compliance-repository.js';
import { trustReports, wardCompliance, type ComplianceEnv } from './compliance-service.js';
import type { ComplianceJob, ComplianceReply } from './compliance-thread.js';

/*
 * The compliance thread (compliance-thread.ts): reads the ward database on a
 * read-only connection of its own (WAL lets it read beside the server's
 * writes) and computes the figures, so a 90-day trust report never holds up
 * a bedside verdict on the event loop.
 */
let open: { file: string; db: Database.Database; repo: ComplianceRepository } | undefined;

function repoFor(file: string): ComplianceRepository {
  if (open?.file === file) return open.repo;
  open?.db.close();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  open = { file, db, repo: createComplianceRepository(db) };
  return open.repo;
}

function run(job: ComplianceJob): ComplianceReply {
  const env: ComplianceEnv = { repo: repoFor(job.dbFile), now: new Date(job.now), windowMinutes: job.windowMinutes };
  switch (job.kind) {
    case 'ward':
      return { id: job.id, ok: true, kind: 'ward', ward: wardCompliance(env, job.ward, job.from, job.to) };
    case 'trust':
      return { id: job.id, ok: true, kind: 'trust', trust: trustReports(env, job.days, job.to) };
    default: {
      const never: never = job;
      return never;
    }
  }
}

parentPort?.on('message', (job: ComplianceJob) => {
  let reply: ComplianceReply;
  try {
    reply = run(job);
  } catch (err) {
    reply = { id: job.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
