import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import type { HttpClient } from '../api/http.js';

const healthSchema = z.object({ ok: z.literal(true) });

/** Poll period while the server cannot be reached. */
export const RECONNECT_POLL_MS = 1000;

export interface Connectivity {
  online: boolean;
  /** Called by whoever saw a request fail to reach the server. */
  reportOffline: () => void;
}

/**
 * Whether the ward server answers. A failed request flips it offline; a
 * health poll flips it back, which is what starts the queue draining.
 */
export function useConnectivity(http: HttpClient): Connectivity {
  const [online, setOnline] = useState(true);
  const reportOffline = useCallback(() => setOnline(false), []);

  useEffect(() => {
    if (online) return;
    let stopped = false;
    const check = async () => {
      try {
        await http.get('/api/health', healthSchema);
        if (!stopped) setOnline(true);
      } catch {
        // still unreachable: the next tick tries again
      }
    };
    const timer = setInterval(() => void check(), RECONNECT_POLL_MS);
    const onBrowserOnline = () => void check();
    window.addEventListener('online', onBrowserOnline);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('online', onBrowserOnline);
    };
  }, [online, http]);

  useEffect(() => {
    const onBrowserOffline = () => setOnline(false);
    window.addEventListener('offline', onBrowserOffline);
    return () => window.removeEventListener('offline', onBrowserOffline);
  }, []);

  return { online, reportOffline };
}
