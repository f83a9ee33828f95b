import { useEffect, useRef, useState } from 'react';
import type { ScanSource } from '@wardscan/shared';
import { deviceId } from '../device.js';
import { listenForHidScans, type HidSettings } from './hid-listener.js';
import type { ScannerProfile } from './scanner-profile.js';
import { loadScannerProfile, PROFILE_CHANGED } from './scanner-profile-store.js';

/** This handheld's learned scanner profile, read again whenever the set-up page saves a new one. */
export function useScannerProfile(): ScannerProfile | null {
  const [profile, setProfile] = useState(() => loadScannerProfile(deviceId()));
  useEffect(() => {
    const reload = () => setProfile(loadScannerProfile(deviceId()));
    window.addEventListener(PROFILE_CHANGED, reload);
    return () => window.removeEventListener(PROFILE_CHANGED, reload);
  }, []);
  return profile;
}

/** The HID scanner, listening whatever has focus, for as long as the calling screen is shown. */
export function useHidScanner(onScan: (raw: string, source: ScanSource) => void, settings: Omit<HidSettings, 'profile'>): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  const profile = useScannerProfile();
  const { scannerMaxKeyGapMs, gsSubstitutes } = settings;
  const substitutes = gsSubstitutes.join('');
  useEffect(
    () => listenForHidScans(window, { scannerMaxKeyGapMs, gsSubstitutes: [...substitutes], profile }, (raw, source) => latest.current(raw, source)),
    [scannerMaxKeyGapMs, substitutes, profile],
  );
}
