/**
 * The Renkei server as the benchmarks see it: built once, started as its own process in
 * production mode on a bench database, with a signed-in user to send requests as.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { freePort, startServer, type ServerProcess } from './process.js';
import type { BenchContext } from './types.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const resultsDir = path.join(projectRoot, 'bench/results');
const compiledMain = path.join(projectRoot, 'dist/src/main.js');

function newestSourceMtime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/**
 * Decides how to start the server. With `dist`, compiles the server (tsc -p tsconfig.build.json,
 * the server half of `npm run build`) when dist/src/main.js is missing or older than src/; if
 * that fails (someone's work in progress), falls back to tsx and says so under the table.
 */
export function prepareRenkei(context: BenchContext): { command: string; args: string[] } {
  const viaTsx = { command: process.execPath, args: ['--import', 'tsx', 'src/main.ts'] };
  if (context.options.appRuntime === 'tsx') {
    context.remark('The Renkei server ran through tsx (`--app-runtime tsx`), not compiled.');
    return viaTsx;
  }
  const isStale =
    !existsSync(compiledMain) || statSync(compiledMain).mtimeMs < newestSourceMtime(path.join(projectRoot, 'src'));
  if (isStale) {
    context.log('dist/src/main.js is missing or older than src/: compiling the server (tsc -p tsconfig.build.json)');
    const startedAt = Date.now() - 1000;
    const build = spawnSync(
      process.execPath,
      [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      { cwd: projectRoot, encoding: 'utf8' },
    );
    if (build.status !== 0) {
      // tsc still emits JavaScript when only types are wrong (someone's work in progress).
      const isEmitted = existsSync(compiledMain) && statSync(compiledMain).mtimeMs >= startedAt;
      const errorCount = (build.stdout.match(/error TS\d+/g) ?? []).length;
      context.log(`tsc reported ${errorCount} error(s):\n${build.stdout}${build.stderr}`);
      if (!isEmitted) {
        context.remark('Compiling src/ failed during the run, so the Renkei server ran through tsx instead of dist/.');
        return viaTsx;
      }
      context.remark(
        `src/ had ${errorCount} type error(s) during the run (work in progress elsewhere); ` +
          'tsc still emitted dist/, which is what ran.',
      );
    }
  }
  return { command: process.execPath, args: [compiledMain] };
}

export type RenkeiServerOptions = {
  name: string;
  launch: { command: string; args: string[] };
  /** PostgreSQL; with `pgliteDataDir` instead, the server runs on PGlite in that directory. */
  databaseUrl: string | null;
  pgliteDataDir?: string;
  secret: string;
  /** Node options before the entry script (e.g. `--import` a capture hook). */
  nodeArgs?: string[];
  /** More environment (e.g. RENKEI_JOBS=false). */
  env?: Record<string, string>;
  logLevel: 'info' | 'warn';
  /** Directory for V8 CPU profiles (written when the process stops) into `<profileDir>/<name>/`. */
  profileDir?: string;
};

/** A random secret of 40 URL-safe characters (RENKEI_SECRET). */
export function newSecret(): string {
  return randomBytes(30).toString('base64url');
}

/** Starts `node dist/src/main.js` in production mode; stdout (the request log) goes to /dev/null. */
export async function startRenkei(options: RenkeiServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('RENKEI_') && !['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'HOST', 'NODE_OPTIONS'].includes(key)) {
      env[key] = value;
    }
  }
  Object.assign(env, {
    NODE_ENV: 'production',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.pgliteDataDir ? { RENKEI_DATA_DIR: options.pgliteDataDir } : {}),
    RENKEI_SECRET: options.secret,
    RENKEI_REQUIRE_MFA: 'false',
    RENKEI_LOG_PRETTY: 'false',
    LOG_LEVEL: options.logLevel,
    HOST: '127.0.0.1',
    PORT: String(port),
    ...options.env,
  });
  // One directory per process: with tsx, the loader thread writes a profile of its own.
  const profileDir = options.profileDir ? path.join(options.profileDir, options.name) : null;
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
    mkdirSync(profileDir, { recursive: true });
  }
  const profileArgs = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  return startServer({
    name: options.name,
    command: options.launch.command,
    // Node options (--cpu-prof) must come before the entry script.
    args: [...profileArgs, ...(options.nodeArgs ?? []), ...options.launch.args],
    env,
    cwd: projectRoot,
    port,
    readyPath: '/healthz',
    readyTimeoutMs: 180_000,
  });
}

/** The main thread's profile (`CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile`) of a process started with `profileDir`. */
export function mainThreadProfile(profileDir: string, name: string): string | null {
  const directory = path.join(profileDir, name);
  if (!existsSync(directory)) return null;
  const file = readdirSync(directory).find((entry) => /\.\d+\.0\.\d+\.cpuprofile$/.test(entry));
  return file ? path.join(directory, file) : null;
}

export type BenchUser = {
  id: string;
  email: string;
  password: string;
  organizationId: string | null;
};

/**
 * Inserts a user straight into the database (there is no CLI yet): a `provider` of the first
 * organisation of the reference data — /me then reads the organisation's name as it does for
 * most people — or an `admin` without organisation when there is none.
 */
export async function insertBenchUser(databaseUrl: string): Promise<BenchUser> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const organization = await client.query<{ id: string }>('SELECT id FROM organizations ORDER BY id LIMIT 1');
    const organizationId = organization.rows[0]?.id ?? null;
    const user: BenchUser = {
      id: randomUUID(),
      email: `bench-${process.pid}@example.jp`,
      password: `bench-${randomBytes(12).toString('base64url')}`,
      organizationId,
    };
    await client.query(
      `INSERT INTO users (id, email, name, role, organization_id, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        user.id,
        user.email,
        'ベンチマーク 利用者',
        organizationId ? 'provider' : 'admin',
        organizationId,
        await hash(user.password),
      ],
    );
    return user;
  } finally {
    await client.end();
  }
}

/** Signs in through the API (POST /api/v1/auth/login) and returns the bearer token. */
export async function signIn(baseUrl: string, user: BenchUser): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const body = (await response.json()) as { token?: string; mfaRequired?: boolean };
  if (!response.ok || !body.token) {
    throw new Error(`login as ${user.email} failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}
