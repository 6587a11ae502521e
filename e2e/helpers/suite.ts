/** The set-up most browser specs share: the built product and Chromium, started once for the whole file. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './server.js';
import { launchBrowser } from './browser.js';

export type ServerAndBrowser = { server: RunningServer; browser: Browser };

/**
 * Starts the built product and Chromium before the file's tests (beforeAll) and stops both after them (afterAll).
 * The fields are filled in once beforeAll has run: read them inside hooks and tests, not at the top of the file.
 * A spec's own beforeAll registered after this call runs after it, with both started.
 */
export function useServerAndBrowser(): ServerAndBrowser {
  const running = {} as ServerAndBrowser;
  beforeAll(async () => {
    running.server = await startServer();
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    // Optional chaining because beforeAll may have failed half way; then there is less to stop.
    await (running.browser as Browser | undefined)?.close();
    await (running.server as RunningServer | undefined)?.stop();
  });
  return running;
}
