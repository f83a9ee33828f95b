import {
  accountLockedEventSchema,
  sessionsRevokedSchema,
  staffMemberSchema,
  wardListSchema,
  type AccountLockedEvent,
  type ClientToServerEvents,
  type PasswordChangeRequest,
  type PinChangeRequest,
  type ServerToClientEvents,
  type SessionsRevoked,
  type StaffMember,
  type Ward,
} from '@wardscan/shared';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import type { HttpClient } from '../api/http.js';

/*
 * Issue 16: an account's life cycle. Admins list staff and deactivate,
 * reactivate, set a new password or PIN, or end every session; anyone
 * signed in changes their own password or PIN with their current password.
 */

const noContent = z.undefined();
const staffPath = (id: string, tail: string) => `/api/staff/${encodeURIComponent(id)}/${tail}`;

export function fetchStaff(http: HttpClient): Promise<StaffMember[]> {
  return http.get('/api/staff', z.array(staffMemberSchema));
}

export function fetchWardNames(http: HttpClient): Promise<Ward[]> {
  return http.get('/api/wards', wardListSchema);
}

/** Deactivating also ends every session of the account (the server closes its sockets). */
export function setStaffActive(http: HttpClient, id: string, active: boolean): Promise<StaffMember> {
  return http.send('PUT', staffPath(id, 'active'), { active }, staffMemberSchema);
}

/** A new password set by an admin; it lifts a sign-in lock. */
export function resetStaffPassword(http: HttpClient, id: string, password: string): Promise<StaffMember> {
  return http.send('PUT', staffPath(id, 'password'), { password }, staffMemberSchema);
}

/** A new PIN set by an admin; it lifts a sign-in lock. */
export function resetStaffPin(http: HttpClient, id: string, pin: string): Promise<StaffMember> {
  return http.send('PUT', staffPath(id, 'pin'), { pin }, staffMemberSchema);
}

export function revokeStaffSessions(http: HttpClient, id: string): Promise<SessionsRevoked> {
  return http.send('DELETE', staffPath(id, 'sessions'), undefined, sessionsRevokedSchema);
}

export async function changeMyPassword(http: HttpClient, request: PasswordChangeRequest): Promise<void> {
  await http.send('PUT', '/api/me/password', request, noContent);
}

export async function changeMyPin(http: HttpClient, request: PinChangeRequest): Promise<void> {
  await http.send('PUT', '/api/me/pin', request, noContent);
}

export type LockFeedStatus = 'connecting' | 'live' | 'disconnected';

/**
 * `account:locked` over socket.io: the server tells admins (and the ward's
 * managers) from the token alone. An event that fails the shared schema is
 * dropped rather than shown wrong.
 */
export function connectAccountLocks(origin: string, token: string, onLocked: (event: AccountLockedEvent) => void, onStatus: (status: LockFeedStatus) => void): () => void {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(origin || undefined, { auth: { token }, transports: ['websocket', 'polling'] });
  socket.on('connect', () => onStatus('live'));
  socket.on('disconnect', () => onStatus('disconnected'));
  socket.on('connect_error', () => onStatus('disconnected'));
  socket.on('account:locked', (payload) => {
    const parsed = accountLockedEventSchema.safeParse(payload);
    if (parsed.success) onLocked(parsed.data);
  });
  return () => {
    socket.disconnect();
  };
}
