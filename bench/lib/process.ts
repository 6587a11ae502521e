/**
 * Servers under test run as child processes, each alone in its process like in production:
 * start, wait until a URL answers, measure their CPU, stop them — and never leave one behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import net from 'node:net';
import { processCpuSeconds } from './cpu.js';

export type ServerProcess = {
  name: string;
  pid: number;
  baseUrl: string;
  /** CPU time (user + system) the process has used so far, in seconds; null off Linux. */
  cpuSeconds(): number | null;
  /** The last lines the process wrote to stderr. */
  stderrTail(): string;
  stop(): Promise<void>;
};

export type StartServerOptions = {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  port: number;
  /** Path polled with GET until it answers 2xx. */
  readyPath: string;
  /** Headers of the readiness request (e.g. a bearer token when the path needs one). */
  readyHeaders?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Where stdout goes: a file path, or /dev/null (default) so a terminal is never the bottleneck. */
  stdoutPath?: string;
};

const running = new Set<ChildProcess>();

function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** A port that was free a moment ago (the small race is acceptable on a benchmark machine). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits for `condition` to become true, polling, until the deadline. */
export async function waitFor(
  description: string,
  condition: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; isAborted?: () => string | null },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const abortReason = options.isAborted?.() ?? null;
    if (abortReason) throw new Error(`${description}: ${abortReason}`);
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`${description}: not ready after ${options.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** Starts a server and resolves once `readyPath` answers 2xx. */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const stdoutFd = openSync(options.stdoutPath ?? '/dev/null', 'w');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', stdoutFd, 'pipe'],
  });
  closeSync(stdoutFd);
  running.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? 128 : 1);
      running.delete(child);
      resolve();
    });
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    name: options.name,
    pid: child.pid ?? -1,
    baseUrl,
    cpuSeconds: () => (child.pid ? processCpuSeconds(child.pid) : null),
    stderrTail: () => stderr,
    async stop() {
      if (exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitFor(
      `${options.name} (${options.command} ${options.args.join(' ')})`,
      async () => {
        try {
          const response = await fetch(`${baseUrl}${options.readyPath}`, {
            headers: options.readyHeaders ?? {},
            signal: AbortSignal.timeout(2000),
          });
          await response.arrayBuffer();
          return response.ok;
        } catch {
          return false;
        }
      },
      {
        timeoutMs: options.readyTimeoutMs ?? 120_000,
        intervalMs: 200,
        isAborted: () => (exitCode === null ? null : `exited with code ${exitCode}\n${stderr}`),
      },
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
