import { parseScannerProfile, type ScannerProfile } from './scanner-profile.js';

/*
 * The learned profile lives on the handheld, keyed by its device id
 * (device.ts): it describes the scanner paired with this device, and must
 * survive reloads and sign-outs.
 */
const KEY_PREFIX = 'wardscan.scannerProfile.';
/** Fired on the window when the profile changes, so listening screens read it again. */
export const PROFILE_CHANGED = 'wardscan:scanner-profile';

export function loadScannerProfile(deviceId: string, storage: Storage = localStorage): ScannerProfile | null {
  try {
    return parseScannerProfile(JSON.parse(storage.getItem(KEY_PREFIX + deviceId) ?? 'null'));
  } catch {
    return null;
  }
}

export function saveScannerProfile(deviceId: string, profile: ScannerProfile | null, storage: Storage = localStorage): void {
  if (profile) storage.setItem(KEY_PREFIX + deviceId, JSON.stringify(profile));
  else storage.removeItem(KEY_PREFIX + deviceId);
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(PROFILE_CHANGED));
}
