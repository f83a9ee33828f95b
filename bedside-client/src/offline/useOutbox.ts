import { useCallback, useEffect, useRef, useState } from 'react';
import type { HttpClient } from '../api/http.js';
import { postAdministration, postScan } from '../nurse/bedside.resource.js';
import { drainOutbox, type Delivered } from './drain.js';
import { heldSince } from './held-for.js';
import { openOutboxStore, type OutboxItem, type OutboxStore, type OutboxWork } from './outbox-store.js';
import type { Connectivity } from './useConnectivity.js';

export interface Outbox {
  items: OutboxItem[];
  /** True while this user's work waits: new work must queue behind it to keep order. */
  hasWaiting: boolean;
  enqueue: (work: OutboxWork, label: string) => Promise<void>;
  dismiss: (seq: number) => Promise<void>;
  /** Set when the store itself failed (private mode, quota): nothing can be queued. */
  storeError: string | null;
}

const SERVER_ERROR_RETRY_MS = 5000;

/** The IndexedDB outbox, drained in order whenever the server is reachable. */
export function useOutbox(
  http: HttpClient,
  user: OutboxItem['by'],
  connectivity: Connectivity,
  onDelivered: (delivered: Delivered[]) => void,
): Outbox {
  const [store, setStore] = useState<OutboxStore | null>(null);
  const [items, setItems] = useState<OutboxItem[]>([]);
  const [storeError, setStoreError] = useState<string | null>(null);
  // Work queued before IndexedDB has opened waits for it rather than being lost.
  const opening = useRef<Promise<OutboxStore> | null>(null);
  const draining = useRef(false);
  const [retry, setRetry] = useState(0);
  const onDeliveredRef = useRef(onDelivered);
  onDeliveredRef.current = onDelivered;
  const { online, reportOffline } = connectivity;

  useEffect(() => {
    let opened: OutboxStore | null = null;
    const promise = openOutboxStore();
    opening.current = promise;
    promise
      .then(async (s) => {
        opened = s;
        setStore(s);
        setItems(await s.list());
      })
      .catch((error: unknown) => setStoreError(error instanceof Error ? error.message : String(error)));
    return () => opened?.close();
  }, []);

  const drain = useCallback(async () => {
    if (!store || draining.current) return;
    draining.current = true;
    try {
      const result = await drainOutbox(store, {
        // Sent with how long each waited since it was captured, so the server judges it as of then.
        scan: (item) => postScan(http, { ...item.request, heldForMs: heldSince(Date.parse(item.request.scannedAt ?? item.queuedAt)) }),
        administration: (item) => postAdministration(http, { ...item.request, heldForMs: heldSince(Date.parse(item.queuedAt)) }),
      }, user.userId);
      setItems(await store.list());
      if (result.delivered.length > 0) onDeliveredRef.current(result.delivered);
      if (result.status === 'stopped' && result.reason === 'offline') reportOffline();
      // A server fault: the items keep waiting and are tried again shortly.
      if (result.status === 'stopped' && result.reason === 'server-error') setTimeout(() => setRetry((n) => n + 1), SERVER_ERROR_RETRY_MS);
    } finally {
      draining.current = false;
    }
  }, [store, http, reportOffline, user.userId]);

  const waitingCount = items.filter((item) => item.state.status === 'waiting' && item.by.userId === user.userId).length;
  const hasWaiting = waitingCount > 0;
  // Runs again whenever the queue changes, so work queued during a drain is not left behind.
  useEffect(() => {
    if (online && hasWaiting) void drain();
  }, [online, hasWaiting, waitingCount, retry, drain]);

  const enqueue = useCallback(
    async (work: OutboxWork, label: string) => {
      const target = store ?? (await opening.current);
      if (!target) throw new Error('the offline queue could not be opened');
      await target.add(work, label, user, new Date());
      setItems(await target.list());
    },
    [store, user],
  );

  const dismiss = useCallback(
    async (seq: number) => {
      if (!store) return;
      await store.remove(seq);
      setItems(await store.list());
    },
    [store],
  );

  return { items, hasWaiting, enqueue, dismiss, storeError };
}
