import { BrowserMultiFormatReader } from '@zxing/browser';
import { BarcodeFormat, DecodeHintType } from '@zxing/library';

/** The symbologies a ward meets: GS1 DataMatrix packs and wristbands, GS1-128, EAN-13, Code 128, QR, Codabar (UK blood). */
export const CAMERA_FORMATS = [
  BarcodeFormat.DATA_MATRIX,
  BarcodeFormat.CODE_128,
  BarcodeFormat.EAN_13,
  BarcodeFormat.QR_CODE,
  BarcodeFormat.CODABAR,
] as const;

export function cameraHints(): Map<DecodeHintType, unknown> {
  const hints = new Map<DecodeHintType, unknown>();
  hints.set(DecodeHintType.POSSIBLE_FORMATS, [...CAMERA_FORMATS]);
  // Code 128 then reports a leading FNC1 as "]C1" and later FNC1s as GS.
  hints.set(DecodeHintType.ASSUME_GS1, true);
  return hints;
}

/** ~12 decodes a second: enough to feel instant, light on a handheld's battery and CPU. */
export const SCAN_INTERVAL_MS = 80;

export function createCameraReader(): BrowserMultiFormatReader {
  return new BrowserMultiFormatReader(cameraHints(), {
    delayBetweenScanAttempts: SCAN_INTERVAL_MS,
    delayBetweenScanSuccess: 500,
  });
}

/**
 * The raw string sent to the server for a camera decode: zxing's text with
 * the AIM symbology identifier the server would get from a scanner, so the
 * server learns whether the symbol was GS1.
 *
 * zxing-js returns a GS1 DataMatrix's leading FNC1 as GS (ASCII 29); for
 * Code 128 with ASSUME_GS1 it already prefixes "]C1". It gives no symbology
 * modifier for QR, so QR is sent as the plain variant "]Q1".
 */
export function cameraRaw(format: BarcodeFormat, text: string): string {
  switch (format) {
    case BarcodeFormat.DATA_MATRIX:
      return text.startsWith('\u001d') ? `]d2${text.slice(1)}` : `]d1${text}`;
    case BarcodeFormat.CODE_128:
      return text.startsWith(']C1') ? text : `]C0${text}`;
    case BarcodeFormat.EAN_13:
      return `]E0${text}`;
    case BarcodeFormat.QR_CODE:
      return `]Q1${text}`;
    case BarcodeFormat.CODABAR:
      return `]F0${text}`;
    default:
      // Not in CAMERA_FORMATS: pass the text on and let the server say it cannot read it.
      return text;
  }
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
