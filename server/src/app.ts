import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import type { ClientConfig } from '@wardscan/shared';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { startAuditAnchoring } from './audit/anchoring.js';
import { auditRoutes } from './audit/routes.js';
import { sessionRoutes } from './auth/routes.js';
import type { ServerConfig } from './config.js';
import { startCheckpointer } from './db/checkpointer.js';
import { migrate, openDatabase } from './db/database.js';
import { createGroupCommit, type GroupCommit } from './db/group-commit.js';
import { ApiError } from './http/api-error.js';
import type { AppDeps } from './http/deps.js';
import { errorHandler, requireAuth, securityHeaders, wellFormedBody } from './http/middleware.js';
import { labelRoutes } from './labels/routes.js';
import { metricsRoutes } from './metrics/routes.js';
import { openApiRoutes } from './openapi/routes.js';
import { patientRoutes } from './patients/routes.js';
import { productRoutes } from './products/routes.js';
import { accountLockTeller, alertEmitter, attachSockets, roundRoom, sessionLiveIn, socketsEnder, type WardscanServer } from './realtime/sockets.js';
import { batchWardChanges } from './realtime/ward-changes.js';
import { createRepositories, type Repositories } from './repositories.js';
import { fhirRoutes } from './fhir/routes.js';
import { createFirstAdminSetup, type FirstAdminSetup } from './setup/first-admin.js';
import { setupRoutes } from './setup/routes.js';
import { smartClientRoutes, smartConfiguration, smartTokenRoutes } from './smart/routes.js';
import { bedsideRoutes } from './scans/routes.js';
import { staffRoutes } from './staff/routes.js';
import { wardRoutes } from './wards/routes.js';
import { transfusionLabRoutes } from './transfusion/lab-routes.js';
import { transfusionRoutes } from './transfusion/routes.js';
import { equipmentRoutes } from './equipment/routes.js';
import { chartRoutes } from './chart/routes.js';
import { prnReviewRoutes } from './prn-review/routes.js';

export interface WardscanApp {
  readonly app: Express;
  readonly httpServer: HttpServer;
  /** The bedside writes' group commit (its figures are logged on SIGUSR2 by main.ts). */
  readonly durable: GroupCommit;
  readonly io: WardscanServer;
  readonly repos: Repositories;
  /** The first admin's single-use set-up token, while no admin account exists (main.ts prints its link at start). */
  readonly setup: FirstAdminSetup;
  /** Closes sockets, then the HTTP server, then the database. */
  close(): Promise<void>;
}

/** Wires the app on an open, migrated database. Nothing listens until the caller calls `httpServer.listen`. */
export function createApp(config: ServerConfig): WardscanApp {
  const db = openDatabase(config.dbFile);
  migrate(db);
  // Checkpoints run off the request thread; the large auto-checkpoint is only a backstop.
  db.pragma('wal_autocheckpoint = 20000');
  const checkpointer = startCheckpointer(config.dbFile, 500, (message) => config.logger.warn({ message }, 'WAL checkpoint failed'));
  const durable = createGroupCommit(db, (err) => config.logger.fatal({ err }, 'fsync of the WAL failed: bedside writes are refused until a restart'));
  const repos = createRepositories(db);
  const anchoring = startAuditAnchoring(repos.audit, durable, (err) => config.logger.error({ err }, 'anchoring the audit log failed'));
  const app = express();
  const httpServer: HttpServer = config.tls ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }, app) : createServer(app);
  // Sends only after attachSockets returns: a change is told once it is committed, never during set-up.
  const wardChanges = batchWardChanges((event) => io.to(roundRoom(event.wardId)).emit('ward:changed', event), config.now);
  const io = attachSockets(httpServer, { repos, config, durable, tellWardChanged: wardChanges.tell });
  const sessionLive = sessionLiveIn(repos, config);
  const setup = createFirstAdminSetup(repos, config);
  const deps: AppDeps = {
    repos,
    config,
    emitAlerts: alertEmitter(io, config.now, sessionLive, repos),
    endSessionSockets: socketsEnder(io),
    tellAccountLocked: accountLockTeller(io, config.now, sessionLive),
    tellWardChanged: wardChanges.tell,
    durable,
  };

  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Helmet's CSP plus: data:/blob: images (labels, previews), blob: media (camera), and compiling
  // WebAssembly ('wasm-unsafe-eval', the camera's decoder, served from 'self'). No eval of JavaScript.
  const directives = { 'script-src': ["'self'", "'wasm-unsafe-eval'"], 'img-src': ["'self'", 'data:', 'blob:'], 'media-src': ["'self'", 'blob:'] };
  app.use(helmet({ contentSecurityPolicy: { directives } }));
  app.use(securityHeaders);
  app.use('/api', express.json({ limit: '32kb', strict: true }), wellFormedBody);

  const api = express.Router();
  api.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  api.get('/config', (_req, res) => {
    const body: ClientConfig = {
      nhsCompanyPrefixes: [...config.nhsCompanyPrefixes],
      acceptPlainNhsNumber: config.acceptPlainNhsNumber,
      gsSubstitutes: [...config.gsSubstitutes],
      allowKeyedPatientId: config.allowKeyedPatientId,
      patientContextTimeoutSeconds: config.patientContextSeconds,
      scannerMaxKeyGapMs: config.scannerMaxKeyGapMs,
    };
    res.json(body);
  });
  api.use(openApiRoutes());
  api.use(sessionRoutes(deps));
  api.use(setupRoutes(setup));
  api.use(smartTokenRoutes(deps));
  api.use(requireAuth(repos, config));
  for (const routes of [bedsideRoutes, labelRoutes, patientRoutes, wardRoutes, productRoutes, auditRoutes, metricsRoutes, staffRoutes, transfusionRoutes, transfusionLabRoutes, equipmentRoutes, chartRoutes, prnReviewRoutes, smartClientRoutes]) api.use(routes(deps));
  api.use((req, _res, next) => next(new ApiError('NOT_FOUND', `No API route ${req.method} ${req.path}.`)));
  app.use('/api', api);
  app.use('/api', errorHandler(config.logger));
  app.get('/fhir/r4/.well-known/smart-configuration', smartConfiguration);
  app.use('/fhir/r4', fhirRoutes(deps));

  const clientDir = config.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', fallthrough: true }));
    // SPA fallback: any other GET that is not /api gets the app shell.
    app.get(/^(?!\/api(\/|$)).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  }
  app.use(errorHandler(config.logger));

  let closed = false;
  return {
    app,
    httpServer,
    durable,
    io,
    repos,
    setup,
    async close() {
      if (closed) return;
      closed = true;
      wardChanges.close();
      // io.close() disconnects every socket and closes the HTTP server.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await checkpointer.stop();
      await anchoring.stop();
      await durable.close();
      db.close();
    },
  };
}
