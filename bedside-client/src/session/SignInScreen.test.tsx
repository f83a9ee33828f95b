import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionResponse } from '@wardscan/shared';
import { createHttpClient } from '../api/http.js';
import { buildConfig, buildSession } from '../test/builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { fill, person, scannerBurst } from '../test/render.js';
import { SignInScreen } from './SignInScreen.js';

const BADGE = '8017509999800000000016';
afterEach(() => vi.unstubAllGlobals());

function renderSignIn() {
  const signedIn: SessionResponse[] = [];
  render(<SignInScreen http={createHttpClient({ token: () => null })} config={buildConfig()} onSignedIn={(s) => signedIn.push(s)} />);
  return signedIn;
}

describe('SignInScreen', () => {
  it('asks for a badge scan first, with no PIN field until then', () => {
    fakeServer();
    renderSignIn();
    expect(screen.getByText('Scan your staff badge with the scanner.')).toBeVisible();
    expect(screen.queryByLabelText('PIN')).toBeNull();
  });

  it('signs in with a scanned badge and a PIN', async () => {
    const server = fakeServer({ 'POST /api/sessions': () => json(buildSession()) });
    const signedIn = renderSignIn();
    await act(async () => {
      scannerBurst(BADGE);
    });
    expect(screen.getByRole('status')).toHaveTextContent('Badge scanned');
    await person().type(screen.getByLabelText('PIN'), '246810');
    await userEvent.click(screen.getAllByRole('button', { name: 'Sign in' })[0]!);
    expect(server.requests[0]?.body).toEqual({ badge: BADGE, pin: '246810' });
    expect(signedIn).toHaveLength(1);
  });

  it('shows the server’s refusal and clears the PIN', async () => {
    fakeServer({ 'POST /api/sessions': () => apiError(401, 'UNAUTHENTICATED', 'Badge or PIN not recognised.') });
    const signedIn = renderSignIn();
    await act(async () => {
      scannerBurst(BADGE);
    });
    await person().type(screen.getByLabelText('PIN'), '9999');
    await userEvent.click(screen.getAllByRole('button', { name: 'Sign in' })[0]!);
    expect(await screen.findByRole('alert')).toHaveTextContent('Badge or PIN not recognised.');
    expect(screen.getByLabelText('PIN')).toHaveValue('');
    expect(signedIn).toHaveLength(0);
  });

  it('signs in with username and password', async () => {
    const server = fakeServer({ 'POST /api/sessions': () => json(buildSession({ role: 'pharmacist' })) });
    const signedIn = renderSignIn();
    await fill(screen.getByLabelText('Username'), 'demo-pharmacist');
    await fill(screen.getByLabelText('Password'), 'demo-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(server.requests[0]?.body).toEqual({ username: 'demo-pharmacist', password: 'demo-password' });
    expect(signedIn[0]?.user.role).toBe('pharmacist');
  });

  it('says so when the server cannot be reached', async () => {
    const server = fakeServer();
    server.down();
    renderSignIn();
    await fill(screen.getByLabelText('Username'), 'demo-nurse');
    await fill(screen.getByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The ward server cannot be reached.');
  });
});
