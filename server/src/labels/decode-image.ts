import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import type { GrayImage } from './rasterise-pdf.js';

/**
 * Decodes the barcode in a grey image with @zxing/library, as the camera would. Test and
 * tooling use only: the bedside client decodes frames in the browser.
 */
export function decodeImage(image: GrayImage): { text: string; format: BarcodeFormat } {
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.DATA_MATRIX, BarcodeFormat.CODE_128, BarcodeFormat.EAN_13]],
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.ASSUME_GS1, true],
  ]);
  const luminance = new Uint8ClampedArray(image.pixels.buffer, image.pixels.byteOffset, image.pixels.length);
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, image.width, image.height)));
  const result = reader.decode(bitmap, hints);
  // With ASSUME_GS1, zxing marks GS1 symbols itself (a leading GS, or ']C1' for GS1-128).
  return { text: result.getText(), format: result.getBarcodeFormat() };
}
