import type { WardChangedEvent } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchWardChanges } from './ward-changes.js';

describe('ward changes told to the round views', () => {
  let sent: WardChangedEvent[];
  const at = () => new Date(Date.now());
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-12-02T10:00:00.000Z') });
    sent = [];
  });
  afterEach(() => vi.useRealTimers());

  it('tells a quiet ward at once', () => {
    const wards = batchWardChanges((e) => sent.push(e), at, 1000);
    wards.tell({ wardId: 'ward-7b', patientId: 'p1' });
    expect(sent).toEqual([{ wardId: 'ward-7b', patientIds: ['p1'], at: '2026-12-02T10:00:00.000Z' }]);
  });

  it('gathers a busy ward’s changes into one message per window, naming each patient once', () => {
    const wards = batchWardChanges((e) => sent.push(e), at, 1000);
    wards.tell({ wardId: 'ward-7b', patientId: 'p1' });
    vi.advanceTimersByTime(200);
    wards.tell({ wardId: 'ward-7b', patientId: 'p2' });
    wards.tell({ wardId: 'ward-7b', patientId: 'p1' }); // changed again after it was told
    wards.tell({ wardId: 'ward-7b', patientId: 'p3' });
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(800);
    expect(sent.slice(1)).toEqual([{ wardId: 'ward-7b', patientIds: ['p2', 'p1', 'p3'], at: '2026-12-02T10:00:01.000Z' }]);
    // Still inside the next window: a change waits for its end.
    wards.tell({ wardId: 'ward-7b', patientId: 'p4' });
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(sent[2]).toMatchObject({ patientIds: ['p4'] });
    // A window with nothing in it closes: the next change is told at once again.
    vi.advanceTimersByTime(1000);
    wards.tell({ wardId: 'ward-7b', patientId: 'p5' });
    expect(sent).toHaveLength(4);
    expect(sent[3]).toMatchObject({ patientIds: ['p5'], at: '2026-12-02T10:00:03.000Z' });
  });

  it('keeps each ward’s window apart', () => {
    const wards = batchWardChanges((e) => sent.push(e), at, 1000);
    wards.tell({ wardId: 'ward-7b', patientId: 'p1' });
    wards.tell({ wardId: 'ward-8a', patientId: 'q1' });
    expect(sent.map((e) => e.wardId)).toEqual(['ward-7b', 'ward-8a']);
  });

  it('sends what is pending when closed, and nothing after', () => {
    const wards = batchWardChanges((e) => sent.push(e), at, 1000);
    wards.tell({ wardId: 'ward-7b', patientId: 'p1' });
    wards.tell({ wardId: 'ward-7b', patientId: 'p2' });
    wards.close();
    expect(sent.map((e) => e.patientIds)).toEqual([['p1'], ['p2']]);
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(2);
  });
});
