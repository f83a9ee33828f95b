import { useEffect, useMemo, useRef, useState } from 'react';
import type { AccountLockedEvent, Role, StaffMember } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { formatTime } from '../ui/format.js';
import { connectAccountLocks, fetchStaff, fetchWardNames, type LockFeedStatus } from './accounts.resource.js';
import { StaffActions } from './StaffActions.js';

export const ROLE_WORDS: Record<Role, string> = { nurse: 'Nurse', pharmacist: 'Pharmacist', 'ward-manager': 'Ward manager', admin: 'Admin' };
const FEED_WORDS: Record<LockFeedStatus, string> = { connecting: 'Connecting…', live: '● Live', disconnected: '○ Not connected – reconnecting' };
const NOTICE_LIMIT = 20;

/** Whether a lock still holds at `now` (a lock runs out by itself). */
export const isLocked = (member: Pick<StaffMember, 'lockedUntil'>, now: number): boolean => member.lockedUntil !== null && Date.parse(member.lockedUntil) > now;

/** The time, re-read every `everyMs`, so a lock that runs out while the screen is open stops being shown. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Admin (issue 16): every member of staff with their role, ward and state,
 * and the account actions the server offers: deactivate or reactivate, a
 * new password or PIN (either lifts a sign-in lock), and ending every
 * session. An account locked by failed sign-ins is announced as it happens.
 */
export function StaffAccountsScreen() {
  const { http, user, origin, token } = useServices();
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [wardNames, setWardNames] = useState<Map<string, string>>(new Map());
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [notices, setNotices] = useState<AccountLockedEvent[]>([]);
  const [feed, setFeed] = useState<LockFeedStatus>('connecting');
  const [reloadKey, setReloadKey] = useState(0);
  const now = useNow(30_000);
  const staffRef = useRef(staff);
  staffRef.current = staff;

  useEffect(() => {
    let live = true;
    fetchStaff(http)
      .then((list) => {
        if (!live) return;
        setStaff(list);
        setLoadError(null);
      })
      .catch((error: unknown) => {
        if (live) setLoadError(errorMessage(error));
      });
    return () => {
      live = false;
    };
  }, [http, reloadKey]);

  useEffect(() => {
    // Ward names are a nicety: without them the ward's id is shown.
    fetchWardNames(http)
      .then((wards) => setWardNames(new Map(wards.map((ward) => [ward.id, ward.name]))))
      .catch(() => undefined);
  }, [http]);

  useEffect(
    () =>
      connectAccountLocks(
        origin,
        token,
        (event) => {
          setNotices((list) => [event, ...list].slice(0, NOTICE_LIMIT));
          // Someone added since the list was read: read it again.
          if (!staffRef.current?.some((member) => member.id === event.staffId)) setReloadKey((key) => key + 1);
          else setStaff((list) => list?.map((member) => (member.id === event.staffId ? { ...member, lockedUntil: event.lockedUntil } : member)) ?? list);
        },
        setFeed,
      ),
    [origin, token],
  );

  const shown = useMemo(() => {
    const words = query.trim().toLowerCase();
    const sorted = [...(staff ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    return words ? sorted.filter((member) => `${member.name} ${member.username}`.toLowerCase().includes(words)) : sorted;
  }, [staff, query]);

  const replace = (updated: StaffMember) => setStaff((list) => list?.map((member) => (member.id === updated.id ? updated : member)) ?? list);

  const manage = (staffId: string) => {
    setQuery('');
    setOpenId(staffId);
    // After the list re-renders with the card open.
    setTimeout(() => document.getElementById(`staff-${staffId}`)?.scrollIntoView?.({ block: 'start' }), 0);
  };

  return (
    <div className="screen">
      <h1 style={{ fontSize: 24, margin: '4px 0' }}>Staff accounts</h1>
      <section className="card" aria-labelledby="locks-heading">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h2 id="locks-heading" style={{ fontSize: 20, margin: 0 }}>
            Locked accounts
          </h2>
          <span role="status">{FEED_WORDS[feed]}</span>
        </div>
        <div aria-live="polite">
          {notices.length === 0 ? (
            <p style={{ marginBottom: 0 }}>No account has been locked since this screen opened.</p>
          ) : (
            <ul className="feed" aria-label="Accounts locked since this screen opened">
              {notices.map((event) => (
                <li key={`${event.staffId}-${event.at}`} className="stop">
                  <strong>
                    {event.name}’s account is locked until {formatTime(event.lockedUntil)}
                  </strong>
                  <div className="hint">
                    {formatTime(event.at)} · {event.failures} failed sign-ins in a row
                    {event.wardId ? ` · ${wardNames.get(event.wardId) ?? event.wardId}` : ''}
                  </div>
                  <button type="button" style={{ marginTop: 4 }} onClick={() => manage(event.staffId)}>
                    Manage <span className="visually-hidden">{event.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>

      <label htmlFor="staff-find">Find a member of staff</label>
      <input id="staff-find" type="search" value={query} autoComplete="off" placeholder="Name or username" onChange={(e) => setQuery(e.target.value)} />

      {loadError ? (
        <ErrorBox>
          Staff could not be loaded: {loadError}{' '}
          <button type="button" onClick={() => setReloadKey((key) => key + 1)}>
            Try again
          </button>
        </ErrorBox>
      ) : null}
      {staff === null ? (
        loadError ? null : <p role="status">Loading staff…</p>
      ) : shown.length === 0 ? (
        <p>{query ? 'Nobody matches.' : 'No staff yet.'}</p>
      ) : (
        <ul aria-label="Staff" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {shown.map((member) => (
            <li key={member.id} id={`staff-${member.id}`} className="card" aria-labelledby={`staff-${member.id}-name`}>
              <StaffSummary member={member} wardName={member.wardId ? (wardNames.get(member.wardId) ?? member.wardId) : null} you={member.id === user.id} />
              <StaffActions
                tags={<StateTags member={member} locked={isLocked(member, now)} />}
                member={member}
                you={member.id === user.id}
                locked={isLocked(member, now)}
                open={openId === member.id}
                onToggle={() => setOpenId((id) => (id === member.id ? null : member.id))}
                onChanged={replace}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StaffSummary({ member, wardName, you }: { member: StaffMember; wardName: string | null; you: boolean }) {
  return (
    <>
      <h3 id={`staff-${member.id}-name`} style={{ fontSize: 18, margin: 0, overflowWrap: 'anywhere' }}>
        {member.name}
        {you ? ' (you)' : ''}
      </h3>
      <p style={{ margin: '2px 0', overflowWrap: 'anywhere' }}>
        {ROLE_WORDS[member.role]} · {wardName ?? 'no ward'} · <span className="hint">{member.username}</span>
      </p>
    </>
  );
}

/** Active or deactivated, and locked while a lock holds: in words, not colour alone. */
function StateTags({ member, locked }: { member: StaffMember; locked: boolean }) {
  return (
    <span className="row" style={{ gap: 6, flex: 1 }}>
      <span className={`outcome-tag ${member.active ? 'match' : 'stop'}`}>{member.active ? 'Active' : 'Deactivated'}</span>
      {locked && member.lockedUntil ? <span className="outcome-tag warning">Locked until {formatTime(member.lockedUntil)}</span> : null}
    </span>
  );
}
