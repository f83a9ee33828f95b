import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CameraScanner } from './CameraScanner.js';

/* The camera is the browser's (outside the project): tests replace getUserMedia only. */
function withCamera(getUserMedia: () => Promise<MediaStream>) {
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
}

// The camera loads its decoders lazily when it starts. In jsdom the WebAssembly one fails and the zxing-js
// fallback is imported, which can outlast a short test and then load after the environment is torn down
// (an unhandled error that fails the run). Loading both modules first makes those imports resolve at once.
beforeAll(async () => {
  await Promise.all([import('./wasm-reader.js'), import('./zxing-reader.js')]);
});

afterEach(() => {
  Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
});

describe('CameraScanner', () => {
  it('says the scanner must be used when the device offers no camera', () => {
    render(<CameraScanner onScan={() => undefined} />);
    expect(screen.getByRole('status')).toHaveTextContent('Camera unavailable: This device offers no camera to the app. Use the scanner.');
  });

  it('asks for the https:// address when the page is not a secure context, without asking for the camera', () => {
    const getUserMedia = vi.fn(() => new Promise<MediaStream>(() => undefined));
    withCamera(getUserMedia);
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true });
    render(<CameraScanner onScan={() => undefined} />);
    expect(screen.getByRole('status')).toHaveTextContent('the camera needs the secure (https://) address');
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('explains a refused camera permission in words a nurse can act on', async () => {
    withCamera(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    render(<CameraScanner onScan={() => undefined} />);
    expect(await screen.findByText(/camera permission was refused/)).toBeVisible();
  });

  it('shows the aiming view while starting, and can be paused and restarted', async () => {
    const getUserMedia = vi.fn(() => new Promise<MediaStream>(() => undefined));
    withCamera(getUserMedia);
    render(<CameraScanner onScan={() => undefined} />);
    expect(screen.getByLabelText('Camera view')).toBeInTheDocument();
    expect(screen.getByText('Starting camera…')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Pause camera' }));
    expect(screen.getByText('Camera paused')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Start camera' }));
    expect(screen.getByLabelText('Camera view')).toBeInTheDocument();
  });
});
