import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { LIMITS, newPasswordSchema, newPinSchema, type StaffMember } from '@wardscan/shared';
import { ApiError, errorMessage } from '../api/api-error.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { Field } from '../ui/Field.js';
import { formatTime } from '../ui/format.js';
import { resetStaffPassword, resetStaffPin, revokeStaffSessions, setStaffActive } from './accounts.resource.js';

type Action = 'active' | 'password' | 'pin' | 'sessions';

const PASSWORD_MIN = newPasswordSchema.minLength ?? 12;
export const CANNOT_DEACTIVATE_SELF = 'You cannot deactivate your own account: ask another admin.';
const DANGER = { background: 'var(--red)', borderColor: 'var(--red)', color: 'var(--white)' };

/** A password an admin can read out: 16 letters and digits without look-alikes (0/o, 1/l/i), in groups of four. */
export function suggestPassword(random: (n: number) => Uint32Array = (n) => crypto.getRandomValues(new Uint32Array(n))): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const picks = Array.from(random(16), (value) => alphabet[value % alphabet.length]);
  return [0, 4, 8, 12].map((start) => picks.slice(start, start + 4).join('')).join('-');
}

interface Props {
  /** The account's state, shown on the Manage button's row. */
  tags: ReactNode;
  member: StaffMember;
  /** The signed-in admin's own account. */
  you: boolean;
  locked: boolean;
  open: boolean;
  onToggle: () => void;
  onChanged: (member: StaffMember) => void;
}

/**
 * One account's actions, behind "Manage": each asks first, says what will
 * happen, and shows the server's refusal right there.
 */
