import type { HttpClient } from '../api/http.js';

/** A patient's DCB1077 wristband, for reprinting a worn band (the server audits each reprint). */
export const wristbandPdfPath = (patientId: string): string => `/api/patients/${encodeURIComponent(patientId)}/wristband.pdf`;

/** The demo ward's barcodes, for trying Wardscan with a real camera or scanner. */
export const DEMO_LABELS_PATH = '/api/labels/demo-ward.pdf';

/**
 * Fetches a PDF with the session's token and returns a local URL for it: a
 * plain link could not carry the Authorization header.
 */
export async function fetchPdfUrl(http: HttpClient, path: string): Promise<string> {
  const blob = await http.blob(path);
  return URL.createObjectURL(blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' }));
}
