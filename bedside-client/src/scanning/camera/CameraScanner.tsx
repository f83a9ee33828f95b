import { useEffect, useRef, useState } from 'react';
import { createRepeatFilter, startDecodeLoop } from './camera-loop.js';
import { createFrameDecoder, type FrameDecoder } from './frame-decoder.js';

type CameraState =
  | { status: 'starting' }
  | { status: 'running'; torch: 'unsupported' | 'off' | 'on'; decoder: FrameDecoder['engine'] }
  | { status: 'paused' }
  | { status: 'unavailable'; message: string };

interface Props {
  onScan: (raw: string) => void;
}

/** The torch is a constraint of the video track, offered on phones with a flash (Chromium on Android). */
type TorchCapable = MediaTrackCapabilities & { torch?: boolean };

/** The rear camera, decoding continuously, with an aiming frame and a torch where the device has one. */
export function CameraScanner({ onScan }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const track = useRef<MediaStreamTrack | null>(null);
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
    let stream: MediaStream | null = null;
    let stopLoop: (() => void) | null = null;
    const accept = createRepeatFilter();
    // The decoder loads (fetches and compiles its WebAssembly) while the camera starts.
    const decoderReady = createFrameDecoder();
    (async () => {
      const opened = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      const element = video.current;
      if (cancelled || !element) {
        // Closed before the camera came on: turn it off again, or its light stays on.
        for (const t of opened.getTracks()) t.stop();
        return;
      }
      stream = opened;
      element.srcObject = stream;
      await element.play();
      const decoder = await decoderReady;
      if (cancelled) return;
      stopLoop = startDecodeLoop(element, decoder.decode, (raw) => {
        if (accept(raw, Date.now())) onScanRef.current(raw);
      });
      track.current = stream.getVideoTracks()[0] ?? null;
      const capabilities = track.current?.getCapabilities?.() as TorchCapable | undefined;
      setState({ status: 'running', torch: capabilities?.torch ? 'off' : 'unsupported', decoder: decoder.engine });
    })().catch((error: unknown) => {
      if (!cancelled) setState({ status: 'unavailable', message: cameraErrorMessage(error) });
    });
    return () => {
      cancelled = true;
      stopLoop?.();
      for (const t of stream?.getTracks() ?? []) t.stop();
      track.current = null;
    };
  }, [paused]);

  async function toggleTorch() {
    if (state.status !== 'running' || state.torch === 'unsupported' || !track.current) return;
    const next = state.torch === 'on' ? 'off' : 'on';
    const torch = { torch: next === 'on' } as MediaTrackConstraintSet;
    await track.current.applyConstraints({ advanced: [torch] }).catch(() => undefined);
    setState({ ...state, torch: next });
  }

  if (state.status === 'unavailable') {
    return (
      <p className="card" role="status">
        Camera unavailable: {state.message}
      </p>
    );
  }
  return (
    // data-decoder: which decoder is reading, for support (and the e2e test) to see.
    <section aria-label="Camera scanner" data-decoder={state.status === 'running' ? state.decoder : undefined}>
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
