import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountLockedEvent, StaffMember } from '@wardscan/shared';
import { buildSession } from '../test/builders.js';
import { apiError, fakeServer, json, type FakeRequest } from '../test/fake-fetch.js';
import { fill, renderSignedIn } from '../test/render.js';
import { StaffAccountsScreen } from './StaffAccountsScreen.js';
import { suggestPassword } from './StaffActions.js';

afterEach(() => vi.unstubAllGlobals());

const admin = buildSession({ id: 'staff-ada', name: 'Ada Admin', role: 'admin', wardId: null });

function member(overrides: Partial<StaffMember> & Pick<StaffMember, 'id' | 'name'>): StaffMember {
  return { username: overrides.id.replace(/^staff-/, ''), role: 'nurse', wardId: 'ward-7b', badgeGsrn: null, active: true, lockedUntil: null, ...overrides };
}

const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
const STAFF: StaffMember[] = [
  member({ id: 'staff-nia', name: 'Nia Nurse' }),
  member({ id: 'staff-ada', name: 'Ada Admin', role: 'admin', wardId: null }),
  member({ id: 'staff-lou', name: 'Lou Locked', lockedUntil: inAnHour }),
  member({ id: 'staff-gone', name: 'Gil Gone', role: 'pharmacist', wardId: null, active: false }),
];

/** The server as far as these routes go: the list, the wards, and each account action answering the changed member. */
function server(staff: StaffMember[] = STAFF) {
  const byId = (request: FakeRequest) => staff.find((s) => request.path.includes(`/${s.id}/`))!;
  return fakeServer({
    'GET /api/staff': () => json(staff),
    'GET /api/wards': () => json([{ id: 'ward-7b', name: 'Ward 7B', beds: [] }]),
    'PUT /api/staff/staff-nia/active': (r) => json({ ...byId(r), ...(r.body as object) }),
    'PUT /api/staff/staff-gone/active': (r) => json({ ...byId(r), ...(r.body as object) }),
    'PUT /api/staff/staff-ada/active': () => apiError(409, 'CONFLICT', 'You cannot deactivate your own account: ask another admin.', 'active'),
    'PUT /api/staff/staff-lou/password': (r) => json({ ...byId(r), lockedUntil: null }),
    'PUT /api/staff/staff-lou/pin': (r) => json({ ...byId(r), lockedUntil: null }),
    'PUT /api/staff/staff-nia/pin': (r) => json(byId(r)),
    'DELETE /api/staff/staff-nia/sessions': () => json({ revoked: 2 }),
  });
}

const card = async (name: string) => (await screen.findByRole('heading', { name: new RegExp(`^${name}`) })).closest('li')!;

async function manage(name: string): Promise<HTMLElement> {
  const item = await card(name);
  await userEvent.click(within(item).getByRole('button', { name: `Manage ${name}` }));
  return item;
}

