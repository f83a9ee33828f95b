import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { deviceId } from '../device.js';
import { renderSignedIn } from '../test/render.js';
import { dispatchRecorded, recordScan, type SimulatedScanner } from '../test/scanner-recordings.js';
import { ScannerSetupScreen } from './ScannerSetupScreen.js';
import { loadScannerProfile } from './scanner-profile-store.js';
import { TEST_SYMBOL_RAW } from './test-symbol.js';

const GS = '\u001d';
// The set-up page waits for 500 ms of silence after the test scan.
const LEARNED = { timeout: 5000 };

function scan(raw: string, scanner: SimulatedScanner) {
  return dispatchRecorded(recordScan(raw, scanner), window, performance.now() + 1000);
}

describe('ScannerSetupScreen', () => {
  it('learns a US-layout scanner on a German keyboard, keeps the profile for this handheld, and reads the next pack right', async () => {
    renderSignedIn(<ScannerSetupScreen onClose={() => undefined} />);
    expect(screen.getByRole('img', { name: 'Test symbol: a GS1 DataMatrix' })).toBeInTheDocument();
    expect(screen.getByText('Waiting for the scan of the test symbol…')).toBeInTheDocument();
    const scanner: SimulatedScanner = { scanner: 'us', host: 'de', gs: 'ctrl-bracket' };

    const events = scan(TEST_SYMBOL_RAW, scanner);
    expect(events.filter((e) => e.key.length === 1).every((e) => e.defaultPrevented)).toBe(true);

    expect(await screen.findByRole('heading', { name: 'Your scanner is set up' }, LEARNED)).toBeInTheDocument();
    const changes = screen.getByRole('list', { name: 'What to change on the scanner' });
    expect(changes).toHaveTextContent('The scanner types in a US English keyboard layout, but this handheld’s keyboard is set to German (QWERTZ)');
    expect(changes).toHaveTextContent('Fix: Set the scanner’s keyboard layout (“Keyboard country” or “Country code”) to German (QWERTZ)');
    expect(screen.getByText('The group separator (GS, ASCII 29) arrives as Ctrl+] (Ctrl and the “+” key on this keyboard).')).toBeInTheDocument();
    expect(loadScannerProfile(deviceId())).toMatchObject({ layout: { scanner: 'us', host: 'de' }, gs: { kind: 'ctrl', code: 'BracketRight' }, aim: true });

    // The pack's batch has Y, Z and '-': on this keyboard they arrive as Z, Y and ß.
    scan(`]d201050999970000131735123110ZY-26${GS}21SN1`, scanner);
    const read = await screen.findByText(/^Read:/);
    expect(read).toHaveTextContent(`Read: ]d201050999970000131735123110ZY-26⟨GS⟩21SN1`);
    expect(screen.getByText('Pack, GTIN 05099997000013, batch ZY-26')).toBeInTheDocument();
  });

  it('says exactly what to change when the scanner drops GS, and what it sends otherwise', async () => {
    renderSignedIn(<ScannerSetupScreen onClose={() => undefined} />);
    scan(TEST_SYMBOL_RAW, { scanner: 'us', host: 'us', gs: 'nothing', aim: false, suffix: '*' });
    expect(await screen.findByRole('heading', { name: 'Change the scanner’s settings' }, LEARNED)).toBeInTheDocument();
    const mustChange = screen.getAllByRole('listitem').filter((li) => li.textContent?.startsWith('Must change'));
    expect(mustChange.map((li) => li.textContent)).toEqual([
      'Must change: The scanner sends nothing for the group separator (GS, ASCII 29), so a batch number runs into the expiry or serial number after it. ' +
        'Fix: Turn on “Transmit GS / FNC1 as ASCII 29” (also called “Function code transmit” or “Control characters: Ctrl+]”) in the scanner’s settings, then scan the test symbol again.',
    ]);
    expect(screen.getByText(/does not say what kind of barcode it read/)).toBeInTheDocument();
    expect(screen.getByText('The scanner sends “*” after every barcode: Wardscan removes it.')).toBeInTheDocument();
  });

  it('tells a barcode that is not the test symbol, and keeps waiting for it', async () => {
    renderSignedIn(<ScannerSetupScreen onClose={() => undefined} />);
    scan(']C09990010137', { scanner: 'us', host: 'us', gs: 'ctrl-bracket' });
    expect(await screen.findByRole('alert', {}, LEARNED)).toHaveTextContent('That did not read as the test symbol. Received: ] C 0 9 9 9 0 0 1 0 1 3 7 Enter.');
    expect(screen.getByText('Waiting for the scan of the test symbol…')).toBeInTheDocument();
    expect(loadScannerProfile(deviceId())).toBeNull();
  });

  it('forgets the profile, and leaves a person’s Tab and Enter to the page’s buttons', async () => {
    const onClose = vi.fn();
    renderSignedIn(<ScannerSetupScreen onClose={onClose} />);
    scan(TEST_SYMBOL_RAW, { scanner: 'us', host: 'uk', gs: 'ascii-29' });
    await screen.findByRole('heading', { name: 'Your scanner is set up' }, LEARNED);
    const user = userEvent.setup({ delay: 150 });
    await user.click(screen.getByRole('button', { name: 'Forget this scanner’s settings' }));
    expect(loadScannerProfile(deviceId())).toBeNull();
    expect(screen.getByText('Waiting for the scan of the test symbol…')).toBeInTheDocument();
    within(screen.getByRole('region', { name: 'Set up scanner' })).getByRole('button', { name: 'Done' }).focus();
    await user.keyboard('{Enter}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
