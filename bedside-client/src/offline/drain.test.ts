import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.js';
import { buildPatient, patientScanResponse } from '../test/builders.js';
import { drainOutbox } from './drain.js';
import { openOutboxStore } from './outbox-store.js';

function scanWork(eventId: string) {
  return { kind: 'scan' as const, request: { deviceId: 'd1', eventId, raw: `raw-${eventId}`, source: 'scanner' as const } };
}

const nia = { userId: 'u-nia', name: 'Nia Nurse' };
const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];

describe('offline outbox', () => {
  it('keeps queued work across a reopen (a page reload) and in order', async () => {
    const name = `outbox-${crypto.randomUUID()}`;
    const first = await openOutboxStore(name);
    await first.add(scanWork(ids[0]!), 'Wristband', nia, new Date());
    await first.add(scanWork(ids[1]!), 'Pack', nia, new Date());
    await first.add(scanWork(ids[0]!), 'Wristband again', nia, new Date());
    first.close();
    const reopened = await openOutboxStore(name);
    expect((await reopened.list()).map((item) => item.eventId)).toEqual([ids[0], ids[1]]);
  });

  it('sends in queue order and stops at the first item the network refuses, keeping it and the rest', async () => {
    const store = await openOutboxStore(`outbox-${crypto.randomUUID()}`);
    for (const id of ids) await store.add(scanWork(id), id, nia, new Date());
    const sent: string[] = [];
    const result = await drainOutbox(store, {
      scan: async (item) => {
        if (item.eventId === ids[1]) throw new ApiError('NETWORK', 'down', 0);
        sent.push(item.eventId);
        return patientScanResponse(item.eventId, buildPatient());
      },
      administration: async () => {
        throw new Error('not used');
      },
    }, nia.userId);
    expect(result.status).toBe('stopped');
    expect(sent).toEqual([ids[0]]);
    expect((await store.list()).map((item) => item.eventId)).toEqual([ids[1], ids[2]]);
  });

  it('keeps an item the server rejects, marked with the server’s words, and carries on', async () => {
    const store = await openOutboxStore(`outbox-${crypto.randomUUID()}`);
    await store.add(scanWork(ids[0]!), 'bad', nia, new Date());
    await store.add(scanWork(ids[1]!), 'good', nia, new Date());
    const result = await drainOutbox(store, {
      scan: async (item) => {
        if (item.eventId === ids[0]) throw new ApiError('VALIDATION', 'raw is too long', 400, 'raw');
        return patientScanResponse(item.eventId);
      },
      administration: async () => {
        throw new Error('not used');
      },
    }, nia.userId);
    expect(result).toMatchObject({ status: 'drained', delivered: [{ item: { eventId: ids[1] } }] });
    expect(await store.list()).toMatchObject([{ eventId: ids[0], state: { status: 'rejected', message: 'raw is too long' } }]);
  });

  it('never sends one nurse’s queued scans under another nurse’s sign-in', async () => {
    const store = await openOutboxStore(`outbox-${crypto.randomUUID()}`);
    await store.add(scanWork(ids[0]!), 'Nia’s wristband scan', nia, new Date());
    await store.add(scanWork(ids[1]!), 'Omar’s pack scan', { userId: 'u-omar', name: 'Omar Nurse' }, new Date());
    const sent: string[] = [];
    const sender = {
      scan: async (item: { eventId: string }) => {
        sent.push(item.eventId);
        return patientScanResponse(item.eventId);
      },
      administration: async () => {
        throw new Error('not used');
      },
    };
    await drainOutbox(store, sender, 'u-omar');
    expect(sent).toEqual([ids[1]]);
    expect((await store.list()).map((item) => item.by.name)).toEqual(['Nia Nurse']);
  });

  it('keeps an item waiting, not rejected, when the server itself fails', async () => {
    const store = await openOutboxStore(`outbox-${crypto.randomUUID()}`);
    await store.add(scanWork(ids[0]!), 'Pack', nia, new Date());
    const result = await drainOutbox(
      store,
      {
        scan: async () => {
          throw new ApiError('INTERNAL', 'Something went wrong on the server.', 500);
        },
        administration: async () => {
          throw new Error('not used');
        },
      },
      nia.userId,
    );
    expect(result).toMatchObject({ status: 'stopped', reason: 'server-error' });
    expect(await store.list()).toMatchObject([{ eventId: ids[0], state: { status: 'waiting' } }]);
  });
});
