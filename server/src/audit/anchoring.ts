import type { GroupCommit } from '../db/group-commit.js';
import type { AuditRepository } from './repository.js';

/** How often the audit head is anchored while the server runs: rows deleted from the end within this window go unseen. */
export const ANCHOR_INTERVAL_MS = 30_000;

export interface AuditAnchoring {
  /** Anchors the head now (once the appends before are on disk). */
  anchorNow(): Promise<void>;
  /** Stops the timer and writes a last anchor: call once writes have stopped, before the group commit closes. */
  stop(): Promise<void>;
}

/**
 * Anchors the audit log's head in the anchor file every `intervalMs` when it
 * has moved, and at shutdown. The head is read through the group commit, so
 * it is anchored only once every commit up to it is on disk: after a power cut
 * the log never falls short of its anchor unless someone deleted rows.
 */
export function startAuditAnchoring(audit: AuditRepository, durable: GroupCommit, onError: (err: unknown) => void, intervalMs = ANCHOR_INTERVAL_MS): AuditAnchoring {
  let anchoredHash: string | null = null;
  let running: Promise<void> = Promise.resolve();
  const anchorNow = (): Promise<void> =>
    (running = running
      .then(async () => {
        if (audit.head().hash === anchoredHash) return;
        const head = await durable.write(() => audit.head());
        await audit.anchor(head, new Date());
        anchoredHash = head.hash;
      })
      .catch(onError));
  const timer = setInterval(() => void anchorNow(), intervalMs);
  timer.unref();
  return {
    anchorNow,
    async stop() {
      clearInterval(timer);
      await anchorNow();
    },
  };
}
