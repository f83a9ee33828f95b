import { describe, expect, it } from 'vitest';
import { type Check, worstOutcome } from './verdicts.js';

const pass = (rule: Check['rule']): Check => ({ rule, outcome: 'pass', message: 'ok' });
const warn = (rule: Check['rule']): Check => ({ rule, outcome: 'warning', message: 'check this' });
const stop = (rule: Check['rule']): Check => ({ rule, outcome: 'stop', message: 'do not give' });

describe('worstOutcome', () => {
  it('is a match when every check passed', () => {
    expect(worstOutcome([pass('right-patient'), pass('right-drug'), pass('expiry')])).toBe('match');
  });

  it('is a warning when any check warns and none stops', () => {
    expect(worstOutcome([pass('right-patient'), warn('right-time'), pass('expiry')])).toBe('warning');
  });

  it('is a stop when any check stops, whatever else passed or warned', () => {
    expect(worstOutcome([warn('right-time'), pass('right-drug'), stop('allergy')])).toBe('stop');
    expect(worstOutcome([stop('right-patient'), warn('expiry')])).toBe('stop');
  });

  it('does not depend on the order of the checks', () => {
    const checks = [warn('right-time'), stop('expiry'), pass('right-patient')];
    expect(worstOutcome([...checks].reverse())).toBe(worstOutcome(checks));
  });

  it('is a stop for no checks at all: nothing checked is nothing confirmed', () => {
    expect(worstOutcome([])).toBe('stop');
  });
});
