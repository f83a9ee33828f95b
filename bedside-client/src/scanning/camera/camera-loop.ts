/*
 * The continuous scan: take the video's current frame, decode it, repeat.
 * One decode at a time (a frame that arrives meanwhile is skipped, never
 * queued), so a slow handheld reads fewer frames rather than falling behind.
 */
import type { FrameDecode } from './frame-decoder.js';

/** At most ~12 decodes a second: enough to feel instant, light on a handheld's battery and CPU. */
export const SCAN_INTERVAL_MS = 80;
/** However long a decode took, the page gets this long to itself before the next. */
const MIN_IDLE_MS = 15;

/**
 * Decodes `video`'s frames with `decode` until the returned function is
 * called, passing each raw string read to `onRead`.
 */
export function startDecodeLoop(video: HTMLVideoElement, decode: FrameDecode, onRead: (raw: string) => void, intervalMs = SCAN_INTERVAL_MS): () => void {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const frame = (): ImageData | null => {
    const { videoWidth: width, videoHeight: height } = video;
    if (!context || width === 0 || height === 0 || video.readyState < video.HAVE_CURRENT_DATA) return null;
    if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
    context.drawImage(video, 0, 0, width, height);
    return context.getImageData(0, 0, width, height);
  };

  const tick = async () => {
    const started = performance.now();
    const image = frame();
    const raw = image ? await decode(image).catch(() => null) : null;
    if (stopped) return;
    if (raw !== null) onRead(raw);
    timer = setTimeout(() => void tick(), Math.max(MIN_IDLE_MS, intervalMs - (performance.now() - started)));
  };
  timer = setTimeout(() => void tick(), 0);

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * The camera sees the same symbol on every frame while it is held in view:
 * only a new symbol, or the same one after a pause, counts as a new scan.
 */
export function createRepeatFilter(windowMs = 2500) {
  let last: { raw: string; at: number } | null = null;
  return (raw: string, now: number): boolean => {
    const repeat = last !== null && last.raw === raw && now - last.at < windowMs;
    last = { raw, at: now };
    return !repeat;
  };
}
