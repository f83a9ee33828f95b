import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useLearnWardZone, WardClockProvider } from '../nurse/ward-clock.js';
import { OutboxList } from './OutboxList.js';
import type { OutboxItem } from './outbox-store.js';

/*
 * Issue 12: when a scan was kept offline is read on the ward's clock, like
 * every other time on the nurse's screens. The suite runs with TZ=UTC and the
 * ward here is in New York: 14:30 UTC is 09:30 there.
 */
const kept: OutboxItem = {
  kind: 'scan',
  request: { deviceId: 'handheld-test', eventId: '22222222-2222-4222-8222-222222222222', raw: '8018509999999900101371', source: 'scanner' },
  seq: 1,
  eventId: '22222222-2222-4222-8222-222222222222',
  queuedAt: '2026-11-24T14:30:00.000Z',
  label: 'Wristband scan',
  by: { userId: 'u-nurse', name: 'Nina Nurse' },
  state: { status: 'waiting' },
};

function Learned({ zone }: { zone: string }) {
  useLearnWardZone(zone);
  return null;
}

const list = () => <OutboxList items={[kept]} userId="u-nurse" online={false} onDismiss={() => undefined} />;

describe('the outbox on the ward’s clock', () => {
  it('says when a scan was kept at the ward’s time, with its zone, once a round or chart has named it', () => {
    render(
      <WardClockProvider>
        <Learned zone="America/New_York" />
        {list()}
      </WardClockProvider>,
    );
    expect(within(screen.getByRole('list', { name: 'Waiting to send' })).getByText('09:30 GMT-5 · Wristband scan')).toBeVisible();
  });

  it('keeps the handheld’s clock until a zone is named', () => {
    render(<WardClockProvider>{list()}</WardClockProvider>);
    // 14:30 under the suite's TZ=UTC; whatever the handheld's zone, its own clock.
    const handhelds = new Date(kept.queuedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    expect(within(screen.getByRole('list', { name: 'Waiting to send' })).getByText(`${handhelds} · Wristband scan`)).toBeVisible();
  });
});
