import { useRef, useState, type FormEvent } from 'react';
import { LIMITS, newPasswordSchema, newPinSchema } from '@wardscan/shared';
import { ApiError, errorMessage } from '../api/api-error.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { Field } from '../ui/Field.js';
import { changeMyPassword, changeMyPin } from './accounts.resource.js';

const PASSWORD_MIN = newPasswordSchema.minLength ?? 12;

/**
 * "My account" for everyone signed in (issue 16): change your own password,
 * or the PIN you sign in with after scanning your badge. Both need your
 * current password; the other handhelds you are signed in on stay signed in.
 */
export function MyAccountScreen({ onClose }: { onClose: () => void }) {
  const { user } = useServices();
  return (
    <section className="screen" aria-labelledby="my-account-heading">
      <h2 id="my-account-heading" style={{ margin: '4px 0' }}>
        My account
      </h2>
      <p className="hint" style={{ margin: 0 }}>
        Signed in as {user.name}
      </p>
      <ChangeSecretForm kind="password" />
      <ChangeSecretForm kind="pin" />
      <div className="row setup-actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </section>
  );
}

type Kind = 'password' | 'pin';
type FieldName = 'current' | 'next' | 'repeat';
interface FormError {
  message: string;
  /** Shown beside this field; null: above the form's button. */
  field: FieldName | null;
}

const WORDS: Record<Kind, { heading: string; next: string; repeat: string; hint: string; button: string; done: string; unchanged: string }> = {
  password: {
    heading: 'Change my password',
    next: 'New password',
    repeat: 'New password again',
    hint: `At least ${PASSWORD_MIN} characters. A few words you will remember are easier to type than symbols.`,
    button: 'Change my password',
    done: 'Your password is changed. Use the new one next time you sign in with your username.',
    unchanged: 'the password was not changed',
  },
  pin: {
    heading: 'Change my PIN',
    next: 'New PIN',
    repeat: 'New PIN again',
    hint: `${LIMITS.newPinMinLength} to ${LIMITS.pinMaxLength} digits. You type it after scanning your badge.`,
    button: 'Change my PIN',
    done: 'Your PIN is changed. Use the new one next time you sign in with your badge.',
    unchanged: 'the PIN was not changed',
  },
};

/** What is wrong with the new secret before it is sent (the server checks the same rules). */
function checkNew(kind: Kind, next: string, repeat: string): FormError | null {
  if (kind === 'password') {
    if (!newPasswordSchema.safeParse(next).success) return { field: 'next', message: `The new password needs at least ${PASSWORD_MIN} characters.` };
  } else {
    if (!/^\d*$/.test(next)) return { field: 'next', message: 'A PIN is digits only.' };
    if (!newPinSchema.safeParse(next).success) return { field: 'next', message: `The new PIN needs at least ${LIMITS.newPinMinLength} digits.` };
  }
  if (next !== repeat) return { field: 'repeat', message: `The two new ${kind === 'pin' ? 'PINs' : 'passwords'} are not the same: ${WORDS[kind].unchanged}.` };
  return null;
}

/** The server names the request field it blames; put its words beside the matching input. */
function fieldOf(caught: unknown): FieldName | null {
  if (!(caught instanceof ApiError)) return null;
  if (caught.field === 'currentPassword') return 'current';
  if (caught.field === 'newPassword' || caught.field === 'newPin') return 'next';
  return null;
}

function ChangeSecretForm({ kind }: { kind: Kind }) {
  const { http } = useServices();
  const words = WORDS[kind];
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const inputs = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };
  const id = (name: FieldName) => `my-${kind}-${name}`;

  const fail = (problem: FormError) => {
    setError(problem);
    // The field's error is tied to it (aria-describedby): moving there reads both.
    if (problem.field) inputs[problem.field].current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (!current) return fail({ field: 'current', message: `Type your current password: ${words.unchanged}.` });
    const problem = checkNew(kind, next, repeat);
    if (problem) return fail(problem);
    setBusy(true);
    setError(null);
    try {
      if (kind === 'password') await changeMyPassword(http, { currentPassword: current, newPassword: next });
      else await changeMyPin(http, { currentPassword: current, newPin: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (caught) {
      fail({ field: fieldOf(caught), message: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (name: FieldName) => (error?.field === name ? error.message : undefined);
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setDone(false);
  };
  const pin = kind === 'pin';

  return (
    <section className="card" aria-labelledby={`my-${kind}-heading`}>
      <h3 id={`my-${kind}-heading`} style={{ fontSize: 20, margin: 0 }}>
        {words.heading}
      </h3>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field id={id('current')} label="Current password" error={fieldError('current')}>
          {(aria) => (
            <input
              ref={inputs.current}
              id={id('current')}
              type="password"
              autoComplete="current-password"
              value={current}
              maxLength={LIMITS.passwordMaxLength}
              onChange={(e) => edit(setCurrent)(e.target.value)}
              {...aria}
            />
          )}
        </Field>
        <Field id={id('next')} label={words.next} hint={words.hint} error={fieldError('next')}>
          {(aria) => (
            <input
              ref={inputs.next}
              id={id('next')}
              type="password"
              autoComplete={pin ? 'off' : 'new-password'}
              inputMode={pin ? 'numeric' : undefined}
              value={next}
              maxLength={pin ? LIMITS.pinMaxLength : LIMITS.passwordMaxLength}
              onChange={(e) => edit(setNext)(e.target.value)}
              {...aria}
            />
          )}
        </Field>
        <Field id={id('repeat')} label={words.repeat} error={fieldError('repeat')}>
          {(aria) => (
            <input
              ref={inputs.repeat}
              id={id('repeat')}
              type="password"
              autoComplete={pin ? 'off' : 'new-password'}
              inputMode={pin ? 'numeric' : undefined}
              value={repeat}
              maxLength={pin ? LIMITS.pinMaxLength : LIMITS.passwordMaxLength}
              onChange={(e) => edit(setRepeat)(e.target.value)}
              {...aria}
            />
          )}
        </Field>
        {error && !error.field ? <ErrorBox>{error.message}</ErrorBox> : null}
        <div className="row" style={{ marginTop: 12 }}>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Changing…' : words.button}
          </button>
        </div>
      </form>
      <p role="status" className={done ? 'announcement' : undefined} style={done ? undefined : { margin: 0 }}>
        {done ? words.done : ''}
      </p>
    </section>
  );
}
