/**
 * Runs the real product (`node --import tsx src/main.ts`) as a child process, for tests of
 * start-up, shutdown and restart. Waits for conditions with deadlines, never fixed sleeps.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { projectPath } from '../../src/platform/paths.js';

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Polls GET /healthz until it answers 200; throws (with the output) if the process ends or the deadline passes. */
  waitUntilHealthy(timeoutMs?: number): Promise<unknown>;
  /** Waits for the exit; throws if it takes longer than `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<number | string>;
  /** SIGKILL if still running (cleanup after a failed test). */
  kill(): void;
};

/** A TCP port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startServerProcess(options: {
  args?: string[];
  env: Record<string, string>;
  port?: number;
}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  // The test runner's own settings must not leak into the product.
  const leaking = new Set(['DATABASE_URL', 'RENKEI_DATA_DIR', 'RENKEI_SECRET', 'RENKEI_TEST_DB', 'NODE_ENV', 'VITEST']);
  const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !leaking.has(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...(options.args ?? [])], {
    cwd: projectPath('.'),
    env: {
      ...environment,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RENKEI_LOG_PRETTY: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  let hasExited = false;
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      hasExited = true;
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const output = () => `\n--- stdout ---\n${stdout.slice(-3000)}\n--- stderr ---\n${stderr.slice(-3000)}`;

  return {
    child,
    port,
    baseUrl,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async waitUntilHealthy(timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (hasExited) throw new Error(`the server exited (${String(await exited)}) before it was healthy${output()}`);
        try {
          const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
          if (response.status === 200) return await response.json();
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`the server was not healthy within ${timeoutMs} ms${output()}`);
    },
    async waitForExit(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the server did not exit within ${timeoutMs} ms${output()}`)),
          timeoutMs,
        );
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill() {
      if (!hasExited) child.kill('SIGKILL');
    },
  };
}
