import type { ReactNode } from 'react';

/**
 * A table wider than a handheld scrolls sideways in its own region, not the
 * page; the region takes focus so a keyboard can scroll it, and its name says
 * that it scrolls.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={`${label} (scrolls sideways)`} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </div>
  );
}
