import { useEffect, useRef } from 'react';
import type { ScanSource } from '@wardscan/shared';
import { listenForHidScans, type HidSettings } from './hid-listener.js';

/** The HID scanner, listening whatever has focus, for as long as the calling screen is shown. */
export function useHidScanner(onScan: (raw: string, source: ScanSource) => void, settings: HidSettings): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  const { scannerMaxKeyGapMs, gsSubstitutes } = settings;
  const substitutes = gsSubstitutes.join('');
  useEffect(
    () => listenForHidScans(window, { scannerMaxKeyGapMs, gsSubstitutes: [...substitutes] }, (raw, source) => latest.current(raw, source)),
    [scannerMaxKeyGapMs, substitutes],
  );
}
