import { useState, type FormEvent } from 'react';
import { LIMITS, type ClientConfig, type CreateSessionRequest, type SessionResponse } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import type { HttpClient } from '../api/http.js';
import { CameraScanner } from '../scanning/camera/CameraScanner.js';
import { useHidScanner } from '../scanning/useHidScanner.js';
import { signIn } from './session.resource.js';
import { ErrorBox } from '../ui/ErrorBox.js';

interface Props {
  http: HttpClient;
  config: ClientConfig;
  onSignedIn: (session: SessionResponse) => void;
}

/** Badge then PIN at the bedside; username and password at a desk. */
export function SignInScreen({ http, config, onSignedIn }: Props) {
  const [badge, setBadge] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cameraOn, setCameraOn] = useState(false);

  const badgeScanned = (raw: string) => {
    setBadge(raw);
    setPin('');
    setError(null);
    setCameraOn(false);
  };
  useHidScanner((raw, source) => {
    if (source === 'scanner') badgeScanned(raw); // a badge is scanned, never typed
  }, config);

  async function submit(request: CreateSessionRequest) {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(http, request));
    } catch (caught) {
      setError(errorMessage(caught));
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  const submitPin = (event: FormEvent) => {
    event.preventDefault();
    if (badge) void submit({ badge, pin });
  };
  const submitPassword = (event: FormEvent) => {
    event.preventDefault();
    void submit({ username, password });
  };

  return (
    <main className="screen">
      <h1 style={{ fontSize: 24 }}>Wardscan sign in</h1>
      {error ? <ErrorBox>{error}</ErrorBox> : null}
      <section className="card" aria-labelledby="badge-heading">
        <h2 id="badge-heading" style={{ fontSize: 20, margin: 0 }}>
          Badge and PIN
        </h2>
        {badge ? (
          <form onSubmit={submitPin}>
            <p role="status">✓ Badge scanned. Enter your PIN.</p>
            <label htmlFor="pin">PIN</label>
            <input
              id="pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              maxLength={LIMITS.pinMaxLength}
              value={pin}
              onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
            />
            <div className="row" style={{ marginTop: 8 }}>
              <button type="submit" className="primary" disabled={busy || pin.length < LIMITS.pinMinLength}>
                Sign in
              </button>
              <button type="button" onClick={() => setBadge(null)}>
                Different badge
              </button>
            </div>
          </form>
        ) : (
          <>
            <p>Scan your staff badge with the scanner.</p>
            <button type="button" aria-pressed={cameraOn} onClick={() => setCameraOn(!cameraOn)}>
              {cameraOn ? 'Stop camera' : 'Use the camera instead'}
            </button>
            {cameraOn ? <CameraScanner onScan={badgeScanned} /> : null}
          </>
        )}
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading" style={{ fontSize: 20, margin: 0 }}>
          Username and password
        </h2>
        <form onSubmit={submitPassword}>
          <label htmlFor="username">Username</label>
          <input id="username" autoComplete="username" value={username} maxLength={LIMITS.nameMaxLength} onChange={(e) => setUsername(e.target.value)} />
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            maxLength={LIMITS.passwordMaxLength}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" className="primary" style={{ marginTop: 12 }} disabled={busy || !username || !password}>
            Sign in
          </button>
        </form>
      </section>
    </main>
  );
}
