import { forgetWardList } from './offline/ward-list.js';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { clientConfigSchema, type ClientConfig, type Role, type SessionResponse } from '@wardscan/shared';
import { errorMessage } from './api/api-error.js';
import { createHttpClient } from './api/http.js';
import { deviceId } from './device.js';
import { RoleHome } from './RoleHome.js';
import { ServicesContext, type Services } from './services.js';
import { fetchConfig, loadSession, saveSession, signOut } from './session/session.resource.js';
import { SetupScreen } from './session/SetupScreen.js';
import { SignInScreen } from './session/SignInScreen.js';
import { ErrorBox } from './ui/ErrorBox.js';

const ScannerSetupScreen = lazy(() => import('./scanning/ScannerSetupScreen.js').then((m) => ({ default: m.ScannerSetupScreen })));
const MyAccountScreen = lazy(() => import('./account/MyAccountScreen.js').then((m) => ({ default: m.MyAccountScreen })));

const CONFIG_KEY = 'wardscan.config';
const ROLE_NAMES: Record<Role, string> = { nurse: 'Nurse', pharmacist: 'Pharmacy', 'ward-manager': 'Ward manager', admin: 'Admin' };

/** Last config seen, so a handheld that reloads while the server is down still reads barcodes the same way. */
function cachedConfig(): ClientConfig | null {
  try {
    const parsed = clientConfigSchema.safeParse(JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function App({ origin = '' }: { origin?: string }) {
  const [session, setSessionState] = useState<SessionResponse | null>(() => loadSession());
  const [config, setConfig] = useState<ClientConfig | null>(() => cachedConfig());
  const [configError, setConfigError] = useState<string | null>(null);
  const [settingUpScanner, setSettingUpScanner] = useState(false);
  const [accountOpen, setAccountOpen] = useState(false);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const setSession = (next: SessionResponse | null) => {
    saveSession(next);
    setSessionState(next);
  };

  const http = useMemo(
    () => createHttpClient({ baseUrl: origin, token: () => sessionRef.current?.token ?? null, onUnauthenticated: () => setSession(null) }),
    [origin],
  );

  useEffect(() => {
    fetchConfig(http)
      .then((fresh) => {
        localStorage.setItem(CONFIG_KEY, JSON.stringify(fresh));
        setConfig(fresh);
        setConfigError(null);
      })
      .catch((error: unknown) => setConfigError(errorMessage(error)));
  }, [http]);

  const services: Services | null = useMemo(
    () => (session && config ? { http, config, deviceId: deviceId(), user: session.user, token: session.token, origin } : null),
    [session, config, http, origin],
  );

  // The set-up link the server prints while it has no admin account: needs neither the ward's settings nor a session.
  if (window.location.pathname === '/setup') return <SetupScreen http={http} />;

  if (!config) {
    return (
      <main className="screen">
        <h1 style={{ fontSize: 24 }}>Wardscan</h1>
        {configError ? (
          <ErrorBox>Cannot load the ward’s scanning settings: {configError} Check the handheld’s Wi-Fi, then reload.</ErrorBox>
        ) : (
          <p role="status">Loading…</p>
        )}
      </main>
    );
  }

  if (!services) {
    return <SignInScreen http={http} config={config} onSignedIn={setSession} />;
  }

  const signOutNow = () => {
    void signOut(http).catch(() => undefined);
    // The ward's names stay on the handheld no longer than the nurse does.
    void forgetWardList().catch(() => undefined);
    setSession(null);
  };

  return (
    <ServicesContext.Provider value={services}>
      <div className="app">
        <header className="topbar">
          {/* The name opens My account (change password or PIN): one more button would leave the name no room at 360 px. */}
          <button
            type="button"
            className="who"
            aria-current={accountOpen ? 'page' : undefined}
            style={{ minHeight: 44, padding: '0 8px', textAlign: 'left' }}
            onClick={() => (setSettingUpScanner(false), setAccountOpen(true))}
          >
            <span className="visually-hidden">My account:</span>{' '}
            {services.user.name} · {ROLE_NAMES[services.user.role]}
          </button>
          {settingUpScanner ? null : (
            <button type="button" onClick={() => (setAccountOpen(false), setSettingUpScanner(true))}>
              Set up scanner
            </button>
          )}
          <button type="button" onClick={signOutNow}>
            Sign out
          </button>
        </header>
        {settingUpScanner ? (
          <main>
            <Suspense fallback={<p role="status">Loading…</p>}>
              <ScannerSetupScreen onClose={() => setSettingUpScanner(false)} />
            </Suspense>
          </main>
        ) : accountOpen ? (
          <main>
            <Suspense fallback={<p role="status">Loading…</p>}>
              <MyAccountScreen onClose={() => setAccountOpen(false)} />
            </Suspense>
          </main>
        ) : (
          <RoleHome role={services.user.role} />
        )}
      </div>
    </ServicesContext.Provider>
  );
}
