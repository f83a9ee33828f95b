import type { Role, SessionUser } from '@wardscan/shared';
import type { Db } from '../db/database.js';

export interface StaffRecord {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly wardId: string | null;
  readonly badgeGsrn: string | null;
  readonly passwordHash: string;
  readonly pinHash: string | null;
  readonly active: boolean;
  readonly isDemo: boolean;
  /** Failed sign-ins since the last success (issue 16: per account, whatever the client's address). */
  readonly failedSignIns: number;
  /** ISO instant until which sign-in is refused, or null. */
  readonly lockedUntil: string | null;
}

interface StaffRow {
  id: string;
  username: string;
  name: string;
  role: Role;
  ward_id: string | null;
  badge_gsrn: string | null;
  password_hash: string;
  pin_hash: string | null;
  active: number;
  is_demo: number;
  failed_sign_ins: number;
  locked_until: string | null;
}

const toStaff = (r: StaffRow): StaffRecord => ({
  id: r.id,
  username: r.username,
  name: r.name,
  role: r.role,
  wardId: r.ward_id,
  badgeGsrn: r.badge_gsrn,
  passwordHash: r.password_hash,
  pinHash: r.pin_hash,
  active: r.active === 1,
  isDemo: r.is_demo === 1,
  failedSignIns: r.failed_sign_ins,
  lockedUntil: r.locked_until,
});

export const toSessionUser = (s: StaffRecord): SessionUser => ({
  id: s.id,
  name: s.name,
  role: s.role,
  wardId: s.wardId,
  badgeGsrn: s.badgeGsrn,
});

export type NewStaff = Omit<StaffRecord, 'active' | 'isDemo' | 'failedSignIns' | 'lockedUntil'> & { isDemo?: boolean };

export function createStaffRepository(db: Db) {
  const byId = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE id = ?');
  const byUsername = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE username = ?');
  const byBadge = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE badge_gsrn = ?');
  const setPasswordHash = db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?');
  const setPinHash = db.prepare('UPDATE staff SET pin_hash = ? WHERE id = ?');
  const countFailure = db.prepare<[string], number>('UPDATE staff SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? RETURNING failed_sign_ins').pluck();
  const lock = db.prepare('UPDATE staff SET locked_until = ? WHERE id = ?');
  const setActive = db.prepare('UPDATE staff SET active = ? WHERE id = ?');
  const clearFailures = db.prepare('UPDATE staff SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO staff (id, username, name, role, ward_id, badge_gsrn, password_hash, pin_hash, active, is_demo)
     VALUES (@id, @username, @name, @role, @wardId, @badgeGsrn, @passwordHash, @pinHash, 1, @isDemo)`,
  );
  return {
    byId: (id: string): StaffRecord | undefined => {
      const r = byId.get(id);
      return r && toStaff(r);
    },
    byUsername: (username: string): StaffRecord | undefined => {
      const r = byUsername.get(username);
      return r && toStaff(r);
    },
    byBadge: (gsrn: string): StaffRecord | undefined => {
      const r = byBadge.get(gsrn);
      return r && toStaff(r);
    },
    /** Replaces a password or PIN hash (a re-hash at today's cost, after the secret was just proved). */
    setSecretHash: (id: string, secret: 'password' | 'pin', hash: string): void => {
      (secret === 'password' ? setPasswordHash : setPinHash).run(hash, id);
    },
    /** Counts one more failed sign-in for the account; returns the consecutive failures so far. */
    countFailedSignIn: (id: string): number => countFailure.get(id) ?? 0,
    lockSignIn: (id: string, untilIso: string): void => {
      lock.run(untilIso, id);
    },
    /** A success (or an admin's reset) starts the count again and lifts any lock. */
    clearFailedSignIns: (id: string): void => {
      clearFailures.run(id);
    },
    setActive: (id: string, active: boolean): void => {
      setActive.run(active ? 1 : 0, id);
    },
    list: (): StaffRecord[] => (db.prepare('SELECT * FROM staff ORDER BY name').all() as StaffRow[]).map(toStaff),
    insert: (s: NewStaff): void => {
      insert.run({ ...s, isDemo: s.isDemo ? 1 : 0 });
    },
    /** Whether any admin account exists, active or not: the first-admin set-up is closed once one does. */
    hasAdmin: (): boolean => db.prepare("SELECT 1 FROM staff WHERE role = 'admin' LIMIT 1").get() !== undefined,
    demoSignIns: (): string[] => db.prepare('SELECT username FROM staff WHERE is_demo = 1 AND active = 1 ORDER BY username').pluck().all() as string[],
  };
}
export type StaffRepository = ReturnType<typeof createStaffRepository>;
