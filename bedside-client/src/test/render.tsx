import { render, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import type { ClientConfig, SessionResponse } from '@wardscan/shared';
import { createHttpClient } from '../api/http.js';
import { ServicesContext, type Services } from '../services.js';
import { buildConfig, buildSession } from './builders.js';

/** What a signed-in screen is given: the real http client (over the fake fetch), a handheld id, the config and the user. */
export function signedInServices(options: { config?: ClientConfig; session?: SessionResponse; origin?: string } = {}): Services {
  const session = options.session ?? buildSession();
  return {
    http: createHttpClient({ token: () => session.token, timeoutMs: 2000 }),
    deviceId: 'handheld-test',
    config: options.config ?? buildConfig(),
    user: session.user,
    token: session.token,
    origin: options.origin ?? '',
  };
}

/** Renders a signed-in screen with the real http client (over the fake fetch). */
export function renderSignedIn(
  ui: ReactElement,
  options: { config?: ClientConfig; session?: SessionResponse; origin?: string } = {},
): RenderResult & { services: Services } {
  const services = signedInServices(options);
  return { ...render(<ServicesContext.Provider value={services}>{ui}</ServicesContext.Provider>), services };
}

/**
 * Dispatches keydowns on the window the way a HID scanner types: a burst
 * `gapMs` apart, ending in Enter. jsdom stamps events itself, so the stamp
 * is set explicitly.
 */
export function scannerBurst(text: string, options: { gapMs?: number; start?: number; target?: EventTarget; terminator?: string } = {}): KeyboardEvent[] {
  const gap = options.gapMs ?? 10;
  let at = options.start ?? performance.now() + 1000;
  const target = options.target ?? window;
  const events: KeyboardEvent[] = [];
  for (const key of [...text, options.terminator ?? 'Enter']) {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(event, 'timeStamp', { value: at });
    target.dispatchEvent(event);
    events.push(event);
    at += gap;
  }
  return events;
}

/**
 * A person at the keyboard. Keys come 60 ms apart, slower than the
 * scanner-burst threshold (50 ms), as real typing does; user-event's
 * default of 0 ms would (rightly) be taken for a scanner.
 */
export function person() {
  return userEvent.setup({ delay: 60 });
}

/** Puts text into a field the quick way a person does too: paste. */
export async function fill(field: HTMLElement, text: string) {
  const user = userEvent.setup();
  await user.click(field);
  await user.paste(text);
}
