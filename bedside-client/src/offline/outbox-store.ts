import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AdministrationRequest, ScanRequest } from '@wardscan/shared';

/**
 * Work the server has not acknowledged, kept in IndexedDB so that a reload,
 * a flat battery or a closed tab loses nothing. Items are replayed in `seq`
 * order; each carries the eventId it was made with, so a replay the server
 * already recorded comes back `replayed: true` instead of counting twice.
 */
export type OutboxWork =
  | { kind: 'scan'; request: ScanRequest }
  | { kind: 'administration'; request: AdministrationRequest };

export type OutboxState =
  | { status: 'waiting' }
  /** The server answered with an error: kept, shown, never silently dropped. */
  | { status: 'rejected'; message: string };

export type OutboxItem = OutboxWork & {
  seq: number;
  eventId: string;
  queuedAt: string;
  /** What the nurse sees in the "waiting to send" list. */
  label: string;
  /**
   * Who made it. Only that user's session may send it: replayed under
   * another nurse's sign-in it would be recorded as theirs.
   */
  by: { userId: string; name: string };
  state: OutboxState;
};

interface OutboxDb extends DBSchema {
  outbox: { key: number; value: OutboxItem; indexes: { eventId: string } };
}

export interface OutboxStore {
  add(work: OutboxWork, label: string, by: OutboxItem['by'], queuedAt: Date): Promise<OutboxItem>;
  /** Everything, oldest first. */
  list(): Promise<OutboxItem[]>;
  remove(seq: number): Promise<void>;
  reject(seq: number, message: string): Promise<void>;
  close(): void;
}

export async function openOutboxStore(name = 'wardscan-outbox'): Promise<OutboxStore> {
  const db: IDBPDatabase<OutboxDb> = await openDB<OutboxDb>(name, 1, {
    upgrade(database) {
      const store = database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      store.createIndex('eventId', 'eventId', { unique: true });
    },
  });

  return {
    async add(work, label, by, queuedAt) {
      const existing = await db.getFromIndex('outbox', 'eventId', work.request.eventId);
      if (existing) return existing; // the same event queued twice is still one event
      const draft = { ...work, eventId: work.request.eventId, queuedAt: queuedAt.toISOString(), label, by, state: { status: 'waiting' } };
      // seq is assigned by the store (autoIncrement), which is what orders the replay.
      const seq = await db.add('outbox', draft as OutboxItem);
      return { ...draft, seq } as OutboxItem;
    },
    list: () => db.getAll('outbox'),
    remove: (seq) => db.delete('outbox', seq),
    async reject(seq, message) {
      const item = await db.get('outbox', seq);
      if (item) await db.put('outbox', { ...item, state: { status: 'rejected', message } });
    },
    close: () => db.close(),
  };
}
