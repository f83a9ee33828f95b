import { useEffect, useId, useRef, useState } from 'react';
import { interpretScan, type ScanSource } from '@wardscan/shared';
import { deviceId } from '../device.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { describeRaw, interpretOptions } from './describe-raw.js';
import { markListening } from './hid-listener.js';
import { learnFromBothTestSymbols, learnScannerProfile, type Finding, type LearnResult } from './learn-scanner-profile.js';
import { adviceFor, overallSeverity, visibleText, type Advice } from './scanner-advice.js';
import type { RecordedKey } from './scanner-keys.js';
import { loadScannerProfile, saveScannerProfile } from './scanner-profile-store.js';
import code128Url from './test-symbol-code128.svg?url';
import { TEST_CODE128_CHECKED, TEST_CODE128_RAW, TEST_CODE128_TEXT, TEST_SYMBOL_HRI, TEST_SYMBOL_RAW } from './test-symbol.js';
import symbolUrl from './test-symbol.svg?url';
import { useHidScanner } from './useHidScanner.js';

/** Silence that ends the test scan: generous, so a slow Bluetooth scanner's whole burst (and any second Enter) is seen. */
const CAPTURE_SILENCE_MS = 500;
/** Fewer keys than this is a person pressing Tab or Enter on the page, not a scan. */
const MIN_CAPTURE_KEYS = 8;

/**
 * Records every keydown, as the browser reports it, until the keys stop.
 * Keys of a burst are kept from the page; a person's Tab, Enter and Space
 * still work the page's buttons.
 */
function useKeyCapture(active: boolean, onCapture: (events: RecordedKey[]) => void): void {
  const latest = useRef(onCapture);
  latest.current = onCapture;
  useEffect(() => {
    if (!active) return undefined;
    let events: RecordedKey[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      const captured = events;
      events = [];
      if (captured.filter((e) => !['Shift', 'Control', 'Alt'].includes(e.key)).length >= MIN_CAPTURE_KEYS) latest.current(captured);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const { key, code, ctrlKey, altKey, shiftKey, metaKey, timeStamp } = event;
      const inBurst = events.length > 0 && timeStamp - events.at(-1)!.timeStamp < 100;
      if (inBurst || (key.length === 1 && key !== ' ') || ctrlKey || altKey || /^F[0-9]+$/.test(key)) event.preventDefault();
      events.push({ key, code, ctrlKey, altKey, shiftKey, metaKey, timeStamp });
      clearTimeout(timer);
      timer = setTimeout(finish, CAPTURE_SILENCE_MS);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    markListening(window, +1);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      markListening(window, -1);
    };
  }, [active]);
}

/**
 * Where the page is: waiting for the first symbol (GS1 DataMatrix); with
 * the first read (its profile kept already, so GS1 barcodes read right even
 * if the second is never scanned), waiting for the second (Code 128); or
 * done, with the profile both gave. `failed` is the last scan that did not
 * read as the symbol asked for.
 */
type Step =
  | { step: 'first'; failed: Finding[] | null }
  | { step: 'second'; first: RecordedKey[]; findings: Finding[]; failed: Finding[] | null }
  | { step: 'done'; findings: Finding[] };

const FIRST: Step = { step: 'first', failed: null };
const CHECKED = TEST_CODE128_CHECKED.join(' ');

/**
 * Scanner set-up: the handheld learns how its scanner sends two known
 * symbols (layout, GS, prefix, suffix, AIM identifier, and the characters
 * layouts swap), keeps that for this device, and says what to change on
 * the scanner where it cannot cope.
 */
