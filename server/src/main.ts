/*
 * `npm start`: read the environment, migrate, seed the demo ward into an
 * empty database (unless WARDSCAN_DEMO_WARD=off), serve API, sockets and the
 * built handheld app on one port, and stop gracefully on SIGTERM/SIGINT.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { configFromEnv } from './config.js';
import { isEmpty, seedDemoWard } from './fixtures/demo-ward.js';

let settings;
try {
  settings = configFromEnv(process.env);
} catch (err) {
  console.error(`wardscan: ${(err as Error).message}`);
  process.exit(2);
}
const { config, port, host, seedDemoWard: seed } = settings;
const log = config.logger;
const wardscan = createApp(config);

if (seed && isEmpty(wardscan.repos)) {
  seedDemoWard(wardscan.repos, { passwordHashCost: config.passwordHashCost, now: config.now() });
  log.info({ db: config.dbFile }, 'seeded the demo ward into an empty database');
}
const demo = wardscan.repos.staff.demoSignIns();
if (demo.length > 0) {
  log.warn({ signIns: demo }, 'DEMO SIGN-INS ARE ACTIVE (password "demo-password", PIN 1234): never use this database on a real ward; start with WARDSCAN_DEMO_WARD=off and an empty database');
}

wardscan.httpServer.on('error', (err) => {
  log.fatal({ err }, 'cannot listen');
  process.exit(1);
});
wardscan.httpServer.listen(port, host, () => {
  const address = wardscan.httpServer.address() as AddressInfo;
  log.info({ port: address.port, host, https: config.tls !== undefined, db: config.dbFile, clientDir: config.clientDir }, 'listening');
});

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
