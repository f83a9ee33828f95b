import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const MAIN = join(REPO, 'server/dist/main.js');
const CLIENT_DIR = join(REPO, 'bedside-client/dist');

export interface RunningServer {
  port: number;
  origin: string;
  dbPath: string;
  /** Every stdout/stderr line, for the failure message. */
  logs: string[];
  stop(): Promise<void>;
}

/** A temp dir for one test file's database; removed by the returned function. */
export function tempDb(): { dbPath: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wardscan-e2e-'));
  return { dbPath: join(dir, 'e2e.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts the real built server as a child process and resolves once its pino
 * "listening" line reports the port. PORT=0 lets it choose a free one; pass
 * a port to restart on the same one.
 */
export async function startServer(dbPath: string, port = 0): Promise<RunningServer> {
  for (const needed of [MAIN, join(CLIENT_DIR, 'index.html')]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run \`npm run build\` before the e2e tests.`);
  }
  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO,
    // The e2e tests sign in as the demo ward's staff: seed it, as the README's `npm start` does.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WARDSCAN_DEMO_WARD: 'on', WARDSCAN_DB: dbPath, WARDSCAN_CLIENT_DIR: CLIENT_DIR, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const listening = new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not report "listening" in 20 s:\n${logs.join('\n')}`)), 20_000);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'listening' && typeof entry.port === 'number') {
            clearTimeout(timer);
            resolvePort(entry.port);
          }
        } catch {
          // not a JSON log line
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${logs.join('\n')}`));
    });
  });
  const actualPort = await listening;
  return { port: actualPort, origin: `http://127.0.0.1:${actualPort}`, dbPath, logs, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}
