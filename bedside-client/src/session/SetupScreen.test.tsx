import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.js';
import { createHttpClient } from '../api/http.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { fill } from '../test/render.js';
import { SetupScreen, setupTokenFrom } from './SetupScreen.js';

const TOKEN = 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c';
const created = { id: 'staff-1', username: 'ward-admin', name: 'Ward Admin', role: 'admin', wardId: null, badgeGsrn: null, active: true };
afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const renderSetup = (hash: string) => render(<SetupScreen http={createHttpClient({ token: () => null })} hash={hash} />);

async function fillForm(password = 'a-long-first-password', repeat = password) {
  await fill(screen.getByLabelText('Username'), 'ward-admin');
  await fill(screen.getByLabelText('Full name'), 'Ward Admin');
  await fill(screen.getByLabelText('Password'), password);
  await fill(screen.getByLabelText('Password again'), repeat);
}

describe('SetupScreen (the first admin, issue 16)', () => {
  it('reads the token from the link’s fragment', () => {
    expect(setupTokenFrom(`#token=${TOKEN}`)).toBe(TOKEN);
    expect(setupTokenFrom('')).toBeNull();
    expect(setupTokenFrom('#token=')).toBeNull();
  });

  it('creates the first admin with the token from the link, then says the link is spent', async () => {
    const server = fakeServer({ 'POST /api/setup/first-admin': () => json(created, 201) });
    renderSetup(`#token=${TOKEN}`);
    await fillForm();
    await userEvent.click(screen.getByRole('button', { name: 'Create the admin account' }));
    expect(server.requests[0]?.body).toEqual({ token: TOKEN, username: 'ward-admin', name: 'Ward Admin', password: 'a-long-first-password' });
    expect(await screen.findByRole('status')).toHaveTextContent('The admin account ward-admin is ready, and this set-up link no longer works');
    expect(screen.getByRole('link', { name: 'Go to sign in' })).toHaveAttribute('href', '/');
    expect(`${window.location.pathname}${window.location.hash}`).toBe('/setup'); // the spent token is out of the address bar
  });

  it('does not send two passwords that differ', async () => {
    const server = fakeServer();
    renderSetup(`#token=${TOKEN}`);
    await fillForm('a-long-first-password', 'a-long-first-passwore');
    await userEvent.click(screen.getByRole('button', { name: 'Create the admin account' }));
    expect(screen.getByText('The two passwords are not the same.')).toBeVisible();
    expect(server.requests).toHaveLength(0);
  });

  it('shows the server’s refusal: a spent link, or a password too short beside its field', async () => {
    const server = fakeServer({ 'POST /api/setup/first-admin': () => apiError(403, 'FORBIDDEN', 'This set-up link is not valid: it was used already.', 'token') });
    renderSetup(`#token=${TOKEN}`);
    await fillForm();
    await userEvent.click(screen.getByRole('button', { name: 'Create the admin account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This set-up link is not valid');
    server.on('POST /api/setup/first-admin', () => apiError(400, 'VALIDATION', 'password: at least 12 characters', 'password'));
    await userEvent.click(screen.getByRole('button', { name: 'Create the admin account' }));
    expect(await screen.findByText('password: at least 12 characters')).toHaveAttribute('id', 'setup-password-error');
  });

  it('without a token, says to use the link the server printed', () => {
    fakeServer();
    renderSetup('');
    expect(screen.getByRole('alert')).toHaveTextContent('This page needs the set-up link the server printed');
    expect(screen.queryByRole('button', { name: 'Create the admin account' })).toBeNull();
  });

  it('is what the app shows at /setup, before any sign-in', async () => {
    fakeServer({ 'GET /api/config': () => apiError(500, 'INTERNAL', 'down') });
    window.history.replaceState(null, '', `/setup#token=${TOKEN}`);
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Set up Wardscan' })).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Wardscan sign in' })).toBeNull();
  });
});
