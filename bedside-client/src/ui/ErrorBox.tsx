import type { ReactNode } from 'react';

/** A failure the person must read: announced at once by screen readers (role alert). */
export function ErrorBox({ children }: { children: ReactNode }) {
  return (
    <p className="error-box" role="alert">
      {children}
    </p>
  );
}
