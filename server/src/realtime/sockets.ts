import {
  administrationRequestSchema,
  scanRequestSchema,
  socketAuthSchema,
  type AccountLockedEvent,
  type ApiErrorBody,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SessionUser,
  type WardAlert,
} from '@wardscan/shared';
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { recordAdministration } from '../administrations/service.js';
import { registerBenchDurableEcho } from '../bench/durable-echo.js';
import { authenticate, idleSince } from '../auth/service.js';
import { toErrorBody } from '../http/api-error.js';
import type { AppDeps, WardChange } from '../http/deps.js';
import { parseInput } from '../http/validate.js';
import { recordScan } from '../scans/service.js';
import { createWriteBatch } from '../scans/write-batch.js';
import { alertSides, routeAlert } from './alert-routing.js';

interface SocketData {
  token: string;
  tokenHash: string;
  /** When the session ends (ms since the epoch): an expired session's socket hears nothing more. */
  expiresAtMs: number;
  user: SessionUser;
}
export type WardscanServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type WardscanSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const wardRoom = (wardId: string): string => `ward:${wardId}`;
/** Everyone who works a ward's round (its nurses and managers; admins): told when a chart changes. */
export const roundRoom = (wardId: string): string => `round:${wardId}`;

/**
 * Sends committed alerts to their ward rooms, in the same tick as the
 * commit. With `repos`, each alert is routed first (alert-routing.ts): to
 * the nurse's ward and, for another ward's patient, that ward too, each in
 * its own words; admins, who sit in every room, hear each alert once.
 * Alerts name patients: a socket whose session has expired (or lain idle)
 * since it connected is closed instead of told.
 */
export function alertEmitter(
  io: WardscanServer,
  now: () => Date,
  sessionLive: (tokenHash: string, at: Date) => boolean,
  repos?: AppDeps['repos'],
): (alerts: readonly WardAlert[]) => void {
  return (alerts) => {
    const at = now();
    /** Sockets fit to hear a patient's name now; the others are closed. */
    const live = (socket: WardscanSocket): boolean => {
      // Ended by its lifetime, or by lying unused past the idle limit (a feed that only listens does not keep it alive).
      if (socket.data.expiresAtMs <= at.getTime() || !sessionLive(socket.data.tokenHash, at)) {
        socket.disconnect(true);
        return false;
      }
      return true;
    };
    for (const a of alerts) {
      const routed = repos ? routeAlert(a, alertSides(repos, a)) : { rooms: [a], overview: a };
      const toldAdmins = new Set<string>();
      for (const copy of routed.rooms) {
        for (const id of io.sockets.adapter.rooms.get(wardRoom(copy.wardId)) ?? []) {
          const socket = io.sockets.sockets.get(id);
          if (!socket) continue;
          if (socket.data.user.role === 'admin') {
            if (toldAdmins.has(id)) continue;
            toldAdmins.add(id);
            if (live(socket)) socket.emit('ward:alert', routed.overview);
          } else if (live(socket)) socket.emit('ward:alert', copy);
        }
      }
    }
  };
}

/** Whether a session is live at an instant: neither ended, expired nor idle. */
export const sessionLiveIn =
  (repos: AppDeps['repos'], config: AppDeps['config']) =>
  (tokenHash: string, at: Date): boolean =>
    repos.sessions.isLive(tokenHash, at, idleSince(config, at));

/** Tells every admin, and the ward managers of the locked account's ward, on their live sockets. */
export function accountLockTeller(io: WardscanServer, now: () => Date, sessionLive: (tokenHash: string, at: Date) => boolean): (event: AccountLockedEvent) => void {
  return (event) => {
    const at = now();
    for (const socket of io.sockets.sockets.values()) {
      const { user } = socket.data;
      const concerned = user.role === 'admin' || (user.role === 'ward-manager' && event.wardId !== null && user.wardId === event.wardId);
      if (!concerned) continue;
      if (socket.data.expiresAtMs <= at.getTime() || !sessionLive(socket.data.tokenHash, at)) socket.disconnect(true);
      else socket.emit('account:locked', event);
    }
  };
}

