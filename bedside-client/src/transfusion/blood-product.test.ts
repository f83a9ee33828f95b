import { describe, expect, it } from 'vitest';
import { bloodProductName } from './blood-product.js';

describe('bloodProductName (issue 12)', () => {
  it('names a component whose ISBT 128 description is sourced', () => {
    expect(bloodProductName('E0336V00')).toBe('Red cells in additive solution (AS-5), leucocyte-reduced');
    expect(bloodProductName('E0336100')).toBe('Red cells in additive solution (AS-5), leucocyte-reduced, for autologous use only');
  });

  it('names no other code: no guessed name', () => {
    expect(bloodProductName('E0001V00')).toBeNull();
    expect(bloodProductName('EA007V00')).toBeNull();
    expect(bloodProductName('E0336')).toBeNull();
  });
});
