import { describe, expect, it } from 'vitest';
import type { DueDose } from '@wardscan/shared';
import { infusableOrders } from './device-purposes.js';

const dose = (prescriptionId: string, route: DueDose['route'], status: DueDose['status'] = 'due'): DueDose => ({
  prescriptionId,
  drugName: prescriptionId,
  dose: { kind: 'fixed', value: '1', unit: 'g' },
  doseText: `1 g ${route}`,
  route,
  dueAt: null,
  status,
  highAlert: false,
});

describe('infusableOrders (issue 12)', () => {
  it('offers a pump only the orders given into a vein or under the skin, never an oral tablet', () => {
    const doses = [dose('para-oral', 'oral'), dose('gent-iv', 'iv', 'later'), dose('morphine-sc', 'sc', 'overdue'), dose('feed-ng', 'ng'), dose('cream', 'topical'), dose('amox-im', 'im')];
    expect(infusableOrders(doses).map((d) => d.prescriptionId)).toEqual(['morphine-sc', 'gent-iv']);
  });

  it('lists each order once, at its most pressing dose', () => {
    expect(infusableOrders([dose('gent-iv', 'iv', 'later'), dose('gent-iv', 'iv', 'due')]).map((d) => d.status)).toEqual(['due']);
  });
});
