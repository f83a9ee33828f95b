import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../config.js';
import { lockoutMinutes, minutesLocked } from './lockout.js';

describe('per-account sign-in lockout', () => {
  const policy = DEFAULTS.signInLockout;

  it('locks nobody below five failures, then for 1, 2, 4, 8, 16 minutes, and never past 30', () => {
    expect(policy).toEqual({ failures: 5, firstMinutes: 1, maxMinutes: 30 });
    expect([1, 2, 3, 4].map((n) => lockoutMinutes(n, policy))).toEqual([null, null, null, null]);
    expect([5, 6, 7, 8, 9, 10, 11, 100, 10_000].map((n) => lockoutMinutes(n, policy))).toEqual([1, 2, 4, 8, 16, 30, 30, 30, 30]);
  });

  it('follows a ward-chosen limit and first lock', () => {
    expect(lockoutMinutes(2, { failures: 3, firstMinutes: 5, maxMinutes: 60 })).toBeNull();
    expect([3, 4, 5, 6].map((n) => lockoutMinutes(n, { failures: 3, firstMinutes: 5, maxMinutes: 60 }))).toEqual([5, 10, 20, 40]);
  });

  it('counts the minutes left of a lock, rounding up, and none once it has passed', () => {
    const now = new Date('2026-11-24T08:00:00.000Z');
    expect(minutesLocked(null, now)).toBeNull();
    expect(minutesLocked('2026-11-24T08:00:00.000Z', now)).toBeNull();
    expect(minutesLocked('2026-11-24T08:00:01.000Z', now)).toBe(1);
    expect(minutesLocked('2026-11-24T08:02:00.000Z', now)).toBe(2);
    expect(minutesLocked('2026-11-24T08:02:00.001Z', now)).toBe(3);
  });
});