describe('StaffAccountsScreen', () => {
  it('lists staff by name with role, ward by name, username and state', async () => {
    server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const list = await screen.findByRole('list', { name: 'Staff' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('heading').textContent)).toEqual(['Ada Admin (you)', 'Gil Gone', 'Lou Locked', 'Nia Nurse']);
    await waitFor(() => expect(items[3]).toHaveTextContent('Nurse · Ward 7B · nia'));
    expect(items[3]).toHaveTextContent('Active');
    expect(items[1]).toHaveTextContent('Pharmacist · no ward · gone');
    expect(items[1]).toHaveTextContent('Deactivated');
    expect(items[2]).toHaveTextContent(/Locked until \d\d:\d\d/);
    expect(items[3]).not.toHaveTextContent('Locked');
  });

  it('finds a member of staff by name or username', async () => {
    server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    await fill(await screen.findByLabelText('Find a member of staff'), 'lou');
    expect(within(screen.getByRole('list', { name: 'Staff' })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('deactivates a nurse only after asking, then shows her deactivated', async () => {
    const fake = server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const item = await manage('Nia Nurse');
    await userEvent.click(within(item).getByRole('button', { name: 'Deactivate' }));
    expect(within(item).getByText('Deactivate Nia Nurse?')).toHaveFocus();
    expect(fake.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    await userEvent.click(within(item).getByRole('button', { name: 'Yes, deactivate' }));
    expect(await within(item).findByText('Nia Nurse is deactivated and signed out of every handheld.')).toBeVisible();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/staff/staff-nia/active', body: { active: false } });
    expect(within(item).getByText('Deactivated')).toBeVisible();
    expect(within(item).getByRole('button', { name: 'Reactivate' })).toBeVisible();
    expect(within(item).getByRole('button', { name: 'Close Nia Nurse' })).toHaveFocus();
  });

  it('cancels without a request', async () => {
    const fake = server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const item = await manage('Nia Nurse');
    await userEvent.click(within(item).getByRole('button', { name: 'End all sessions' }));
    await userEvent.click(within(item).getByRole('button', { name: 'Cancel' }));
    expect(within(item).queryByText(/End all of/)).toBeNull();
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('reactivates an account', async () => {
    const fake = server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const item = await manage('Gil Gone');
    await userEvent.click(within(item).getByRole('button', { name: 'Reactivate' }));
    await userEvent.click(within(item).getByRole('button', { name: 'Yes, reactivate' }));
    expect(await within(item).findByText('Gil Gone is active again and can sign in.')).toBeVisible();
    expect(fake.requests.at(-1)?.body).toEqual({ active: true });
    expect(within(item).getByText('Active')).toBeVisible();
  });

  it('does not offer to deactivate your own account, and says why', async () => {
    server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const item = await manage('Ada Admin');
    expect(within(item).queryByRole('button', { name: 'Deactivate' })).toBeNull();
    expect(within(item).getByText('You cannot deactivate your own account: ask another admin.')).toBeVisible();
    // Ending your own sessions is allowed, and says it signs you out here too.
    await userEvent.click(within(item).getByRole('button', { name: 'End all sessions' }));
    expect(within(item).getByText(/You are signed out of every handheld, this one too/)).toBeVisible();
  });

  it('shows the server’s refusal to deactivate beside the question, and changes nothing', async () => {
    // The session's id does not match the list's (say, the account was renamed meanwhile): the button is offered, the server says no.
    server();
    renderSignedIn(<StaffAccountsScreen />, { session: buildSession({ id: 'staff-someone-else', role: 'admin', wardId: null }) });
    const item = await manage('Ada Admin');
    await userEvent.click(within(item).getByRole('button', { name: 'Deactivate' }));
    await userEvent.click(within(item).getByRole('button', { name: 'Yes, deactivate' }));
    expect(await within(item).findByRole('alert')).toHaveTextContent('You cannot deactivate your own account: ask another admin.');
    expect(within(item).getByRole('button', { name: 'Yes, deactivate' })).toBeVisible();
    expect(within(item).getByText('Active')).toBeVisible();
    expect(within(item).getByRole('status')).toHaveTextContent('');
  });

  it('sets a new password for a locked account: suggested, editable, and the lock is lifted', async () => {
    const fake = server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const item = await manage('Lou Locked');
    expect(within(item).getByText(/A new password or PIN lifts the lock now/)).toBeVisible();
    await userEvent.click(within(item).getByRole('button', { name: 'Set a new password' }));
    const field = within(item).getByLabelText('New password');
    expect(field).toHaveFocus();
    expect((field as HTMLInputElement).value).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await userEvent.clear(field);
    await fill(field, 'short');
    await userEvent.click(within(item).getByRole('button', { name: 'Set this password' }));
    expect(field).toHaveAccessibleDescription(/The new password needs at least 12 characters\./);
    expect(fake.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    await fill(field, '-but-long-enough');
    await userEvent.click(within(item).getByRole('button', { name: 'Set this password' }));
    expect(await within(item).findByText(/Lou Locked’s new password is set and the lock is lifted/)).toBeVisible();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: '/api/staff/staff-lou/password', body: { password: 'short-but-long-enough' } });
    expect(within(item).queryByText(/Locked until/)).toBeNull();
  });

  it('sets a new PIN of at least 6 digits, refusing a shorter one before asking the server', async () => {
    const fake = server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const item = await manage('Nia Nurse');
    await userEvent.click(within(item).getByRole('button', { name: 'Set a new PIN' }));
    const pin = within(item).getByLabelText('New PIN');
    await fill(pin, '12345');
    await userEvent.click(within(item).getByRole('button', { name: 'Set this PIN' }));
    expect(pin).toHaveAccessibleDescription(/The new PIN needs at least 6 digits\./);
    expect(pin).toHaveAttribute('aria-invalid', 'true');
    expect(fake.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    await fill(pin, '6');
    await userEvent.click(within(item).getByRole('button', { name: 'Set this PIN' }));
    expect(await within(item).findByText(/Nia Nurse’s new PIN is set\. Give it to them in person/)).toBeVisible();
    expect(fake.requests.at(-1)).toMatchObject({ path: '/api/staff/staff-nia/pin', body: { pin: '123456' } });
  });

  it('shows the server’s error on a new PIN beside the PIN field', async () => {
    const fake = server();
    fake.on('PUT /api/staff/staff-nia/pin', () => apiError(400, 'VALIDATION', 'pin: at least 6 digits', 'pin'));
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const item = await manage('Nia Nurse');
    await userEvent.click(within(item).getByRole('button', { name: 'Set a new PIN' }));
    await fill(within(item).getByLabelText('New PIN'), '482913');
    await userEvent.click(within(item).getByRole('button', { name: 'Set this PIN' }));
    await waitFor(() => expect(within(item).getByLabelText('New PIN')).toHaveAccessibleDescription(/pin: at least 6 digits/));
  });

  it('ends every session of a member of staff and says how many', async () => {
    const fake = server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const item = await manage('Nia Nurse');
    await userEvent.click(within(item).getByRole('button', { name: 'End all sessions' }));
    expect(within(item).getByText('End all of Nia Nurse’s sessions?')).toHaveFocus();
    await userEvent.click(within(item).getByRole('button', { name: 'Yes, end all sessions' }));
    expect(await within(item).findByText('2 sessions ended: Nia Nurse is signed out of every handheld.')).toBeVisible();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'DELETE', path: '/api/staff/staff-nia/sessions' });
  });

  it('shows a failed action’s error beside it when the server cannot be reached', async () => {
    const fake = server();
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    const item = await manage('Nia Nurse');
    await userEvent.click(within(item).getByRole('button', { name: 'End all sessions' }));
    fake.down();
    await userEvent.click(within(item).getByRole('button', { name: 'Yes, end all sessions' }));
    expect(await within(item).findByRole('alert')).toHaveTextContent('The ward server cannot be reached.');
  });

  it('says when the list cannot be loaded, and tries again', async () => {
    const fake = server();
    fake.on('GET /api/staff', () => apiError(403, 'FORBIDDEN', 'Only an admin may do this.'));
    renderSignedIn(<StaffAccountsScreen />, { session: admin });
    expect(await screen.findByRole('alert')).toHaveTextContent('Staff could not be loaded: Only an admin may do this.');
    fake.on('GET /api/staff', () => json(STAFF));
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('list', { name: 'Staff' })).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('StaffAccountsScreen: account:locked on the socket', () => {
  /** A real socket.io server on a free local port, standing in for the ward server's socket side. */
  async function socketServer() {
    const httpServer = createServer();
    const io = new Server(httpServer);
    const tokens: unknown[] = [];
    io.use((socket, next) => {
      tokens.push(socket.handshake.auth.token);
      next();
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = httpServer.address() as AddressInfo;
    return { origin: `http://127.0.0.1:${port}`, io, tokens, close: () => new Promise<void>((resolve) => void io.close(() => resolve())) };
  }

  it('announces a lock as it happens, marks the account locked, and leads to its actions', async () => {
    server();
    const sockets = await socketServer();
    try {
      renderSignedIn(<StaffAccountsScreen />, { session: admin, origin: sockets.origin });
      await screen.findByRole('list', { name: 'Staff' });
      await waitFor(() => expect(screen.getByText('● Live')).toBeVisible(), { timeout: 5000 });
      expect(sockets.tokens).toEqual(['test-token']);
      expect(screen.getByText('No account has been locked since this screen opened.')).toBeVisible();

      const event: AccountLockedEvent = { staffId: 'staff-nia', name: 'Nia Nurse', wardId: 'ward-7b', at: new Date().toISOString(), lockedUntil: inAnHour, failures: 5 };
      sockets.io.emit('account:locked', { ...event, failures: 'many' }); // fails the schema: dropped
      sockets.io.emit('account:locked', event);
      const notices = await screen.findByRole('list', { name: 'Accounts locked since this screen opened' });
      expect(within(notices).getAllByRole('listitem')).toHaveLength(1);
      expect(notices).toHaveTextContent(/Nia Nurse’s account is locked until \d\d:\d\d/);
      expect(notices).toHaveTextContent('5 failed sign-ins in a row · Ward 7B');
      expect(await card('Nia Nurse')).toHaveTextContent(/Locked until \d\d:\d\d/);

      await userEvent.click(within(notices).getByRole('button', { name: 'Manage Nia Nurse' }));
      expect(within(await card('Nia Nurse')).getByRole('button', { name: 'Set a new PIN' })).toBeVisible();
    } finally {
      await sockets.close();
    }
  });
});

describe('suggestPassword', () => {
  it('makes 16 unambiguous letters and digits in groups of four', () => {
    expect(suggestPassword((n) => Uint32Array.from({ length: n }, (_, i) => i))).toBe('abcd-efgh-jkmn-pqrs');
    expect(suggestPassword()).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
  });
});
