import type { ReactNode } from 'react';

/**
 * A failure the person must read: announced at once by screen readers (role
 * alert). `quiet` is for a box inside an element that is already role alert,
 * which announces it itself: same look, no second alert.
 */
export function ErrorBox({ children, quiet = false }: { children: ReactNode; quiet?: boolean }) {
  return (
    <p className="error-box" role={quiet ? undefined : 'alert'}>
      {children}
    </p>
  );
}
