/**
 * The product as a process: `node --import tsx src/main.ts --demo` on a PGlite data directory
 * starts, locks the directory against a second process, stops cleanly on SIGTERM (draining the
 * requests in flight), and restarts with its data and without duplicates. On PostgreSQL the same
 * product starts from DATABASE_URL, and two instances can share one database.
 */
import { request } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { api } from '../helpers/http.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { testDatabaseKind } from '../helpers/test-app.js';

const demoPassword = 'renkei-demo-2026';
const demoAdmin = 'admin@demo.renkei.jp';
/** The demo start loads ~1,300 organisations; two cores may be shared with other test files. */
const startTimeoutMs = 180_000;

async function loginAs(baseUrl: string, email: string, password = demoPassword): Promise<string> {
  const response = await api(baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${response.text}`);
  return response.body.token as string;
}

/** Walks a paginated list to its end and returns every item. */
async function listAll(baseUrl: string, token: string, path: string): Promise<{ id: string }[]> {
  const items: { id: string }[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await api(baseUrl, 'GET', `${path}?limit=500${query}`, { token });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${response.text}`);
    items.push(...(response.body.items as { id: string }[]));
    cursor = response.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

async function counts(baseUrl: string) {
  const token = await loginAs(baseUrl, demoAdmin);
  const organizations = await listAll(baseUrl, token, '/api/v1/organizations');
  const users = await listAll(baseUrl, token, '/api/v1/users');
  return {
    organizations: organizations.length,
    distinctOrganizations: new Set(organizations.map((item) => item.id)).size,
    users: users.length,
  };
}

type RawOutcome =
  | { kind: 'response'; status: number; body: string; isComplete: boolean; receivedAt: number }
  | { kind: 'no-response'; error: string };

/** A POST that tells a complete response from one cut off after its headers. */
function rawPost(baseUrl: string, pathname: string, body: unknown): Promise<RawOutcome> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const outgoing = request(
      `${baseUrl}${pathname}`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({
            kind: 'response',
            status: response.statusCode ?? 0,
            body: text,
            isComplete: response.complete,
            receivedAt: Date.now(),
          }),
        );
        response.on('error', () =>
          resolve({
            kind: 'response',
            status: response.statusCode ?? 0,
            body: text,
            isComplete: false,
            receivedAt: Date.now(),
          }),
        );
      },
    );
    outgoing.on('error', (error) => resolve({ kind: 'no-response', error: error.message }));
    outgoing.end(payload);
  });
}

