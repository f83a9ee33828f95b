import { useEffect, useRef, useState } from 'react';
import type { IScannerControls } from '@zxing/browser';
import { cameraRaw, createCameraReader, createRepeatFilter } from './zxing-reader.js';

type CameraState =
  | { status: 'starting' }
  | { status: 'running'; torch: 'unsupported' | 'off' | 'on' }
  | { status: 'paused' }
  | { status: 'unavailable'; message: string };

interface Props {
  onScan: (raw: string) => void;
}

/** The rear camera, decoding continuously, with an aiming frame and a torch where the device has one. */
export function CameraScanner({ onScan }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const controls = useRef<IScannerControls | null>(null);
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  const [state, setState] = useState<CameraState>({ status: 'starting' });
  const paused = state.status === 'paused';

  useEffect(() => {
    if (paused) return;
    // Browsers hide the camera from pages served over plain HTTP (other than localhost).
    if (window.isSecureContext === false) {
      setState({ status: 'unavailable', message: 'the camera needs the secure (https://) address of Wardscan. Ask IT for it, or use the scanner.' });
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({ status: 'unavailable', message: 'This device offers no camera to the app. Use the scanner.' });
      return;
    }
    let cancelled = false;
    const accept = createRepeatFilter();
    const reader = createCameraReader();
    reader
      .decodeFromConstraints({ video: { facingMode: 'environment' }, audio: false }, video.current ?? undefined, (result) => {
        if (!result) return;
        const raw = cameraRaw(result.getBarcodeFormat(), result.getText());
        if (accept(raw, Date.now())) onScanRef.current(raw);
      })
      .then((started) => {
        if (cancelled) return started.stop();
        controls.current = started;
        const capabilities = started.streamVideoCapabilitiesGet?.((track) => [track]) as { torch?: boolean } | undefined;
        setState({ status: 'running', torch: capabilities?.torch ? 'off' : 'unsupported' });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'unavailable', message: cameraErrorMessage(error) });
      });
    return () => {
      cancelled = true;
      controls.current?.stop();
      controls.current = null;
    };
  }, [paused]);

  async function toggleTorch() {
    if (state.status !== 'running' || state.torch === 'unsupported' || !controls.current?.switchTorch) return;
    const next = state.torch === 'on' ? 'off' : 'on';
    await controls.current.switchTorch(next === 'on').catch(() => undefined);
    setState({ status: 'running', torch: next });
  }

  if (state.status === 'unavailable') {
    return (
      <p className="card" role="status">
        Camera unavailable: {state.message}
      </p>
    );
  }
  return (
    <section aria-label="Camera scanner">
      <div className="camera">
        {paused ? null : <video ref={video} muted playsInline aria-label="Camera view" />}
        {paused ? <p style={{ color: '#fff', padding: 16 }}>Camera paused</p> : <div className="aim" aria-hidden="true" />}
        <div className="camera-bar">
          <button type="button" onClick={() => setState(paused ? { status: 'starting' } : { status: 'paused' })}>
            {paused ? 'Start camera' : 'Pause camera'}
          </button>
          {state.status === 'running' && state.torch !== 'unsupported' ? (
            <button type="button" aria-pressed={state.torch === 'on'} onClick={() => void toggleTorch()}>
              Torch {state.torch === 'on' ? 'on' : 'off'}
            </button>
          ) : null}
        </div>
      </div>
      <p className="hint" style={{ margin: '4px 0', textAlign: 'center' }}>
        {state.status === 'starting' ? 'Starting camera…' : 'Hold the barcode inside the frame.'}
      </p>
    </section>
  );
}

function cameraErrorMessage(error: unknown): string {
  // getUserMedia rejects with a DOMException, which is not an Error everywhere.
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'NotAllowedError') return 'camera permission was refused. Allow it in the browser settings, or use the scanner.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no rear camera found. Use the scanner.';
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : 'the camera could not start.';
}
