import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Verdict } from '@wardscan/shared';
import { buildVerdict } from '../test/builders.js';
import type { FakeServer } from '../test/fake-fetch.js';
import { bedsideServer, PACK, WRISTBAND } from '../test/bedside-server.js';
import { renderSignedIn, scannerBurst } from '../test/render.js';
import { NurseScreen } from './NurseScreen.js';

/*
 * Issue 13: a pack scanned for an order given as a dose range. The nurse
 * chooses the dose before "Confirm given": one tap for either end, or typed;
 * a dose outside the range is refused on screen, and the one chosen is sent.
 */

afterEach(() => vi.unstubAllGlobals());

const RANGE_VERDICT: Verdict = buildVerdict({
  title: 'Choose a dose from 500 to 1000 mg, then give Paracetamol 500mg tablets',
  doseToGive: undefined,
  doseChoice: { low: '500', high: '1000', unit: 'mg', fromPack: { low: '1 tablet (500 mg)', high: '2 tablets (1000 mg)' } },
  checks: [
    { rule: 'right-patient', outcome: 'pass', message: 'Wristband scanned' },
    { rule: 'right-dose', outcome: 'pass', message: 'Prescribed as a range, 500 to 1000 mg: choose the dose to give within it before confirming.' },
  ],
});

async function packVerdict() {
  await act(async () => {
    scannerBurst(WRISTBAND);
  });
  await screen.findByText('Patient identified: LOVELACE, Ada');
  await act(async () => {
    scannerBurst(PACK);
  });
  return screen.findByRole('alert');
}

const administration = (server: FakeServer) => server.requests.find((r) => r.path === '/api/administrations')?.body as Record<string, unknown> | undefined;

describe('a dose range on the verdict', () => {
  it('asks for the dose before confirming, refuses one outside the range on screen, and sends the one chosen', async () => {
    const server = bedsideServer(RANGE_VERDICT);
    renderSignedIn(<NurseScreen />);
    const verdict = await packVerdict();
    expect(within(verdict).getByRole('heading', { name: 'MATCH' })).toBeVisible();
    // No single dose is offered as the one to give.
    expect(within(verdict).queryByLabelText('Dose to give')).toBeNull();
    expect(within(verdict).getByText('Choose the dose within the range below, give it, then press “Confirm given”.')).toBeVisible();
    const field = within(verdict).getByRole('textbox', { name: 'Dose to give: choose from 500 to 1000 mg' });
    const confirm = within(verdict).getByRole('button', { name: '✓ Confirm given' });
    expect(confirm).toBeDisabled();
    expect(within(verdict).getByText('Cannot confirm yet: Enter the dose to give, from 500 to 1000 mg.')).toBeVisible();

    // Typed slowly, as a person does (fast typing is taken for a scanner).
    const user = userEvent.setup({ delay: 120 });
    await user.type(field, '1200');
    expect(within(verdict).getByText('✕ 1200 mg is above the prescribed range (500 to 1000 mg).')).toBeVisible();
    // Said once, beside the field; the button's line only points to it.
    expect(within(verdict).getAllByText(/1200 mg is above/)).toHaveLength(1);
    expect(within(verdict).getByText('Cannot confirm yet: the dose entered above cannot be given.')).toBeVisible();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(confirm).toBeDisabled();
    await user.clear(field);
    await user.type(field, '499');
    expect(within(verdict).getByText('✕ 499 mg is below the prescribed range (500 to 1000 mg).')).toBeVisible();
    expect(confirm).toBeDisabled();
    await user.clear(field);
    await user.type(field, '750');
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    expect(await screen.findByRole('heading', { name: '✓ Recorded as given' })).toBeVisible();
    expect(administration(server)).toMatchObject({ prescriptionId: 'rx-para', chosenDose: { value: '750', unit: 'mg' } });
  });

  it('takes either end in one tap, saying how the pack makes it', async () => {
    const server = bedsideServer(RANGE_VERDICT);
    renderSignedIn(<NurseScreen />);
    const verdict = await packVerdict();
    const high = within(verdict).getByRole('button', { name: /^1000 mg/ });
    expect(high).toHaveTextContent('2 tablets (1000 mg)');
    expect(within(verdict).getByRole('button', { name: /^500 mg/ })).toHaveTextContent('1 tablet (500 mg)');
    await userEvent.click(high);
    expect(high).toHaveAttribute('aria-pressed', 'true');
    expect(within(verdict).getByRole('textbox', { name: /Dose to give/ })).toHaveValue('1000');
    await userEvent.click(within(verdict).getByRole('button', { name: '✓ Confirm given' }));
    await screen.findByRole('heading', { name: '✓ Recorded as given' });
    expect(administration(server)).toMatchObject({ chosenDose: { value: '1000', unit: 'mg' } });
  });

  it('asks nothing for an order of one exact dose, and sends no chosen dose', async () => {
    const server = bedsideServer(buildVerdict());
    renderSignedIn(<NurseScreen />);
    const verdict = await packVerdict();
    expect(within(verdict).queryByRole('textbox', { name: /Dose to give/ })).toBeNull();
    await userEvent.click(within(verdict).getByRole('button', { name: '✓ Confirm given' }));
    await screen.findByRole('heading', { name: '✓ Recorded as given' });
    expect(administration(server)).not.toHaveProperty('chosenDose');
  });
});
