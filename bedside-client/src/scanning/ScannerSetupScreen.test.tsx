import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { deviceId } from '../device.js';
import { renderSignedIn } from '../test/render.js';
import { dispatchRecorded, recordScan, type SimulatedScanner } from '../test/scanner-recordings.js';
import { ScannerSetupScreen } from './ScannerSetupScreen.js';
import { loadScannerProfile } from './scanner-profile-store.js';
import { TEST_CODE128_RAW, TEST_SYMBOL_RAW } from './test-symbol.js';

const GS = '\u001d';
// The set-up page waits for 500 ms of silence after the test scan.
const LEARNED = { timeout: 5000 };

function scan(raw: string, scanner: SimulatedScanner) {
  return dispatchRecorded(recordScan(raw, scanner), window, performance.now() + 1000);
}

describe('ScannerSetupScreen', () => {
  it('learns a US-layout scanner on a German keyboard from both test symbols, keeps the profile for this handheld, and reads the next pack right', async () => {
    renderSignedIn(<ScannerSetupScreen onClose={() => undefined} />);
    expect(screen.getByRole('img', { name: 'Test symbol: a GS1 DataMatrix' })).toBeInTheDocument();
    expect(screen.getByText('Waiting for the scan of the test symbol…')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'Second test symbol: a Code 128 barcode' })).not.toBeInTheDocument();
    const scanner: SimulatedScanner = { scanner: 'us', host: 'de', gs: 'ctrl-bracket', noKey: 'alt-code' };

    const events = scan(TEST_SYMBOL_RAW, scanner);
    expect(events.filter((e) => e.key.length === 1).every((e) => e.defaultPrevented)).toBe(true);

    // Step 2: then scan this one. What the first showed is kept already, for GS1 barcodes.
    expect(await screen.findByText('Waiting for the scan of the second test symbol…', {}, LEARNED)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Then scan this one' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Second test symbol: a Code 128 barcode' })).toBeInTheDocument();
    expect(screen.getByText('Ws@#"£/~Az09')).toBeInTheDocument();
    expect(screen.queryByRole('img', { name: 'Test symbol: a GS1 DataMatrix' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Your scanner is set up' })).toBeInTheDocument();
    expect(screen.getByText(/Wardscan reads GS1 barcodes from this scanner correctly on this handheld\. Scan the second test symbol above to check @ # " £ \/ ~ too\./)).toBeInTheDocument();
    expect(loadScannerProfile(deviceId())).toMatchObject({ layout: { scanner: 'us', host: 'de' }, gs: { kind: 'ctrl', code: 'BracketRight' }, aim: true });

    // '@' arrives as '"', '#' as '§', '"' as 'Ä', '~' as '°', and '£' as Alt+0163.
    const second = scan(TEST_CODE128_RAW, scanner);
    expect(second.filter((e) => e.key.length === 1).every((e) => e.defaultPrevented)).toBe(true);
    expect(await screen.findByRole('heading', { name: 'Try a scan' }, LEARNED)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Your scanner is set up' })).toBeInTheDocument();
    const changes = screen.getByRole('list', { name: 'What to change on the scanner' });
    expect(changes).toHaveTextContent(
      'The scanner types in a US English keyboard layout, but this handheld’s keyboard is set to German (QWERTZ): “"” arrived as “Ä”, “@” arrived as “"”, “#” arrived as “§”, “~” arrived as “°”. Wardscan corrects this on this handheld.',
    );
    expect(changes).toHaveTextContent('Fix: Set the scanner’s keyboard layout (“Keyboard country” or “Country code”) to German (QWERTZ)');
    expect(screen.getByText('The group separator (GS, ASCII 29) arrives as Ctrl+] (Ctrl and the “+” key on this keyboard).')).toBeInTheDocument();
    expect(screen.getByText('The characters @ # " £ / ~ of the second test symbol arrive as the scanner read them.')).toBeInTheDocument();
    expect(loadScannerProfile(deviceId())).toMatchObject({ layout: { scanner: 'us', host: 'de', charMap: { '°': '~', '§': '#' } } });

    // The pack's batch has Y, Z and '-': on this keyboard they arrive as Z, Y and ß.
    scan(`]d201050999970000131735123110ZY-26${GS}21SN1`, scanner);
    const read = await screen.findByText(/^Read:/);
    expect(read).toHaveTextContent(`Read: ]d201050999970000131735123110ZY-26⟨GS⟩21SN1`);
    expect(screen.getByText('Pack, GTIN 05099997000013, batch ZY-26')).toBeInTheDocument();
  });

  it('shows the second test symbol read correctly under Try a scan, with no error for it', async () => {
    renderSignedIn(<ScannerSetupScreen onClose={() => undefined} />);
    const scanner: SimulatedScanner = { scanner: 'us', host: 'uk', gs: 'ascii-29', noKey: 'alt-code' };
    scan(TEST_SYMBOL_RAW, scanner);
    await screen.findByText('Waiting for the scan of the second test symbol…', {}, LEARNED);
    scan(TEST_CODE128_RAW, scanner);
    await screen.findByRole('heading', { name: 'Try a scan' }, LEARNED);
    scan(TEST_CODE128_RAW, scanner);
    expect(await screen.findByText(/^Read:/)).toHaveTextContent('Read: ]C0Ws@#"£/~Az09');
    expect(screen.getByText('This is a test symbol, read correctly.')).toBeInTheDocument();
    expect(screen.queryByText(/does not recognise/)).not.toBeInTheDocument();
  });

  it('says what to change when the second symbol shows a scanner that cannot send £ and sends GS as ~', async () => {
    renderSignedIn(<ScannerSetupScreen onClose={() => undefined} />);
    const scanner: SimulatedScanner = { scanner: 'us', host: 'uk', gs: { text: '~' }, noKey: 'drop' };
    scan(TEST_SYMBOL_RAW, scanner);
    await screen.findByText('Waiting for the scan of the second test symbol…', {}, LEARNED);
    // From the first symbol alone: '~' for GS is safe in GS1 data.
    expect(screen.getByRole('heading', { name: 'Your scanner is set up' })).toBeInTheDocument();
    scan(TEST_CODE128_RAW, scanner);
    expect(await screen.findByRole('heading', { name: 'Change the scanner’s settings' }, LEARNED)).toBeInTheDocument();
    const mustChange = screen.getAllByRole('listitem').filter((li) => li.textContent?.startsWith('Must change'));
    expect(mustChange.map((li) => li.textContent)).toEqual([
      'Must change: The scanner sends “~” in place of the group separator (GS), so a “~” in a barcode (the second test symbol has one) is read as GS. ' +
        'Fix: Set the scanner to send GS as ASCII 29 (turn off the FNC1/GS substitution), then scan both test symbols again.',
      'Must change: The scanner does not send “£” in a way this handheld can read: nothing arrives. A barcode with “£” in it is misread. ' +
        'Fix: Set the scanner’s keyboard layout (“Keyboard country”) to the one this handheld uses, or have it send characters its layout has no key for as Alt codes (“Alt mode” or “Universal keyboard”), then scan both test symbols again.',
    ]);
    expect(screen.getByText('The characters @ # " / of the second test symbol arrive as the scanner read them.')).toBeInTheDocument();
  });

  it('tells a barcode that is not the second test symbol, keeps waiting for it, and starts over from the first symbol scanned again', async () => {
    renderSignedIn(<ScannerSetupScreen onClose={() => undefined} />);
    const scanner: SimulatedScanner = { scanner: 'us', host: 'us', gs: 'ctrl-bracket', noKey: 'alt-code' };
    scan(TEST_SYMBOL_RAW, scanner);
    await screen.findByText('Waiting for the scan of the second test symbol…', {}, LEARNED);
    scan(']C09990010137', scanner);
    expect(await screen.findByRole('alert', {}, LEARNED)).toHaveTextContent(
      'That did not read as the second test symbol (the Code 128 barcode). Received: ] C 0 9 9 9 0 0 1 0 1 3 7 Enter.',
    );
    expect(screen.getByText('Waiting for the scan of the second test symbol…')).toBeInTheDocument();

    // The scanner's GS changed to ASCII 29, and the first symbol scanned again: learned afresh, the second still to come.
    scan(TEST_SYMBOL_RAW, { ...scanner, gs: 'ascii-29' });
    await waitFor(() => expect(loadScannerProfile(deviceId())).toMatchObject({ gs: { kind: 'control' } }), LEARNED);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByText('Waiting for the scan of the second test symbol…')).toBeInTheDocument();
    scan(TEST_CODE128_RAW, { ...scanner, gs: 'ascii-29' });
    expect(await screen.findByRole('heading', { name: 'Try a scan' }, LEARNED)).toBeInTheDocument();
    expect(screen.getByText('The group separator (GS, ASCII 29) arrives as GS.')).toBeInTheDocument();
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

  it('takes the second symbol scanned first for a barcode that is not the first', async () => {
    renderSignedIn(<ScannerSetupScreen onClose={() => undefined} />);
    scan(TEST_CODE128_RAW, { scanner: 'us', host: 'us', gs: 'ctrl-bracket', noKey: 'alt-code' });
    expect(await screen.findByRole('alert', {}, LEARNED)).toHaveTextContent('That did not read as the test symbol.');
    expect(screen.getByRole('img', { name: 'Test symbol: a GS1 DataMatrix' })).toBeInTheDocument();
  });

  it('forgets the profile, and leaves a person’s Tab and Enter to the page’s buttons', async () => {
    const onClose = vi.fn();
    renderSignedIn(<ScannerSetupScreen onClose={onClose} />);
    const scanner: SimulatedScanner = { scanner: 'us', host: 'uk', gs: 'ascii-29', noKey: 'alt-code' };
    scan(TEST_SYMBOL_RAW, scanner);
    await screen.findByText('Waiting for the scan of the second test symbol…', {}, LEARNED);
    scan(TEST_CODE128_RAW, scanner);
    await screen.findByRole('heading', { name: 'Try a scan' }, LEARNED);
    const user = userEvent.setup({ delay: 150 });
    await user.click(screen.getByRole('button', { name: 'Forget this scanner’s settings' }));
    expect(loadScannerProfile(deviceId())).toBeNull();
    expect(screen.getByText('Waiting for the scan of the test symbol…')).toBeInTheDocument();
    within(screen.getByRole('region', { name: 'Set up scanner' })).getByRole('button', { name: 'Done' }).focus();
    await user.keyboard('{Enter}');
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
