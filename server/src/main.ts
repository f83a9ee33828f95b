/*
 * The server: read the environment, migrate, seed the demo ward into an
 * empty database only when WARDSCAN_DEMO_WARD=on (the root `npm start` sets
 * it; a production start leaves it off), print a single-use set-up link
 * while no admin account exists, serve API, sockets and the built handheld
 * app on one port, and stop gracefully on SIGTERM/SIGINT.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { configFromEnv } from './config.js';
import { startFhirPush } from './fhir/push/worker.js';
import { isEmpty, seedDemoWard } from './fixtures/demo-ward.js';

let settings;
try {
  settings = configFromEnv(process.env);
} catch (err) {
  console.error(`wardscan: ${(err as Error).message}`);
  process.exit(2);
}
const { config, port, host, seedDemoWard: seed, plainHttpOnNetwork } = settings;
const log = config.logger;
const wardscan = createApp(config);
startFhirPush(wardscan.repos.db, log, wardscan.httpServer); // outbound FHIR push when WARDSCAN_FHIR_PUSH_URL is set; stops when the server closes

if (seed) {
  if (isEmpty(wardscan.repos)) {
    seedDemoWard(wardscan.repos, { passwordHashCost: config.passwordHashCost, now: config.now() });
    log.warn({ db: config.dbFile }, 'WARDSCAN_DEMO_WARD=on: seeded the demo ward, with its publicly known passwords and PINs, into an empty database');
  } else {
    log.info({ db: config.dbFile }, 'WARDSCAN_DEMO_WARD=on, but the database is not empty: nothing seeded');
  }
}
const demo = wardscan.repos.staff.demoSignIns();
if (demo.length > 0) {
  log.warn(
    { signIns: demo, db: config.dbFile },
    'DEMO SIGN-INS ARE ACTIVE (password "demo-password", PIN 246810, published in the README): THIS IS A DEMO, never use this database on a real ward; ' +
      'a ward starts without WARDSCAN_DEMO_WARD on an empty database',
  );
}
if (plainHttpOnNetwork) {
  log.warn({ host }, 'WARDSCAN_ALLOW_PLAIN_HTTP=on: serving plain HTTP to the network; passwords, PINs and session tokens cross it unencrypted');
}

wardscan.httpServer.on('error', (err) => {
  log.fatal({ err }, 'cannot listen');
  process.exit(1);
});
wardscan.httpServer.listen(port, host, () => {
  const address = wardscan.httpServer.address() as AddressInfo;
  // Before 'listening', which tells a supervisor (and the tests) that start-up has said everything it will.
  const token = wardscan.setup.issueToken();
  if (token) {
    const setupUrl = `${setupOrigin(host, address.port)}/setup#token=${token}`;
    log.warn({ setupUrl }, `NO ADMIN ACCOUNT: create the first one at ${setupUrl} (this link works once, and only until the server stops)`);
  }
  log.info({ port: address.port, host, https: config.tls !== undefined, db: config.dbFile, clientDir: config.clientDir }, 'listening');
});

/** Where an operator on this machine reaches the server: a wildcard address is reached as localhost. */
function setupOrigin(listenHost: string, listenPort: number): string {
  const name = ['0.0.0.0', '::', ''].includes(listenHost) ? 'localhost' : listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  return `${config.tls ? 'https' : 'http'}://${name}:${listenPort}`;
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: closing sockets, then the database');
  const timer = setTimeout(() => {
    log.error('graceful stop timed out');
    process.exit(1);
  }, 10_000);
  timer.unref();
  await wardscan.close();
  log.info('stopped');
  // No process.exit(): let the logger flush; nothing else keeps the process alive now.
  process.exitCode = 0;
}
// Operators (and bench:bedside) read the disk's part of the ack latency without restarting: figures since the last dump.
process.on('SIGUSR2', () => log.info({ groupCommit: wardscan.durable.window() }, 'group commit figures'));
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
