import type { ReactNode } from 'react';

interface Props {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (describedBy: { 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

/** A label, the control, and its error right beside it, tied together for screen readers. */
export function Field({ id, label, error, hint, children }: Props) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint" style={{ margin: '0 0 4px' }}>
          {hint}
        </p>
      ) : null}
      {children(ids ? { 'aria-describedby': ids, ...(error ? { 'aria-invalid': true } : {}) } : {})}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