/** Closes every socket opened with this session, at sign-out. */
export function socketsEnder(io: WardscanServer): (tokenHash: string) => void {
  return (tokenHash) => {
    for (const socket of io.sockets.sockets.values()) if (socket.data.tokenHash === tokenHash) socket.disconnect(true);
  };
}

/**
 * socket.io on the HTTP server's port: handshake with `{ auth: { token } }`;
 * `scan` and `administer` have the REST semantics with the same error body
 * in the ack; bad payloads never crash the server. Ward managers join their
 * ward's room, admins every ward's.
 */
export function attachSockets(httpServer: HttpServer, deps: Omit<AppDeps, 'emitAlerts' | 'endSessionSockets' | 'tellAccountLocked'>): WardscanServer {
  const { repos, config, tellWardChanged } = deps;
  const io: WardscanServer = new Server(httpServer, { maxHttpBufferSize: 64 * 1024, serveClient: false });
  const emitAlerts = alertEmitter(io, config.now, sessionLiveIn(repos, config), repos);
  const batch = createWriteBatch(repos.db, deps.durable);

  io.use((socket, next) => {
    try {
      const { token } = parseInput(socketAuthSchema, socket.handshake.auth, 'socket auth');
      const session = authenticate(repos, config, token);
      socket.data.token = token;
      socket.data.tokenHash = session.tokenHash;
      socket.data.expiresAtMs = Date.parse(session.expiresAt);
      socket.data.user = session.user;
      next();
    } catch (err) {
      const { body } = toErrorBody(err);
      next(Object.assign(new Error(body.error.message), { data: body }));
    }
  });

  const answerError = (ack: (r: ApiErrorBody) => void, err: unknown) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) config.logger.error({ err }, 'socket event failed');
    ack(body);
  };

  /**
   * Wraps a bedside write: re-checks the session, validates, records; the ack
   * (result or error body) and the ward alerts go out only once the event is
   * on disk. Events that arrive together commit together (write-batch.ts). Never throws.
   */
  function handleWrite<T>(socket: WardscanSocket, ack: unknown, run: (user: SessionUser) => { response: T; alerts: readonly WardAlert[]; changed?: WardChange }): void {
    if (typeof ack !== 'function') return;
    const reply = ack as (r: T | ApiErrorBody) => void;
    batch
      .write(() => {
        // The session may have ended (sign-out, expiry) since the socket connected.
        const { user } = authenticate(repos, config, socket.data.token);
        return run(user);
      })
      .then(
        (result) => {
          emitAlerts(result.alerts);
          if (result.changed) tellWardChanged(result.changed);
          reply(result.response);
        },
        (err: unknown) => answerError(reply, err),
      )
      .catch((err: unknown) => config.logger.error({ err }, 'socket answer failed'));
  }

  io.on('connection', (socket) => {
    const { user } = socket.data;
    if (user.role === 'ward-manager' && user.wardId) void socket.join(wardRoom(user.wardId));
    if (user.role === 'admin') void socket.join(repos.wards.ids().map(wardRoom));
    if ((user.role === 'nurse' || user.role === 'ward-manager') && user.wardId) void socket.join(roundRoom(user.wardId));
    if (user.role === 'admin') void socket.join(repos.wards.ids().map(roundRoom));

    socket.on('scan', (payload, ack) =>
      handleWrite(socket, ack, (u) => recordScan({ repos, config, user: u, now: config.now() }, parseInput(scanRequestSchema, payload, 'scan'))),
    );
    socket.on('administer', (payload, ack) =>
      handleWrite(socket, ack, (u) =>
        recordAdministration({ repos, config, user: u, now: config.now() }, parseInput(administrationRequestSchema, payload, 'administration')),
      ),
    );
    socket.on('echo', (payload, ack) => {
      if (typeof ack === 'function') ack(payload);
    });
    registerBenchDurableEcho(socket, repos.db, batch); // bench:bedside's floor; nothing unless WARDSCAN_BENCH_ECHO=on
  });
  return io;
}
