import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const BUILT_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface ChildServer {
  readonly child: ChildProcess;
  readonly port: number;
  readonly logs: string[];
}

/**
 * Starts the server as a separate Node process and resolves once it logs
 * `listening`, with the port it picked: `src/main.ts` through tsx, or the
 * built `dist/main.js` as `npm start` runs it (benchmarks: tsx's loader
 * costs time the product does not). `nodeArgs` go to that Node process
 * (e.g. `--cpu-prof`, which NODE_OPTIONS does not allow).
 */
export function startChildServer(env: Record<string, string>, nodeArgs: readonly string[] = [], entry: 'source' | 'built' = 'source'): Promise<ChildServer> {
  if (entry === 'built' && !existsSync(BUILT_MAIN)) return Promise.reject(new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first.`));
  const child = spawn(process.execPath, [...nodeArgs, ...(entry === 'built' ? [BUILT_MAIN] : ['--import', 'tsx', MAIN])], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('\n')}`)), 20_000);
    child.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        logs.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'listening' && entry.port) {
            clearTimeout(timer);
            resolve({ child, port: entry.port, logs });
          }
        } catch {
          // not a JSON log line
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`));
    });
  });
}

export const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
