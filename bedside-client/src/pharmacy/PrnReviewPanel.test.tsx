import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PrnReviewRule, PrnReviewRuleInput, PrnReviewRules } from '@wardscan/shared';
import { buildSession, morphineAmpoulesProduct } from '../test/builders.js';
import { apiError, fakeServer, json, type FakeRequest } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { CatalogueScreen } from './CatalogueScreen.js';
import { PrnReviewPanel } from './PrnReviewPanel.js';

afterEach(() => vi.unstubAllGlobals());
const pharmacist = buildSession({ role: 'pharmacist', wardId: null });
// Slower than a scanner's burst: the catalogue screen listens for scanners on the whole window.
const typist = () => userEvent.setup({ delay: 120 });

// Codes and names as fixtures/dmd has them.
const MORPHINE_VTM = { code: '773372004', level: 'vtm' as const, name: 'Morphine' };
const PARACETAMOL_VTM = { code: '777067000', level: 'vtm' as const, name: 'Paracetamol' };
const simpleAnalgesics: PrnReviewRule = { id: 'prn-rule-1', name: 'Simple analgesics', codes: [PARACETAMOL_VTM], routes: ['oral'], minutes: 45 };
const rulesOf = (rules: PrnReviewRule[]): PrnReviewRules => ({ rules, defaults: { injection: 30, other: 60 }, updatedAt: rules.length ? '2026-11-24T09:00:00.000Z' : null, updatedBy: rules.length ? 'Pat Demo (pharmacist)' : null });

/** A server that keeps what is PUT, naming each code as dm+d does (only the fixtures' two VTMs are known). */
function pharmacyServer(initial: PrnReviewRule[]) {
  let current = rulesOf(initial);
  const known = new Map([MORPHINE_VTM, PARACETAMOL_VTM].map((c) => [c.code, c]));
  const puts: PrnReviewRuleInput[][] = [];
  const server = fakeServer({
    'GET /api/prn-review-rules': () => json(current),
    'PUT /api/prn-review-rules': ({ body }: FakeRequest) => {
      const rules = (body as { rules: PrnReviewRuleInput[] }).rules;
      puts.push(rules);
      for (const [i, r] of rules.entries()) {
        const j = r.codes.findIndex((c) => !known.has(c));
        if (j >= 0) return apiError(400, 'VALIDATION', `rules.${i}.codes.${j}: ${r.codes[j]} is not a VTM or VMP in this server's dm+d release.`, `rules.${i}.codes.${j}`);
      }
      current = rulesOf(rules.map((r, i) => ({ id: `prn-rule-${i + 10}`, ...r, codes: r.codes.map((c) => known.get(c)!) })));
      return json(current);
    },
    'GET /api/dmd/products': () => json({ products: [morphineAmpoulesProduct()] }),
  });
  return { server, puts };
}

