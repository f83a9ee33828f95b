/*
 * The camera's fallback decoder, for a browser without WebAssembly:
 * @zxing/library (zxing-js) with the hints the camera has always used, and
 * its Code 128 start-pattern search fixed (code128-start-pattern.ts).
 */
import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import { withFixedCode128 } from './code128-start-pattern.js';

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

/** Grey levels of an RGBA frame, BT.601-weighted as @zxing/browser's canvas source (and zxing-wasm) weigh them. */
export function luminance(image: ImageData): Uint8ClampedArray {
  const { data } = image;
  const out = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0; i < out.length; i += 1) {
    const r = data[i * 4] ?? 0;
    const g = data[i * 4 + 1] ?? 0;
    const b = data[i * 4 + 2] ?? 0;
    out[i] = (306 * r + 601 * g + 117 * b + 0x200) >> 10;
  }
  return out;
}

/** A frame → raw string decoder on zxing-js; null when nothing is read. */
export function createZxingJsDecoder(): (image: ImageData) => string | null {
  const reader = new MultiFormatReader();
  reader.setHints(cameraHints());
  withFixedCode128(reader);
  return (image) => {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance(image), image.width, image.height)));
    try {
      const result = reader.decodeWithState(bitmap);
      return cameraRaw(result.getBarcodeFormat(), result.getText());
    } catch {
      // zxing-js throws NotFoundException (and checksum/format errors) for "no symbol read".
      return null;
    } finally {
      reader.reset();
    }
  };
}