export function ScannerSetupScreen({ onClose }: { onClose: () => void }) {
  const { config } = useServices();
  const [state, setState] = useState<Step>(FIRST);
  const [hasProfile, setHasProfile] = useState(() => loadScannerProfile(deviceId()) !== null);

  useKeyCapture(state.step !== 'done', (events) => {
    const options = { maxKeyGapMs: config.scannerMaxKeyGapMs, now: new Date() };
    const keep = (result: Extract<LearnResult, { ok: true }>) => {
      saveScannerProfile(deviceId(), result.profile);
      setHasProfile(true);
    };
    const first = () => {
      const result = learnScannerProfile(events, { ...options, expected: TEST_SYMBOL_RAW });
      if (result.ok) keep(result);
      return result;
    };
    if (state.step === 'first') {
      const result = first();
      setState(result.ok ? { step: 'second', first: events, findings: result.findings, failed: null } : { step: 'first', failed: result.findings });
    } else if (state.step === 'second') {
      const both = learnFromBothTestSymbols(state.first, events, { ...options, expected: [TEST_SYMBOL_RAW, TEST_CODE128_RAW] });
      if (both.ok) {
        keep(both);
        setState({ step: 'done', findings: both.findings });
        return;
      }
      // The first symbol scanned again (after a change on the scanner): start over from it.
      const again = first();
      setState(again.ok ? { step: 'second', first: events, findings: again.findings, failed: null } : { ...state, failed: both.findings });
    }
  });

  const forget = () => {
    saveScannerProfile(deviceId(), null);
    setHasProfile(false);
    setState(FIRST);
  };

  return (
    <section className="screen" aria-labelledby="scanner-setup-heading">
      <h2 id="scanner-setup-heading">Set up scanner</h2>
      {state.step === 'first' ? (
        <>
          <p>
            Scan this test symbol with the scanner you use with this handheld, then the second one the page shows next. Wardscan learns how the
            scanner sends them.
          </p>
          <figure className="test-symbol">
            <img src={symbolUrl} width={224} height={224} alt="Test symbol: a GS1 DataMatrix" />
            <figcaption>{TEST_SYMBOL_HRI}</figcaption>
          </figure>
          {state.failed ? <AdviceList findings={state.failed} alert /> : null}
          <p role="status">Waiting for the scan of the test symbol…</p>
        </>
      ) : state.step === 'second' ? (
        <>
          <h3>Then scan this one</h3>
          <p>
            The first test symbol has been read. This second one checks the characters {CHECKED}, which keyboard layouts swap and some scanners
            cannot type.
          </p>
          <figure className="test-symbol">
            <img
              src={code128Url}
              width={396}
              height={104}
              style={{ width: 'min(100%, 396px)', height: 'auto', maxHeight: 'none', maxWidth: '100%' }}
              alt="Second test symbol: a Code 128 barcode"
            />
            <figcaption>{TEST_CODE128_TEXT}</figcaption>
          </figure>
          {state.failed ? <AdviceList findings={state.failed} alert /> : null}
          <p role="status">Waiting for the scan of the second test symbol…</p>
          <p className="hint">
            If nothing arrives, the scanner may refuse barcodes with a character its keyboard layout has no key for (£): set its keyboard layout
            to this handheld’s, or turn on its “Alt mode”.
          </p>
          <SetupResult findings={state.findings} firstOnly />
        </>
      ) : (
        <>
          <SetupResult findings={state.findings} />
          <TryScan />
        </>
      )}
      <div className="row setup-actions">
        {state.step !== 'first' ? (
          <button type="button" onClick={() => setState(FIRST)}>
            Scan the test symbols again
          </button>
        ) : null}
        {hasProfile ? (
          <button type="button" onClick={forget}>
            Forget this scanner’s settings
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </section>
  );
}

/** What the scans so far showed; `firstOnly` while the second symbol is still to be scanned. */
function SetupResult({ findings, firstOnly = false }: { findings: Finding[]; firstOnly?: boolean }) {
  const severity = overallSeverity(findings);
  return (
    <div className="card" role="status">
      <h3>{severity === 'must' ? 'Change the scanner’s settings' : 'Your scanner is set up'}</h3>
      <p>
        {severity === 'must'
          ? 'Scans from this scanner will be misread until you change the settings below. Then scan the test symbols again.'
          : firstOnly
            ? `Wardscan reads GS1 barcodes from this scanner correctly on this handheld. Scan the second test symbol above to check ${CHECKED} too.`
            : severity === 'should'
              ? 'Wardscan reads this scanner correctly on this handheld. The changes below would make it read right everywhere.'
              : 'Wardscan reads this scanner correctly on this handheld.'}
      </p>
      <AdviceList findings={findings} />
    </div>
  );
}

function AdviceList({ findings, alert = false }: { findings: Finding[]; alert?: boolean }) {
  const advice = findings.map(adviceFor);
  const toChange = advice.filter((a) => a.severity !== 'ok');
  const fine = advice.filter((a) => a.severity === 'ok');
  const id = useId();
  return (
    <>
      {toChange.length > 0 ? (
        <>
          <h4 id={`${id}-change`}>What to change on the scanner</h4>
          <ul className="problems" aria-labelledby={`${id}-change`} role={alert ? 'alert' : undefined}>
            {toChange.map((a) => (
              <AdviceItem key={a.title} advice={a} />
            ))}
          </ul>
        </>
      ) : null}
      {fine.length > 0 ? (
        <>
          <h4 id={`${id}-sends`}>What the scanner sends</h4>
          <ul aria-labelledby={`${id}-sends`}>
            {fine.map((a) => (
              <li key={a.title}>{a.title}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function AdviceItem({ advice }: { advice: Advice }) {
  return (
    <li className={advice.severity === 'should' ? 'warning' : undefined}>
      <strong>{advice.severity === 'must' ? 'Must change: ' : 'Should change: '}</strong>
      {advice.title}
      {advice.fix ? <span className="fix"> Fix: {advice.fix}</span> : null}
    </li>
  );
}

/** With the profile applied, a scan shows exactly what Wardscan now reads. */
function TryScan() {
  const { config } = useServices();
  const [last, setLast] = useState<{ raw: string; source: ScanSource } | null>(null);
  useHidScanner((raw, source) => setLast({ raw, source }), config);
  const isTestSymbol = last !== null && [TEST_SYMBOL_RAW, TEST_CODE128_RAW].some((raw) => last.raw === raw || last.raw === raw.slice(3));
  const reading = last ? interpretScan(last.raw, interpretOptions(config)) : null;
  return (
    <div className="card">
      <h3>Try a scan</h3>
      <p>Scan a pack, a wristband or a test symbol: Wardscan shows what it reads.</p>
      {last && reading ? (
        <div role="status">
          <p>
            Read{last.source === 'keyboard' ? ' (as typing, not as a scan)' : ''}: <code className="scan-raw">{visibleText(last.raw)}</code>
          </p>
          {isTestSymbol ? <p>This is a test symbol, read correctly.</p> : null}
          {reading.ok ? <p>{describeRaw(last.raw, config)}</p> : isTestSymbol ? null : <ErrorBox quiet>{reading.error.message}</ErrorBox>}
        </div>
      ) : (
        <p className="hint" role="status">
          Waiting for a scan…
        </p>
      )}
    </div>
  );
}
