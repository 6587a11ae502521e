/**
 * Starts the built product (`node dist/src/main.js --demo`) on a free port with its own PGlite data directory,
 * waits until /healthz answers 200, and stops it with SIGTERM. It builds nothing: run `npm run build` first.
 *
 * Seeding the demo (migrations, the city's public data, the demo scenarios) is most of a first start, so the
 * e2e project's global set-up does it once (`e2e/helpers/demo-template.ts`) and each server starts on a copy
 * of that directory — what a user sees after restarting `npm run demo`. `fresh: true` seeds from nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export type RunningServer = {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
};

function assertBuilt(): void {
  const missing = ['dist/src/main.js', 'web/dist/index.html'].filter((path) => !existsSync(join(projectRoot, path)));
  if (missing.length > 0) {
    throw new Error(
      `The browser tests run the built product, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing. Run \`npm run build\` first.`,
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    // Poll again shortly; the deadline, not the interval, bounds the wait.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`The server did not answer GET /healthz with 200 within ${deadlineMs} ms:\n${output()}`);
}

/** The seeded demo directory of this run, when the global set-up made one (outside vitest: none). */
function demoTemplateDir(): string | undefined {
  try {
    return inject('e2eDemoTemplateDir') || undefined;
  } catch {
    return undefined;
  }
}

/** Starts the demo server; call `stop()` in afterAll. */
export async function startServer(
  options: { readyTimeoutMs?: number; env?: Record<string, string>; fresh?: boolean } = {},
): Promise<RunningServer> {
  assertBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'renkei-e2e-'));
  const template = options.fresh ? undefined : demoTemplateDir();
  if (template) await cp(template, dataDir, { recursive: true });
  return startServerOn(dataDir, { ...options, removeOnStop: true });
}

/** Starts the demo server on a given data directory (removed by `stop()` when `removeOnStop`). */
export async function startServerOn(
  dataDir: string,
  options: { readyTimeoutMs?: number; env?: Record<string, string>; removeOnStop?: boolean } = {},
): Promise<RunningServer> {
  assertBuilt();
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RENKEI_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  // The demo runs on its own embedded database, whatever the surrounding test run uses.
  delete env.DATABASE_URL;
  delete env.RENKEI_REQUIRE_MFA;
  Object.assign(env, options.env);
  const child = spawn(process.execPath, ['dist/src/main.js', '--demo'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const output = () => printed;
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 20_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    if (options.removeOnStop) await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, output, options.readyTimeoutMs ?? 180_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, dataDir, output, stop };
}