describe.skipIf(testDatabaseKind() === 'postgresql')('the product on a PGlite data directory', () => {
  let dataDir: string;
  let server: ServerProcess | null = null;
  const started: ServerProcess[] = [];
  let before: Awaited<ReturnType<typeof counts>>;
  const createdUser = {
    email: `lifecycle-${randomBytes(4).toString('hex')}@example.jp`,
    password: 'lifecycle-pass-2026',
  };

  async function start(): Promise<ServerProcess> {
    // A grace period long enough to be seen from here, however slow the machine.
    const process = await startServerProcess({
      args: ['--demo'],
      env: { RENKEI_DATA_DIR: dataDir, RENKEI_SHUTDOWN_GRACE_MS: '3000' },
    });
    started.push(process);
    return process;
  }

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'renkei-lifecycle-'));
  });
  afterAll(async () => {
    for (const process of started) process.kill();
    await Promise.all(started.map((process) => process.exited));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'starts the demo on an empty data directory and locks it',
    async () => {
      server = await start();
      expect(await server.waitUntilHealthy(startTimeoutMs)).toEqual({ status: 'ok', database: 'pglite' });
      expect(server.stdout()).toContain(demoAdmin);
      const lockPath = path.join(dataDir, 'renkei.lock');
      expect(existsSync(lockPath)).toBe(true);
      expect(Number.parseInt(readFileSync(lockPath, 'utf8'), 10)).toBe(server.child.pid);
      before = await counts(server.baseUrl);
      expect(before.organizations).toBeGreaterThan(1000);
      expect(before.distinctOrganizations).toBe(before.organizations);
      expect(before.users).toBeGreaterThanOrEqual(8);
    },
    startTimeoutMs + 60_000,
  );

  it('refuses a second process on the same data directory, naming the lock', async () => {
    const second = await start();
    const code = await second.waitForExit(60_000);
    expect(code).not.toBe(0);
    expect(second.stderr()).toMatch(/RENKEI_DATA_DIR|in use/);
    expect(second.stderr()).toContain(dataDir);
    // The first process is unharmed.
    const health = await api(server!.baseUrl, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(health.body).toEqual({ status: 'ok', database: 'pglite' });
  }, 90_000);

  it('keeps a user created through the API', async () => {
    const token = await loginAs(server!.baseUrl, demoAdmin);
    const response = await api(server!.baseUrl, 'POST', '/api/v1/users', {
      token,
      body: { ...createdUser, name: '再起動 確認', role: 'admin', organizationId: null },
    });
    expect(response.status, response.text).toBe(201);
    before = { ...before, users: before.users + 1 };
  });

  it('stops on SIGTERM with exit code 0 within 15 s and releases the lock', async () => {
    server!.child.kill('SIGTERM');
    expect(await server!.waitForExit(15_000)).toBe(0);
    expect(existsSync(path.join(dataDir, 'renkei.lock'))).toBe(false);
  }, 30_000);

  it(
    'restarts on the same directory with the same data and no duplicates',
    async () => {
      server = await start();
      await server.waitUntilHealthy(startTimeoutMs);
      expect(await counts(server.baseUrl)).toEqual(before);
      await loginAs(server.baseUrl, createdUser.email, createdUser.password);
    },
    startTimeoutMs + 60_000,
  );

  it('drains the requests in flight on SIGTERM: each one answered completely, then exit 0', async () => {
    const running = server!;
    const logins = Array.from({ length: 12 }, () =>
      rawPost(running.baseUrl, '/api/v1/auth/login', { email: demoAdmin, password: demoPassword }),
    );
    // Signal as soon as the first answer shows the batch is being worked on (argon2 keeps the rest busy).
    await Promise.race(logins);
    const signalledAt = Date.now();
    running.child.kill('SIGTERM');
    // During the grace period a request is still served, its answer closing the connection, so a
    // keep-alive client leaves it instead of writing onto a socket about to be closed (a reset).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const duringGrace = await fetch(`${running.baseUrl}/healthz`);
    expect(duringGrace.status).toBe(200);
    expect(duringGrace.headers.get('connection')).toBe('close');
    const outcomes = await Promise.all(logins);
    expect(await running.waitForExit(15_000)).toBe(0);

    const responses = outcomes.filter((outcome) => outcome.kind === 'response');
    for (const response of responses) {
      expect(response.isComplete, response.body).toBe(true);
      const parsed = JSON.parse(response.body) as { token?: string; error?: { code: string } };
      if (response.status === 200) expect(typeof parsed.token).toBe('string');
      else {
        // Arrived while draining: refused in the API's error shape.
        expect(response.status, response.body).toBe(503);
        expect(parsed.error?.code, response.body).toBe('shutting_down');
      }
    }
    // Requests already being worked on when the signal came were finished, not dropped.
    const drained = responses.filter((response) => response.status === 200 && response.receivedAt >= signalledAt);
    expect(drained.length, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(existsSync(path.join(dataDir, 'renkei.lock'))).toBe(false);
  }, 60_000);
});

describe.skipIf(testDatabaseKind() !== 'postgresql')('the product on PostgreSQL (DATABASE_URL)', () => {
  // A database of its own on the run's server: the demo seed must not land in the shared test database.
  const name = `renkei_lifecycle_${process.pid}_${Date.now()}`;
  let adminUrl: string;
  let databaseUrl: string;
  const started: ServerProcess[] = [];

  beforeAll(async () => {
    const runUrl = new URL(inject('postgresUrl'));
    runUrl.pathname = '/postgres';
    adminUrl = runUrl.toString();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    runUrl.pathname = `/${name}`;
    databaseUrl = runUrl.toString();
  });
  afterAll(async () => {
    for (const process of started) process.kill();
    await Promise.all(started.map((process) => process.exited));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('refuses to start without RENKEI_SECRET', async () => {
    const server = await startServerProcess({ env: { DATABASE_URL: databaseUrl } });
    started.push(server);
    expect(await server.waitForExit(60_000)).not.toBe(0);
    expect(server.stderr()).toContain('RENKEI_SECRET');
  }, 90_000);

  it(
    'starts two instances on one fresh database at once; both serve the same data',
    async () => {
      const env = { DATABASE_URL: databaseUrl, RENKEI_SECRET: randomBytes(32).toString('base64url') };
      const [first, second] = await Promise.all([
        startServerProcess({ args: ['--demo'], env }),
        startServerProcess({ args: ['--demo'], env }),
      ]);
      started.push(first, second);
      expect(await first.waitUntilHealthy(startTimeoutMs)).toEqual({ status: 'ok', database: 'postgresql' });
      expect(await second.waitUntilHealthy(startTimeoutMs)).toEqual({ status: 'ok', database: 'postgresql' });

      const seenByFirst = await counts(first.baseUrl);
      expect(seenByFirst.organizations).toBeGreaterThan(1000);
      expect(seenByFirst.distinctOrganizations).toBe(seenByFirst.organizations);
      // The demo logins, each once: CONTRACT §4's eight and the recovery hospital's liaison (kaifukuki@).
      expect(seenByFirst.users).toBe(9);
      expect(await counts(second.baseUrl)).toEqual(seenByFirst);

      // A session started on one instance is valid on the other (no state in process memory).
      const token = await loginAs(first.baseUrl, demoAdmin);
      expect((await api(second.baseUrl, 'GET', '/api/v1/me', { token })).status).toBe(200);

      first.child.kill('SIGTERM');
      second.child.kill('SIGTERM');
      expect(await first.waitForExit(15_000)).toBe(0);
      expect(await second.waitForExit(15_000)).toBe(0);
    },
    startTimeoutMs * 2,
  );
});
