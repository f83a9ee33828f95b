import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-error.js';
import type { HttpClient } from '../api/http.js';
import { useServices } from '../services.js';

/**
 * One kind of ward settings: how to load and store them, the form's draft of
 * what is in force, and the form key a server-blamed request field belongs to.
 * Keep it a module constant: the form reloads when it changes.
 */
export interface SettingsKind<View, Draft, Input, Key extends string> {
  readonly load: (http: HttpClient, wardId: string) => Promise<View>;
  readonly store: (http: HttpClient, wardId: string, input: Input) => Promise<View>;
  readonly draftOf: (view: View) => Draft;
  readonly keyOfField: (field: string) => Key | null;
}

export type KeyErrors<Key extends string> = Partial<Record<Key, string>>;

/** The key a server error blames, when it is one of ours; its message without the "field: " prefix the server adds. */
function blamed<Key extends string>(error: unknown, keyOfField: (field: string) => Key | null): { key: Key; message: string } | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const key = keyOfField(error.field);
  if (!key) return null;
  const prefix = `${error.field}: `;
  return { key, message: error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message };
}

/**
 * A ward settings form's state: the settings in force (`view`), the form's
 * `draft` of them, refusals beside their fields (`errors`), any other failure
 * (`error`), the last outcome in words (`done`) and whether a save is under way.
 * `save` stores, then shows what the server kept; a refusal that names one of
 * the form's fields goes beside it. A change of ward drops the last ward's
 * draft, so it can never be saved to the new one.
 */
export function useSettingsForm<View, Draft, Input, Key extends string>(kind: SettingsKind<View, Draft, Input, Key>, wardId: string | null, onSaved?: () => void) {
  const { http } = useServices();
  const [view, setView] = useState<View | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<KeyErrors<Key>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!wardId) return;
    let current = true;
    setView(null);
    setDraft(null);
    setErrors({});
    setDone(null);
    kind
      .load(http, wardId)
      .then((result) => current && (setView(result), setDraft(kind.draftOf(result)), setError(null)))
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [http, wardId, kind]);

  async function save(input: Input, message: string) {
    if (!wardId) return;
    setBusy(true);
    setDone(null);
    setError(null);
    setErrors({});
    try {
      const saved = await kind.store(http, wardId, input);
      setView(saved);
      setDraft(kind.draftOf(saved));
      setDone(message);
      onSaved?.();
    } catch (caught) {
      const refusal = blamed(caught, kind.keyOfField);
      if (refusal) setErrors({ [refusal.key]: refusal.message } as KeyErrors<Key>);
      else setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return { view, draft, setDraft, errors, setErrors, error, done, setDone, busy, save };
}
