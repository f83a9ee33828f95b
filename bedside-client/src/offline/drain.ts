import type { AdministrationResponse, ScanResponse } from '@wardscan/shared';
import { ApiError, errorMessage } from '../api/api-error.js';
import type { OutboxItem, OutboxStore } from './outbox-store.js';

export type Delivered =
  | { kind: 'scan'; item: OutboxItem; response: ScanResponse }
  | { kind: 'administration'; item: OutboxItem; response: AdministrationResponse };

export interface Sender {
  scan(item: OutboxItem & { kind: 'scan' }): Promise<ScanResponse>;
  administration(item: OutboxItem & { kind: 'administration' }): Promise<AdministrationResponse>;
}

export type DrainResult =
  | { status: 'drained'; delivered: Delivered[] }
  /** Stopped at the first item that could not be sent; it and those after it wait. */
  | { status: 'stopped'; delivered: Delivered[]; reason: 'offline' | 'signed-out' | 'server-error' };

/**
 * Sends this user's waiting items strictly in the order they were queued, stopping at
 * the first one that cannot reach the server so order is never broken.
 * An item the server refuses is marked rejected and kept for the nurse to see.
 */
export async function drainOutbox(store: OutboxStore, send: Sender, userId: string): Promise<DrainResult> {
  const delivered: Delivered[] = [];
  // Another user's items wait for that user: sent now they would be recorded as this user's.
  const waiting = (await store.list()).filter((item) => item.state.status === 'waiting' && item.by.userId === userId);
  for (const item of waiting) {
    try {
      if (item.kind === 'scan') delivered.push({ kind: 'scan', item, response: await send.scan(item) });
      else delivered.push({ kind: 'administration', item, response: await send.administration(item) });
      await store.remove(item.seq);
    } catch (error) {
      if (error instanceof ApiError && error.isNetwork) return { status: 'stopped', delivered, reason: 'offline' };
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return { status: 'stopped', delivered, reason: 'signed-out' };
      // A server fault or rate limit says nothing about the item itself: keep it waiting.
      if (error instanceof ApiError && (error.code === 'INTERNAL' || error.code === 'RATE_LIMITED')) {
        return { status: 'stopped', delivered, reason: 'server-error' };
      }
      await store.reject(item.seq, errorMessage(error));
    }
  }
  return { status: 'drained', delivered };
}
