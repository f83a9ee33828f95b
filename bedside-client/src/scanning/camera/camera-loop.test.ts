import { describe, expect, it } from 'vitest';
import { createRepeatFilter } from './camera-loop.js';

describe('createRepeatFilter', () => {
  it('counts a symbol held in view once, and again after a pause', () => {
    const accept = createRepeatFilter(2500);
    expect(accept('x', 0)).toBe(true);
    expect(accept('x', 100)).toBe(false);
    expect(accept('y', 200)).toBe(true);
    expect(accept('y', 5000)).toBe(true);
  });
});
