import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildMedicinalProduct, buildProduct, buildSession, morphineAmpoulesProduct } from '../test/builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { fill, renderSignedIn, scannerBurst } from '../test/render.js';
import { CatalogueScreen } from './CatalogueScreen.js';

afterEach(() => vi.unstubAllGlobals());
const pharmacist = buildSession({ role: 'pharmacist', wardId: null });
const NEW_PACK = '01050999970001671735123110WA2602J\u001d21SN150001';

describe('CatalogueScreen', () => {
  it('says when the catalogue is empty', async () => {
    fakeServer({ 'GET /api/products': () => json([]), 'GET /api/recalls': () => json([]) });
    renderSignedIn(<CatalogueScreen />, { session: pharmacist });
    expect(await screen.findByText('No products found.')).toBeVisible();
    expect(await screen.findByText('No recalls recorded.')).toBeVisible();
  });

  it('says when the catalogue cannot be loaded', async () => {
    fakeServer({ 'GET /api/products': () => apiError(500, 'INTERNAL', 'Database unavailable'), 'GET /api/recalls': () => json([]) });
    renderSignedIn(<CatalogueScreen />, { session: pharmacist });
    expect(await screen.findByText('Products could not be loaded: Database unavailable')).toBeVisible();
  });

  it('lists products and searches by name', async () => {
    const server = fakeServer({
      'GET /api/products': ({ query }) => json(query.get('q') === 'morph' ? [buildProduct({ id: 'm', name: 'Morphine 10 mg/mL', highAlert: true })] : [buildProduct()]),
      'GET /api/recalls': () => json([]),
      'GET /api/dmd/products': () => json({ products: [morphineAmpoulesProduct()] }),
    });
    renderSignedIn(<CatalogueScreen />, { session: pharmacist });
    expect(await screen.findByText('Paracetamol 500 mg tablets')).toBeVisible();
    await fill(screen.getByRole('searchbox', { name: 'Search products' }), 'morph');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const list = await screen.findByRole('list', { name: 'Products' });
    expect(await within(list).findByText('Morphine 10 mg/mL')).toBeVisible();
    expect(within(list).getByText('⚠ HIGH-ALERT')).toBeVisible();
    expect(server.requests.some((r) => r.query.get('q') === 'morph')).toBe(true);
    // dm+d itself is searched too: a product not stocked yet is added from its VMP.
    const dmd = await screen.findByRole('region', { name: 'In dm+d' });
    expect(within(dmd).getByText(/morphine sulfate 10 mg\/mL/)).toBeVisible();
    await userEvent.click(within(dmd).getByRole('button', { name: 'Add Morphine sulfate 10mg/1ml solution for injection ampoules to the catalogue' }));
    const form = screen.getByRole('form', { name: 'New product' });
    expect(within(form).getByLabelText('dm+d code (VMP)')).toHaveValue('36128211000001109');
  });

  it('fills GTIN, batch and expiry from a scanned pack and adds the product', async () => {
    const server = fakeServer({
      'GET /api/products': () => json([]),
      'GET /api/recalls': () => json([]),
      'POST /api/products': ({ body }) => json({ ...buildProduct(), ...(body as object), id: 'new' }, 201),
      // As the server answers from fixtures/dmd: the demo warfarin GTIN is an AMPP of VMP 42217511000001103.
      'GET /api/dmd/products': () =>
        json({
          products: [
            buildMedicinalProduct({
              name: 'Warfarin 1mg tablets (A A H Pharmaceuticals Ltd)',
              vtm: { code: '777947006', name: 'Warfarin' },
              vmp: { code: '42217511000001103', name: 'Warfarin 1mg tablets' },
              amp: { code: '4386511000001100', name: 'Warfarin 1mg tablets (A A H Pharmaceuticals Ltd)' },
              ampp: { code: '1527211000001101', name: 'Warfarin 1mg tablets (A A H Pharmaceuticals Ltd) 28 tablet' },
              ingredients: [{ substance: { code: '372756006', name: 'Warfarin sodium' }, substanceName: 'warfarin sodium', strength: { numerator: { value: '1', unit: 'mg' }, denominator: { value: '1', unit: 'tablet' } } }],
            }),
          ],
        }),
    });
    renderSignedIn(<CatalogueScreen />, { session: pharmacist });
    await screen.findByText('No products found.');
    await act(async () => {
      scannerBurst(NEW_PACK);
    });
    expect(await screen.findByText('Scanned pack: GTIN 05099997000167, batch WA2602J, expiry 31 Dec 2035')).toBeVisible();
    const form = screen.getByRole('form', { name: 'New product' });
    expect(within(form).getByLabelText('GTINs')).toHaveValue('05099997000167');
    expect(screen.getByLabelText('Batch')).toHaveValue('WA2602J');
    // dm+d knows the pack: the form starts from its VMP, and pharmacy sees what it is.
    const identity = await screen.findByLabelText('In dm+d');
    expect(identity).toHaveTextContent('Warfarin 1mg tablets (A A H Pharmaceuticals Ltd) 28 tablet');
    expect(identity).toHaveTextContent('warfarin sodium 1 mg/tablet');
    expect(within(form).getByLabelText('dm+d code (VMP)')).toHaveValue('42217511000001103');
    expect(within(form).getByRole('checkbox', { name: 'oral' })).toBeChecked();
    expect(within(form).getByLabelText('Name')).toHaveValue('Warfarin 1mg tablets (A A H Pharmaceuticals Ltd)');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'High-alert drug (needs a witness)' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save product' }));
    expect(await screen.findByText(/Saved Warfarin 1mg tablets \(A A H Pharmaceuticals Ltd\)/)).toBeVisible();
    expect(server.requests.find((r) => r.method === 'POST' && r.path === '/api/products')?.body).toMatchObject({
      gtins: ['05099997000167'],
      name: 'Warfarin 1mg tablets (A A H Pharmaceuticals Ltd)',
      dmdCode: '42217511000001103',
      strength: null,
      routes: ['oral'],
      highAlert: true,
    });
  });

  it('shows the server’s field error beside the field it names', async () => {
    fakeServer({
      'GET /api/products': () => json([buildProduct()]),
      'GET /api/recalls': () => json([]),
      'PUT /api/products/prod-para': () => apiError(409, 'CONFLICT', 'GTIN 05099997000013 is already linked to Paracetamol 500 mg.', 'gtins'),
    });
    renderSignedIn(<CatalogueScreen />, { session: pharmacist });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Paracetamol 500 mg tablets, GTIN 05000000000017' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save product' }));
    const gtins = screen.getByLabelText('GTINs');
    expect(await screen.findByText('GTIN 05099997000013 is already linked to Paracetamol 500 mg.')).toBeVisible();
    expect(gtins).toHaveAttribute('aria-invalid', 'true');
    expect(gtins).toHaveAccessibleDescription(/already linked/);
  });

  it('checks fields before sending: a dose strength must be an exact decimal', async () => {
    const server = fakeServer({ 'GET /api/products': () => json([]), 'GET /api/recalls': () => json([]) });
    renderSignedIn(<CatalogueScreen />, { session: pharmacist });
    await userEvent.click(await screen.findByRole('button', { name: 'Add product' }));
    await fill(screen.getByLabelText('Strength'), '1,5');
    await fill(screen.getByLabelText('Per'), 'two');
    await userEvent.click(screen.getByRole('button', { name: 'Save product' }));
    expect(screen.getByLabelText('Strength')).toHaveAccessibleDescription(/decimal number/);
    // A strength is never without what it is per.
    expect(screen.getByLabelText('Per')).toHaveAccessibleDescription(/decimal number/);
    expect(screen.getByLabelText('GTINs')).toHaveAccessibleDescription(/Add at least one GTIN/);
    expect(server.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('records and lifts a batch recall', async () => {
    let recalls: unknown[] = [];
    fakeServer({
      'GET /api/products': () => json([]),
      'GET /api/recalls': () => json(recalls),
      'POST /api/recalls': ({ body }) => {
        const input = body as { gtin: string; batch: string; reason: string };
        recalls = [{ id: 'r1', ...input, recordedAt: '2026-11-24T09:00:00.000Z', recordedBy: 'u', liftedAt: null, liftedBy: null }];
        return json(recalls[0], 201);
      },
      'POST /api/recalls/r1/lift': () => {
        recalls = [{ ...(recalls[0] as object), liftedAt: '2026-11-24T10:00:00.000Z', liftedBy: 'u' }];
        return json(recalls[0]);
      },
    });
    renderSignedIn(<CatalogueScreen />, { session: pharmacist });
    await screen.findByText('No recalls recorded.');
    await fill(screen.getByLabelText('GTIN'), '5099997000099');
    await fill(screen.getByLabelText('Batch'), 'MF2403R');
    await fill(screen.getByLabelText('Reason'), 'MHRA class 2 recall');
    await userEvent.click(screen.getByRole('button', { name: 'Record recall' }));
    const table = await screen.findByRole('table', { name: 'Recalls' });
    expect(within(table).getByText('ACTIVE')).toBeVisible();
    expect(within(table).getByText(/05099997000099/)).toBeVisible();
    await userEvent.click(within(table).getByRole('button', { name: 'Lift recall of batch MF2403R' }));
    expect(await within(table).findByText(/Lifted/)).toBeVisible();
  });
});
