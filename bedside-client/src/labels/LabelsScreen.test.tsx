import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { LabelsScreen } from './LabelsScreen.js';
import { PdfLink } from './PdfLink.js';
import { wristbandPdfPath } from './labels.resource.js';

const PDF = { status: 200, text: '%PDF-1.3 demo' };

beforeEach(() => {
  // jsdom has no object URLs; the browser API is outside the project.
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:wardscan/labels'), revokeObjectURL: vi.fn() }));
});
afterEach(() => vi.unstubAllGlobals());

describe('LabelsScreen', () => {
  it('offers the demo label sheet before anything is fetched', () => {
    const server = fakeServer();
    renderSignedIn(<LabelsScreen />);
    expect(screen.getByRole('heading', { name: 'Printable labels' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Make the demo label sheet' })).toBeEnabled();
    expect(server.requests).toHaveLength(0);
  });

  it('fetches the sheet with the session token and links the PDF', async () => {
    const server = fakeServer({ 'GET /api/labels/demo-ward.pdf': () => PDF });
    renderSignedIn(<LabelsScreen />);
    await userEvent.click(screen.getByRole('button', { name: 'Make the demo label sheet' }));
    const link = await screen.findByRole('link', { name: /open wardscan-demo-labels\.pdf/i });
    expect(link).toHaveAttribute('href', 'blob:wardscan/labels');
    expect(server.requests[0]?.headers.Authorization).toMatch(/^Bearer /);
  });

  it("says why when the server refuses, and offers no link", async () => {
    fakeServer({ 'GET /api/labels/demo-ward.pdf': () => apiError(403, 'FORBIDDEN', 'Only pharmacists and admins may print the demo labels.') });
    renderSignedIn(<LabelsScreen />);
    await userEvent.click(screen.getByRole('button', { name: 'Make the demo label sheet' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Only pharmacists and admins may print the demo labels.');
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});

describe('wristband reprint', () => {
  it("asks the server for that patient's band", async () => {
    const server = fakeServer({ [`GET ${wristbandPdfPath('patient-agnes-morrow')}`]: () => PDF });
    renderSignedIn(<PdfLink label="Reprint wristband" path={wristbandPdfPath('patient-agnes-morrow')} filename="wristband.pdf" />);
    await userEvent.click(screen.getByRole('button', { name: 'Reprint wristband' }));
    expect(await screen.findByRole('link', { name: /open wristband\.pdf/i })).toBeInTheDocument();
    expect(server.requests.map((r) => r.path)).toEqual(['/api/patients/patient-agnes-morrow/wristband.pdf']);
  });
});