export function StaffActions({ tags, member, you, locked, open, onToggle, onChanged }: Props) {
  const { http } = useServices();
  const [action, setAction] = useState<Action | null>(null);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; beside: 'input' | 'action' } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const manageButton = useRef<HTMLButtonElement>(null);
  const confirmStart = useRef<HTMLElement | null>(null);
  const panelId = `staff-${member.id}-actions`;
  const name = member.name;

  useEffect(() => {
    if (action) confirmStart.current?.focus();
  }, [action]);

  useEffect(() => {
    if (!open) setAction(null);
  }, [open]);

  const choose = (next: Action | null) => {
    setAction(next);
    setValue(next === 'password' ? suggestPassword() : '');
    setError(null);
    setDone(null);
    if (!next) manageButton.current?.focus();
  };

  const check = (): string | null => {
    if (action === 'password' && !newPasswordSchema.safeParse(value).success) return `The new password needs at least ${PASSWORD_MIN} characters.`;
    if (action === 'pin') {
      if (!/^\d*$/.test(value)) return 'A PIN is digits only.';
      if (!newPinSchema.safeParse(value).success) return `The new PIN needs at least ${LIMITS.newPinMinLength} digits.`;
    }
    return null;
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!action) return;
    const problem = check();
    if (problem) {
      setError({ message: problem, beside: 'input' });
      confirmStart.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      let message: string;
      switch (action) {
        case 'active': {
          const updated = await setStaffActive(http, member.id, !member.active);
          onChanged(updated);
          message = updated.active ? `${name} is active again and can sign in.` : `${name} is deactivated and signed out of every handheld.`;
          break;
        }
        case 'password':
          onChanged(await resetStaffPassword(http, member.id, value));
          message = `${name}’s new password is set${locked ? ' and the lock is lifted' : ''}. Give it to them in person; they can change it under My account.`;
          break;
        case 'pin':
          onChanged(await resetStaffPin(http, member.id, value));
          message = `${name}’s new PIN is set${locked ? ' and the lock is lifted' : ''}. Give it to them in person; they can change it under My account.`;
          break;
        case 'sessions': {
          const { revoked } = await revokeStaffSessions(http, member.id);
          message =
            revoked === 0 ? `${name} had no open session.` : `${revoked === 1 ? '1 session' : `${revoked} sessions`} ended: ${name} is signed out of every handheld.`;
          break;
        }
      }
      setAction(null);
      setValue('');
      setDone(message);
      manageButton.current?.focus();
    } catch (caught) {
      const onInput = caught instanceof ApiError && (caught.field === 'password' || caught.field === 'pin');
      setError({ message: errorMessage(caught), beside: onInput ? 'input' : 'action' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="row" style={{ marginTop: 4 }}>
        {tags}
        <button ref={manageButton} type="button" aria-expanded={open} aria-controls={panelId} onClick={onToggle}>
          {open ? 'Close' : 'Manage'}
          {' '}<span className="visually-hidden">{name}</span>
        </button>
      </div>
      <p role="status" className={done ? 'announcement' : undefined} style={done ? undefined : { margin: 0 }}>
        {done ?? ''}
      </p>
      {open ? (
        <div id={panelId}>
          {locked && member.lockedUntil ? (
            <p className="hint">
              Too many failed sign-ins: locked until {formatTime(member.lockedUntil)}. A new password or PIN lifts the lock now; otherwise it runs
              out by itself.
            </p>
          ) : null}
          {action === null ? (
            <div className="row">
              {you && member.active ? null : (
                <button type="button" onClick={() => choose('active')}>
                  {member.active ? 'Deactivate' : 'Reactivate'}
                </button>
              )}
              <button type="button" onClick={() => choose('password')}>
                Set a new password
              </button>
              <button type="button" onClick={() => choose('pin')}>
                Set a new PIN
              </button>
              <button type="button" onClick={() => choose('sessions')}>
                End all sessions
              </button>
              {you && member.active ? <p className="hint" style={{ margin: 0 }}>{CANNOT_DEACTIVATE_SELF}</p> : null}
            </div>
          ) : (
            <form className="card" style={{ borderColor: 'var(--dark-blue)', borderWidth: 2 }} aria-labelledby={`${panelId}-question`} onSubmit={(event) => void confirm(event)} noValidate>
              <Confirmation
                action={action}
                member={member}
                you={you}
                value={value}
                onValue={setValue}
                inputError={error?.beside === 'input' ? error.message : undefined}
                questionId={`${panelId}-question`}
                startRef={confirmStart}
              />
              {error?.beside === 'action' ? <ErrorBox>{error.message}</ErrorBox> : null}
              <div className="row" style={{ marginTop: 8 }}>
                <button type="submit" disabled={busy} style={action === 'active' && member.active ? DANGER : undefined} className={action === 'active' && member.active ? undefined : 'primary'}>
                  {busy ? 'Working…' : CONFIRM_WORDS[action](member)}
                </button>
                <button type="button" disabled={busy} onClick={() => choose(null)}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </div>
      ) : null}
    </>
  );
}

const CONFIRM_WORDS: Record<Action, (member: StaffMember) => string> = {
  active: (member) => (member.active ? 'Yes, deactivate' : 'Yes, reactivate'),
  password: () => 'Set this password',
  pin: () => 'Set this PIN',
  sessions: () => 'Yes, end all sessions',
};

interface ConfirmationProps {
  action: Action;
  member: StaffMember;
  you: boolean;
  value: string;
  onValue: (value: string) => void;
  inputError: string | undefined;
  questionId: string;
  startRef: RefObject<HTMLElement | null>;
}

/** The question and what follows from the answer; for a new password or PIN, the field to type it in. */
function Confirmation({ action, member, you, value, onValue, inputError, questionId, startRef }: ConfirmationProps) {
  const name = member.name;
  const inputId = `${questionId}-value`;
  const question = (text: string) => (
    <p id={questionId} ref={action === 'active' || action === 'sessions' ? (startRef as RefObject<HTMLParagraphElement | null>) : undefined} tabIndex={-1} style={{ fontWeight: 'bold', margin: 0 }}>
      {text}
    </p>
  );
  switch (action) {
    case 'active':
      return member.active ? (
        <>
          {question(`Deactivate ${name}?`)}
          <p>They are signed out of every handheld at once and cannot sign in until an admin reactivates the account. Their records stay.</p>
        </>
      ) : (
        <>
          {question(`Reactivate ${name}?`)}
          <p>They can sign in again with their password and PIN. Any sign-in lock is lifted.</p>
        </>
      );
    case 'sessions':
      return (
        <>
          {question(`End all of ${name}’s sessions?`)}
          <p>
            {you
              ? 'You are signed out of every handheld, this one too. You can sign in again at once.'
              : 'They are signed out of every handheld now (a lost handheld, a shared password). They can sign in again at once.'}
          </p>
        </>
      );
    case 'password':
      return (
        <>
          {question(`A new password for ${name}`)}
          <Field id={inputId} label="New password" hint={`At least ${PASSWORD_MIN} characters. Wardscan suggests one; you can type your own. It replaces the old password and lifts any sign-in lock.`} error={inputError}>
            {(aria) => (
              <input
                ref={startRef as RefObject<HTMLInputElement | null>}
                id={inputId}
                type="text"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                value={value}
                maxLength={LIMITS.passwordMaxLength}
                onChange={(e) => onValue(e.target.value)}
                {...aria}
              />
            )}
          </Field>
          <button type="button" style={{ marginTop: 8 }} onClick={() => onValue(suggestPassword())}>
            Suggest another
          </button>
        </>
      );
    case 'pin':
      return (
        <>
          {question(`A new PIN for ${name}`)}
          <Field id={inputId} label="New PIN" hint={`${LIMITS.newPinMinLength} to ${LIMITS.pinMaxLength} digits, typed after scanning the badge. It replaces the old PIN and lifts any sign-in lock.`} error={inputError}>
            {(aria) => (
              <input
                ref={startRef as RefObject<HTMLInputElement | null>}
                id={inputId}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={value}
                maxLength={LIMITS.pinMaxLength}
                onChange={(e) => onValue(e.target.value)}
                {...aria}
              />
            )}
          </Field>
        </>
      );
  }
}
