import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { startServer, tempDb, type RunningServer } from './server.js';
import { writeBlankVideo } from './y4m.js';

/** What an e2e file works against: the real built server on a temporary database, and Debian's Chromium. */
export interface E2eEnvironment {
  /** Replaced when a test restarts the server (the offline test). */
  server: RunningServer;
  browser: Browser;
  dbPath: string;
}

/**
 * Starts the server and Chromium before the file's tests and stops them
 * after. `makeVideo` writes the fake camera's Y4M feed (blank by default).
 */
export function useE2eEnvironment(makeVideo: (file: string) => void | Promise<void> = writeBlankVideo): E2eEnvironment {
  const env = {} as E2eEnvironment;
  let removeDb: (() => void) | undefined;
  beforeAll(async () => {
    const db = tempDb();
    env.dbPath = db.dbPath;
    removeDb = db.remove;
    env.server = await startServer(db.dbPath);
    const video = join(db.dbPath, '..', 'camera.y4m');
    await makeVideo(video);
    env.browser = await launchChromium(video);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
    removeDb?.();
  });
  return env;
}