describe('PrnReviewPanel', () => {
  it('lists pharmacy’s rules, with the default for every other medicine', async () => {
    pharmacyServer([simpleAnalgesics]);
    renderSignedIn(<PrnReviewPanel />, { session: pharmacist });
    const list = await screen.findByRole('list', { name: 'PRN review rules' });
    expect(within(list).getByText('Simple analgesics')).toBeVisible();
    expect(list).toHaveTextContent('Simple analgesics: 45 minutes after a dose, oral');
    expect(list).toHaveTextContent('Paracetamol (VTM 777067000)');
    expect(screen.getByText(/Medicines no rule covers: 30 minutes after an injection \(IV, IM, SC\), 60 otherwise/)).toBeVisible();
    expect(screen.getByText(/by Pat Demo \(pharmacist\)/)).toBeVisible();
  });

  it('says when there are no rules, and when they cannot be loaded', async () => {
    const { server } = pharmacyServer([]);
    const { unmount } = renderSignedIn(<PrnReviewPanel />, { session: pharmacist });
    expect(await screen.findByText('No rules: every medicine is reviewed at the default time.')).toBeVisible();
    unmount();
    server.on('GET /api/prn-review-rules', () => apiError(500, 'INTERNAL', 'Database unavailable'));
    renderSignedIn(<PrnReviewPanel />, { session: pharmacist });
    expect(await screen.findByRole('alert')).toHaveTextContent('PRN effect reviews could not be loaded: Database unavailable');
  });

  it('adds a rule found by name in dm+d (a VTM, any route) and saves the whole list', async () => {
    const { puts } = pharmacyServer([simpleAnalgesics]);
    const user = typist();
    renderSignedIn(<PrnReviewPanel />, { session: pharmacist });
    await user.click(await screen.findByRole('button', { name: 'Add a rule' }));
    const form = screen.getByRole('form', { name: 'New rule' });
    await user.type(within(form).getByLabelText('Drug class'), 'Opioids');
    await user.type(within(form).getByRole('searchbox', { name: 'Find a medicine in dm+d' }), 'morph');
    await user.click(within(form).getByRole('button', { name: 'Find' }));
    await user.click(await within(form).findByRole('button', { name: 'Add all Morphine (VTM)' }));
    expect(within(form).getByRole('list', { name: 'Medicines in this rule' })).toHaveTextContent('Morphine VTM 773372004');
    await user.type(within(form).getByLabelText('Review after (minutes)'), '30');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));

    expect(await screen.findByText('✓ Saved Opioids: reviewed 30 minutes after a dose.')).toBeVisible();
    expect(puts).toEqual([
      [
        { name: 'Simple analgesics', codes: ['777067000'], routes: ['oral'], minutes: 45 },
        { name: 'Opioids', codes: ['773372004'], routes: [], minutes: 30 },
      ],
    ]);
    expect(screen.getByRole('list', { name: 'PRN review rules' })).toHaveTextContent('Opioids: 30 minutes after a dose, any route');
    expect(screen.queryByRole('form', { name: 'New rule' })).toBeNull();
  }, 20_000);

  it('shows what is wrong beside each field before sending anything', async () => {
    const { puts } = pharmacyServer([]);
    const user = typist();
    renderSignedIn(<PrnReviewPanel />, { session: pharmacist });
    await user.click(await screen.findByRole('button', { name: 'Add a rule' }));
    const form = screen.getByRole('form', { name: 'New rule' });
    await user.type(within(form).getByLabelText('Review after (minutes)'), '3');
    await user.type(within(form).getByLabelText('Or type a dm+d code (VTM or VMP)'), '12ab');
    await user.click(within(form).getByRole('button', { name: 'Add code' }));
    expect(within(form).getByLabelText('Or type a dm+d code (VTM or VMP)')).toHaveAccessibleDescription('A dm+d code is 6 to 18 digits');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));
    expect(within(form).getByLabelText('Drug class')).toHaveAccessibleDescription(/Give the drug class a name/);
    expect(within(form).getByLabelText('Review after (minutes)')).toHaveAccessibleDescription(/At least 5 minutes/);
    expect(within(form).getByRole('group', { name: 'Medicines (dm+d)' })).toHaveAccessibleDescription('Add at least one dm+d code (VTM or VMP)');
    expect(puts).toEqual([]);
  }, 20_000);

  it('shows the server’s refusal of a typed code beside the medicines, and keeps the form', async () => {
    const { puts } = pharmacyServer([]);
    const user = typist();
    renderSignedIn(<PrnReviewPanel />, { session: pharmacist });
    await user.click(await screen.findByRole('button', { name: 'Add a rule' }));
    const form = screen.getByRole('form', { name: 'New rule' });
    await user.type(within(form).getByLabelText('Drug class'), 'NSAIDs');
    await user.type(within(form).getByLabelText('Or type a dm+d code (VTM or VMP)'), '99999999');
    await user.click(within(form).getByRole('button', { name: 'Add code' }));
    expect(within(form).getByRole('list', { name: 'Medicines in this rule' })).toHaveTextContent('Checked when saved dm+d 99999999');
    await user.type(within(form).getByLabelText('Review after (minutes)'), '60');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));
    expect(await within(form).findByText("99999999 is not a VTM or VMP in this server's dm+d release.")).toBeVisible();
    expect(within(form).getByRole('group', { name: 'Medicines (dm+d)' })).toHaveAccessibleDescription(/99999999 is not a VTM or VMP/);
    expect(puts).toHaveLength(1);
    expect(screen.getByText('No rules: every medicine is reviewed at the default time.')).toBeVisible();
  }, 20_000);

  it('edits a rule’s minutes and routes in place, and removes a rule after asking', async () => {
    const opioids: PrnReviewRule = { id: 'prn-rule-2', name: 'Opioids', codes: [MORPHINE_VTM], routes: [], minutes: 30 };
    const { puts } = pharmacyServer([simpleAnalgesics, opioids]);
    const user = typist();
    renderSignedIn(<PrnReviewPanel />, { session: pharmacist });
    await user.click(await screen.findByRole('button', { name: 'Edit Simple analgesics' }));
    const form = screen.getByRole('form', { name: 'Edit rule: Simple analgesics' });
    expect(within(form).getByRole('checkbox', { name: 'oral' })).toBeChecked();
    await user.click(within(form).getByRole('checkbox', { name: 'rectal' }));
    await user.clear(within(form).getByLabelText('Review after (minutes)'));
    await user.type(within(form).getByLabelText('Review after (minutes)'), '40');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));
    expect(await screen.findByText('✓ Saved Simple analgesics: reviewed 40 minutes after a dose.')).toBeVisible();
    expect(puts[0]).toEqual([
      { name: 'Simple analgesics', codes: ['777067000'], routes: ['oral', 'rectal'], minutes: 40 },
      { name: 'Opioids', codes: ['773372004'], routes: [], minutes: 30 },
    ]);

    await user.click(screen.getByRole('button', { name: 'Remove Simple analgesics' }));
    const ask = screen.getByRole('group', { name: 'Remove Simple analgesics?' });
    expect(puts).toHaveLength(1);
    await user.click(within(ask).getByRole('button', { name: 'Yes, remove' }));
    expect(await screen.findByText('✓ Removed Simple analgesics.')).toBeVisible();
    expect(puts[1]).toEqual([{ name: 'Opioids', codes: ['773372004'], routes: [], minutes: 30 }]);
    const list = screen.getByRole('list', { name: 'PRN review rules' });
    expect(within(list).queryByText('Simple analgesics')).toBeNull();
  }, 20_000);

  it('is on the pharmacy catalogue screen', async () => {
    const { server } = pharmacyServer([simpleAnalgesics]);
    server.on('GET /api/products', () => json([]));
    server.on('GET /api/recalls', () => json([]));
    renderSignedIn(<CatalogueScreen />, { session: pharmacist });
    const section = await screen.findByRole('region', { name: 'PRN effect reviews' });
    expect(await within(section).findByText('Simple analgesics')).toBeVisible();
  });
});
