import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { deviceTimeZone, otherZone } from '../ui/format.js';

/*
 * The ward's time zone for the nurse's screens (issue 12). The server names
 * it with the round and the chart; the panels that show a time without
 * either (a verdict's "the 22:00 dose", "given at 08:05") read the zone last
 * named. Until one is, times are the handheld's, as they were.
 */
interface WardClock {
  readonly timeZone: string | undefined;
  readonly learn: (timeZone: string) => void;
}

const WardClockContext = createContext<WardClock>({ timeZone: undefined, learn: () => undefined });

export function WardClockProvider({ children }: { children: ReactNode }) {
  const [timeZone, setTimeZone] = useState<string | undefined>(undefined);
  const learn = useCallback((zone: string) => setTimeZone(zone), []);
  const value = useMemo(() => ({ timeZone, learn }), [timeZone, learn]);
  return <WardClockContext.Provider value={value}>{children}</WardClockContext.Provider>;
}

/** The ward's zone, as last named by the server; undefined until then. */
export function useWardTimeZone(): string | undefined {
  return useContext(WardClockContext).timeZone;
}

/** Passes on the zone a round or chart named, for the panels that show times without one. */
export function useLearnWardZone(timeZone: string | undefined): void {
  const { learn } = useContext(WardClockContext);
  useEffect(() => {
    if (timeZone) learn(timeZone);
  }, [timeZone, learn]);
}

/** Says so when the handheld's clock is set to another zone than the ward's: every time shown then names its zone. */
export function WardZoneNotice({ timeZone }: { timeZone: string }) {
  const ward = otherZone(timeZone);
  if (!ward) return null;
  return (
    <p className="hint" role="note">
      Times are the ward’s ({ward}). This handheld is set to {deviceTimeZone()}: tell IT.
    </p>
  );
}
