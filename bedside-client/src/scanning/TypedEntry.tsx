import { useState, type FormEvent } from 'react';
import { LIMITS } from '@wardscan/shared';

/** Only shown where the trust allows typed identifiers; whatever is sent here is recorded as typed. */
export function TypedEntry({ onSubmit }: { onSubmit: (raw: string) => void }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() === '') return;
    onSubmit(value.trim());
    setValue('');
  };
  return (
    <form onSubmit={submit} className="card" aria-label="Type an identifier">
      <label htmlFor="typed-id">Type an identifier (recorded as typed, not scanned)</label>
      <div className="row">
        <input id="typed-id" value={value} maxLength={LIMITS.rawScanMaxLength} onChange={(e) => setValue(e.target.value)} style={{ flex: 1, width: 'auto' }} />
        <button type="submit">Send typed</button>
      </div>
    </form>
  );
}
