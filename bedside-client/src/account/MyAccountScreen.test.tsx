import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSession } from '../test/builders.js';
import { apiError, fakeServer, type FakeRequest } from '../test/fake-fetch.js';
import { fill, renderSignedIn } from '../test/render.js';
import { MyAccountScreen } from './MyAccountScreen.js';

afterEach(() => vi.unstubAllGlobals());

const nurse = buildSession({ id: 'staff-nia', name: 'Nia Nurse', role: 'nurse' });
const section = (name: string) => screen.getByRole('region', { name });

function open(onClose = vi.fn()) {
  renderSignedIn(<MyAccountScreen onClose={onClose} />, { session: nurse });
  return onClose;
}

/** The server's rule for `PUT /api/me/*`: the current password is "old-password". */
function server() {
  const check = (request: FakeRequest) => {
    const body = request.body as { currentPassword: string };
    if (body.currentPassword !== 'old-password') return apiError(400, 'VALIDATION', 'Your current password is not right: the password was not changed.', 'currentPassword');
    return { status: 204 } as const;
  };
  return fakeServer({ 'PUT /api/me/password': check, 'PUT /api/me/pin': check });
}

async function fillForm(region: HTMLElement, labels: { current?: string; next: string; repeat?: string }, nextLabel: string, repeatLabel: string) {
  if (labels.current !== undefined) await fill(within(region).getByLabelText('Current password'), labels.current);
  await fill(within(region).getByLabelText(nextLabel), labels.next);
  await fill(within(region).getByLabelText(repeatLabel), labels.repeat ?? labels.next);
}

describe('MyAccountScreen: change my password', () => {
  it('changes the password with the current one, says so and clears the form', async () => {
    const fake = server();
    open();
    const form = section('Change my password');
    await fillForm(form, { current: 'old-password', next: 'a-much-longer-password' }, 'New password', 'New password again');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my password' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Your password is changed.');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/me/password', body: { currentPassword: 'old-password', newPassword: 'a-much-longer-password' } });
    expect(fake.requests.at(-1)?.headers.Authorization).toBe('Bearer test-token');
    expect(within(form).getByLabelText('Current password')).toHaveValue('');
    expect(within(form).getByLabelText('New password')).toHaveValue('');
  });

  it('shows the server’s refusal of a wrong current password beside that field, and keeps the form', async () => {
    server();
    open();
    const form = section('Change my password');
    await fillForm(form, { current: 'not-it', next: 'a-much-longer-password' }, 'New password', 'New password again');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my password' }));
    const current = within(form).getByLabelText('Current password');
    await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'));
    expect(current).toHaveAccessibleDescription('Your current password is not right: the password was not changed.');
    expect(current).toHaveFocus();
    expect(within(form).getByLabelText('New password')).toHaveValue('a-much-longer-password');
    expect(within(form).getByRole('status')).toHaveTextContent('');
  });

  it('refuses a new password under 12 characters, or two that differ, before asking the server', async () => {
    const fake = server();
    open();
    const form = section('Change my password');
    await fillForm(form, { current: 'old-password', next: 'short' }, 'New password', 'New password again');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my password' }));
    expect(within(form).getByLabelText('New password')).toHaveAccessibleDescription(/At least 12 characters.*The new password needs at least 12 characters\./);
    await fill(within(form).getByLabelText('New password'), '-and-now-long-enough');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my password' }));
    expect(within(form).getByLabelText('New password again')).toHaveAccessibleDescription('The two new passwords are not the same: the password was not changed.');
    expect(fake.requests).toEqual([]);
  });

  it('asks for the current password first', async () => {
    const fake = server();
    open();
    const form = section('Change my password');
    await fillForm(form, { next: 'a-much-longer-password' }, 'New password', 'New password again');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my password' }));
    expect(within(form).getByLabelText('Current password')).toHaveAccessibleDescription('Type your current password: the password was not changed.');
    expect(fake.requests).toEqual([]);
  });

  it('says plainly when the server cannot be reached', async () => {
    fakeServer().down();
    open();
    const form = section('Change my password');
    await fillForm(form, { current: 'old-password', next: 'a-much-longer-password' }, 'New password', 'New password again');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my password' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('The ward server cannot be reached.');
  });
});

describe('MyAccountScreen: change my PIN', () => {
  it('changes the PIN (6 digits or more) with the current password', async () => {
    const fake = server();
    open();
    const form = section('Change my PIN');
    expect(within(form).getByLabelText('New PIN')).toHaveAccessibleDescription('6 to 12 digits. You type it after scanning your badge.');
    expect(within(form).getByLabelText('New PIN')).toHaveAttribute('inputmode', 'numeric');
    await fillForm(form, { current: 'old-password', next: '482913' }, 'New PIN', 'New PIN again');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my PIN' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Your PIN is changed. Use the new one next time you sign in with your badge.');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/me/pin', body: { currentPassword: 'old-password', newPin: '482913' } });
  });

  it('refuses a PIN under 6 digits, or with other characters, without a request', async () => {
    const fake = server();
    open();
    const form = section('Change my PIN');
    await fillForm(form, { current: 'old-password', next: '12345' }, 'New PIN', 'New PIN again');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my PIN' }));
    const pin = within(form).getByLabelText('New PIN');
    expect(pin).toHaveAccessibleDescription(/The new PIN needs at least 6 digits\./);
    expect(pin).toHaveFocus();
    await fill(pin, '6a');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my PIN' }));
    expect(pin).toHaveAccessibleDescription(/A PIN is digits only\./);
    expect(fake.requests).toEqual([]);
  });

  it('shows the server’s refusals beside the field it names', async () => {
    const fake = server();
    open();
    const form = section('Change my PIN');
    await fillForm(form, { current: 'not-it', next: '482913' }, 'New PIN', 'New PIN again');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my PIN' }));
    await waitFor(() => expect(within(form).getByLabelText('Current password')).toHaveAccessibleDescription(/current password is not right/));

    fake.on('PUT /api/me/pin', () => apiError(400, 'VALIDATION', 'Choose a PIN different from the current one.', 'newPin'));
    await userEvent.clear(within(form).getByLabelText('Current password'));
    await fill(within(form).getByLabelText('Current password'), 'old-password');
    await userEvent.click(within(form).getByRole('button', { name: 'Change my PIN' }));
    await waitFor(() => expect(within(form).getByLabelText('New PIN')).toHaveAccessibleDescription(/Choose a PIN different from the current one\./));
    expect(within(form).getByLabelText('Current password')).not.toHaveAttribute('aria-invalid');
  });

  it('closes with Done', async () => {
    server();
    const onClose = open();
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
