import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrdersNeedingReview as Orders } from '@wardscan/shared';
import { ADA_NHS, buildSession } from '../test/builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { OrdersNeedingReview } from './OrdersNeedingReview.js';

afterEach(() => vi.unstubAllGlobals());
const manager = buildSession({ role: 'ward-manager', name: 'Mo Manager' });
const REVIEW = 'Dose range 1 to 2 tablet: the nurse chooses a dose within it. Review by pharmacy or a nurse before it is given.';

const orders = (list: Orders['orders']): Orders => ({ wardId: 'ward-1', at: '2026-11-24T08:00:00.000Z', orders: list });

describe('OrdersNeedingReview (issue 13)', () => {
  it('lists each order with the patient, bed, why and the dose range, and says when one is also on hold', async () => {
    fakeServer({
      'GET /api/wards/ward-1/orders-needing-review': () =>
        json(
          orders([
            { prescriptionId: 'rx-1', drugName: 'Paracetamol 500mg tablets', route: 'oral', reason: REVIEW, doseRange: { low: '1', high: '2', unit: 'tablet' }, onHold: false, patient: { id: 'p-ada', nhsNumber: ADA_NHS, familyName: 'Lovelace', givenName: 'Ada', bedLabel: 'Bay 1 Bed 3' }, startsAt: '2026-11-24T06:00:00.000Z' },
            { prescriptionId: 'rx-2', drugName: 'Ramipril 5mg capsules', route: 'oral', reason: 'Dose in words only: "1 daily".', doseRange: null, onHold: true, patient: { id: 'p-ada', nhsNumber: ADA_NHS, familyName: 'Lovelace', givenName: 'Ada', bedLabel: null }, startsAt: '2026-11-24T06:00:00.000Z' },
          ]),
        ),
    });
    renderSignedIn(<OrdersNeedingReview wardId="ward-1" refreshKey={0} />, { session: manager });
    const section = await screen.findByRole('region', { name: 'Orders needing review (2)' });
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('LOVELACE, Ada');
    expect(rows[0]).toHaveTextContent('999 000 0018');
    expect(rows[0]).toHaveTextContent('Bay 1 Bed 3');
    expect(rows[0]).toHaveTextContent(REVIEW);
    expect(rows[0]).toHaveTextContent('Dose range: 1 to 2 tablet');
    expect(rows[0]).not.toHaveTextContent('Also on hold');
    expect(rows[1]).toHaveTextContent('Ramipril 5mg capsulesAlso on hold');
    expect(rows[1]).toHaveTextContent('—');
  });

  it('says when nothing waits for review, and says why when the list cannot be loaded', async () => {
    fakeServer({ 'GET /api/wards/ward-1/orders-needing-review': () => json(orders([])) });
    const { unmount } = renderSignedIn(<OrdersNeedingReview wardId="ward-1" refreshKey={0} />, { session: manager });
    expect(await screen.findByText('No order on this ward is waiting for review.')).toBeVisible();
    unmount();
    vi.unstubAllGlobals();
    fakeServer({ 'GET /api/wards/ward-1/orders-needing-review': () => apiError(403, 'FORBIDDEN', 'You can only see your own ward.') });
    renderSignedIn(<OrdersNeedingReview wardId="ward-1" refreshKey={0} />, { session: manager });
    expect(await screen.findByText(/Orders needing review could not be loaded: You can only see your own ward\./)).toBeVisible();
  });
});
