import { useState, type FormEvent } from 'react';
import { LIMITS, staffMemberSchema, type FirstAdminRequest, type StaffMember } from '@wardscan/shared';
import { ApiError, errorMessage } from '../api/api-error.js';
import type { HttpClient } from '../api/http.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { Field } from '../ui/Field.js';

/** The set-up token from the link the server prints at start: `/setup#token=…` (a fragment never reaches a server log). */
export function setupTokenFrom(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') || null;
}

/**
 * `/setup`: the first admin account of a ward server that has none (issue 16).
 * The link the server printed carries a single-use token; once an admin
 * exists the server refuses it, and admins add everyone else.
 */
export function SetupScreen({ http, hash = window.location.hash }: { http: HttpClient; hash?: string }) {
  const token = setupTokenFrom(hash);
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<{ message: string; field?: string | undefined } | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<StaffMember | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    if (password !== repeat) {
      setError({ message: 'The two passwords are not the same.', field: 'repeat' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const request: FirstAdminRequest = { token, username, name, password };
      setCreated(await http.send('POST', '/api/setup/first-admin', request, staffMemberSchema));
      // The token is spent: keep it out of the address bar and history.
      window.history.replaceState(null, '', '/setup');
    } catch (caught) {
      setError({ message: errorMessage(caught), field: caught instanceof ApiError ? caught.field : undefined });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  return (
    <main className="screen">
      <h1 style={{ fontSize: 24 }}>Set up Wardscan</h1>
      {created ? (
        <section className="card">
          <p role="status">
            The admin account <strong>{created.username}</strong> is ready, and this set-up link no longer works. Sign in with it to add
            wards and staff.
          </p>
          <a href="/">Go to sign in</a>
        </section>
      ) : !token ? (
        <ErrorBox>
          This page needs the set-up link the server printed when it started (it ends in <code>#token=…</code>). Copy the whole link from
          the server’s log.
        </ErrorBox>
      ) : (
        <section className="card" aria-labelledby="setup-heading">
          <h2 id="setup-heading" style={{ fontSize: 20, margin: 0 }}>
            The first admin account
          </h2>
          <p>This server has no admin account yet. The one made here can sign in and add everyone else.</p>
          {error && !['username', 'name', 'password', 'repeat'].includes(error.field ?? '') ? <ErrorBox>{error.message}</ErrorBox> : null}
          <form onSubmit={(event) => void submit(event)}>
            <Field id="setup-username" label="Username" hint="Lower-case letters, digits, dot, dash or underscore" error={fieldError('username')}>
              {(aria) => <input id="setup-username" autoComplete="username" value={username} maxLength={LIMITS.nameMaxLength} onChange={(e) => setUsername(e.target.value)} {...aria} />}
            </Field>
            <Field id="setup-name" label="Full name" error={fieldError('name')}>
              {(aria) => <input id="setup-name" autoComplete="name" value={name} maxLength={LIMITS.nameMaxLength} onChange={(e) => setName(e.target.value)} {...aria} />}
            </Field>
            <Field id="setup-password" label="Password" hint="At least 12 characters" error={fieldError('password')}>
              {(aria) => (
                <input id="setup-password" type="password" autoComplete="new-password" value={password} maxLength={LIMITS.passwordMaxLength} onChange={(e) => setPassword(e.target.value)} {...aria} />
              )}
            </Field>
            <Field id="setup-repeat" label="Password again" error={fieldError('repeat')}>
              {(aria) => (
                <input id="setup-repeat" type="password" autoComplete="new-password" value={repeat} maxLength={LIMITS.passwordMaxLength} onChange={(e) => setRepeat(e.target.value)} {...aria} />
              )}
            </Field>
            <button type="submit" className="primary" style={{ marginTop: 12 }} disabled={busy || !username || !name || !password || !repeat}>
              Create the admin account
            </button>
          </form>
        </section>
      )}
    </main>
  );
}
