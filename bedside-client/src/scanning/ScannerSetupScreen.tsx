import { useEffect, useId, useRef, useState } from 'react';
import { interpretScan, type ScanSource } from '@wardscan/shared';
import { deviceId } from '../device.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { describeRaw, interpretOptions } from './describe-raw.js';
import { markListening } from './hid-listener.js';
import { learnScannerProfile, type Finding } from './learn-scanner-profile.js';
import { adviceFor, overallSeverity, visibleText, type Advice } from './scanner-advice.js';
import type { RecordedKey } from './scanner-keys.js';
import { loadScannerProfile, saveScannerProfile } from './scanner-profile-store.js';
import { TEST_SYMBOL_HRI, TEST_SYMBOL_RAW } from './test-symbol.js';
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

type Outcome = { ok: true; findings: Finding[] } | { ok: false; findings: Finding[] };

/**
 * Scanner set-up: the handheld learns how its scanner sends a known GS1
 * symbol (layout, GS, prefix, suffix, AIM identifier), keeps that for this
 * device, and says what to change on the scanner where it cannot cope.
 */
export function ScannerSetupScreen({ onClose }: { onClose: () => void }) {
  const { config } = useServices();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [hasProfile, setHasProfile] = useState(() => loadScannerProfile(deviceId()) !== null);
  const learning = outcome === null || !outcome.ok;

  useKeyCapture(learning, (events) => {
    const result = learnScannerProfile(events, { expected: TEST_SYMBOL_RAW, maxKeyGapMs: config.scannerMaxKeyGapMs, now: new Date() });
    if (result.ok) {
      saveScannerProfile(deviceId(), result.profile);
      setHasProfile(true);
    }
    setOutcome(result);
  });

  const forget = () => {
    saveScannerProfile(deviceId(), null);
    setHasProfile(false);
    setOutcome(null);
  };

  return (
    <section className="screen" aria-labelledby="scanner-setup-heading">
      <h2 id="scanner-setup-heading">Set up scanner</h2>
      {learning ? (
        <>
          <p>Scan this test symbol with the scanner you use with this handheld. Wardscan learns how the scanner sends it.</p>
          <figure className="test-symbol">
            <img src={symbolUrl} width={224} height={224} alt="Test symbol: a GS1 DataMatrix" />
            <figcaption>{TEST_SYMBOL_HRI}</figcaption>
          </figure>
          {outcome && !outcome.ok ? <AdviceList findings={outcome.findings} alert /> : null}
          <p role="status">Waiting for the scan of the test symbol…</p>
        </>
      ) : (
        <>
          <SetupResult findings={outcome.findings} />
          <TryScan />
        </>
      )}
      <div className="row setup-actions">
        {!learning ? (
          <button type="button" onClick={() => setOutcome(null)}>
            Scan the test symbol again
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

function SetupResult({ findings }: { findings: Finding[] }) {
  const severity = overallSeverity(findings);
  return (
    <div className="card" role="status">
      <h3>{severity === 'must' ? 'Change the scanner’s settings' : 'Your scanner is set up'}</h3>
      <p>
        {severity === 'must'
          ? 'Scans from this scanner will be misread until you change the settings below. Then scan the test symbol again.'
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
  const isTestSymbol = last !== null && (last.raw === TEST_SYMBOL_RAW || last.raw === TEST_SYMBOL_RAW.slice(3));
  const reading = last ? interpretScan(last.raw, interpretOptions(config)) : null;
  return (
    <div className="card">
      <h3>Try a scan</h3>
      <p>Scan a pack, a wristband or the test symbol: Wardscan shows what it reads.</p>
      {last && reading ? (
        <div role="status">
          <p>
            Read{last.source === 'keyboard' ? ' (as typing, not as a scan)' : ''}: <code className="scan-raw">{visibleText(last.raw)}</code>
          </p>
          {isTestSymbol ? <p>This is the test symbol, read correctly.</p> : null}
          {reading.ok ? <p>{describeRaw(last.raw, config)}</p> : <ErrorBox quiet>{reading.error.message}</ErrorBox>}
        </div>
      ) : (
        <p className="hint" role="status">
          Waiting for a scan…
        </p>
      )}
    </div>
  );
}
