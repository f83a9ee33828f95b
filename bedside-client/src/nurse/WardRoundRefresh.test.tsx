import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WardRound } from '@wardscan/shared';
import { buildChart, buildRound } from '../test/builders.js';
import { fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { ServicesContext } from '../services.js';
import { WardRoundView } from './WardRoundView.js';

/*
 * A dose given anywhere on the ward refetches the round (and an open chart).
 * The list stays on screen meanwhile, with the nurse's place, instead of
 * blanking to "Loading the ward…" on every change (found timing the round
 * for issue 12's figures).
 */
afterEach(() => vi.unstubAllGlobals());

/** Answers held until `release` is called, so a test sees the screen while a fetch is under way. */
function held<T>() {
  const waiting: Array<() => void> = [];
  return {
    answer: (value: T) => new Promise<ReturnType<typeof json>>((resolve) => waiting.push(() => resolve(json(value)))),
    release: () => waiting.splice(0).forEach((go) => go()),
  };
}

const given = (round: WardRound): WardRound => ({
  ...round,
  beds: round.beds.map((bed) => (bed.patient ? { ...bed, patient: { ...bed.patient, missed: 0 } } : bed)),
});

describe('WardRoundView while it is fetched again', () => {
  it('keeps the round on screen until the new one arrives, then shows it', async () => {
    const gate = held<WardRound>();
    let round = buildRound();
    fakeServer({ 'GET /api/wards/ward-1/round': () => gate.answer(round) });
    const { rerender, services } = renderSignedIn(<WardRoundView version={0} />);
    gate.release();
    const list = await screen.findByRole('region', { name: 'Ward 1: the round' });
    expect(within(list).getByRole('button', { name: /LOVELACE, Ada/ })).toHaveTextContent('1 missed');

    round = given(round);
    rerender(
      <ServicesContext.Provider value={services}>
        <WardRoundView version={1} />
      </ServicesContext.Provider>,
    );
    expect(screen.queryByText('Loading the ward…')).toBeNull();
    expect(screen.getByRole('button', { name: /LOVELACE, Ada/ })).toHaveTextContent('1 missed');
    gate.release();
    expect(await screen.findByRole('button', { name: /LOVELACE, Ada.*nothing due/ })).toBeVisible();
  });

  it('keeps an open read-only chart on screen while it is fetched again', async () => {
    const gate = held<ReturnType<typeof buildChart>>();
    fakeServer({
      'GET /api/wards/ward-1/round': () => json(buildRound()),
      'GET /api/patients/p-ada/chart': () => gate.answer(buildChart()),
    });
    const { rerender, services } = renderSignedIn(<WardRoundView version={0} />);
    await userEvent.setup({ delay: 120 }).click(await screen.findByRole('button', { name: /LOVELACE, Ada/ }));
    gate.release();
    expect(await screen.findByText(/Missed · /)).toBeVisible();
    rerender(
      <ServicesContext.Provider value={services}>
        <WardRoundView version={1} />
      </ServicesContext.Provider>,
    );
    expect(screen.queryByText('Loading the chart…')).toBeNull();
    expect(screen.getByText(/Missed · /)).toBeVisible();
    gate.release();
  });
});
