import type { AccountLockedEvent, WardAlert } from '@wardscan/shared';
import type { ServerConfig } from '../config.js';
import type { GroupCommit } from '../db/group-commit.js';
import type { Repositories } from '../repositories.js';

/** A patient's chart changed on a ward (for the round views). */
export interface WardChange {
  readonly wardId: string;
  readonly patientId: string;
}

/** What routes and socket handlers need: the stores, the settings, and a way to tell ward rooms. */
export interface AppDeps {
  readonly repos: Repositories;
  readonly config: ServerConfig;
  /** Emits committed alerts to their ward rooms, synchronously, before the caller answers. */
  readonly emitAlerts: (alerts: readonly WardAlert[]) => void;
  /** Closes the sockets of a session that was signed out (by its token hash). */
  readonly endSessionSockets: (tokenHash: string) => void;
  /** Tells the admins, and the managers of the account's ward, that an account was locked (after the lock is committed). */
  readonly tellAccountLocked: (event: AccountLockedEvent) => void;
  /** Tells the ward's round views that a patient's chart changed (after the change is committed). */
  readonly tellWardChanged: (change: WardChange) => void;
  /** Bedside writes: the transaction commits at once, the answer waits for the fsync it shares with others. */
  readonly durable: GroupCommit;
}
