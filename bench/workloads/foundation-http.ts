/**
 * Workload foundation-http: what the framework around a handler costs.
 *   GET /healthz through the full app vs a bare node:http server answering the same JSON;
 *   authenticated GET /api/v1/me vs a bare Fastify + pg handler running the same SQL.
 * The app runs twice, at LOG_LEVEL=warn and at the default LOG_LEVEL=info (one JSON line per
 * request on stdout, sent to /dev/null), both on one fresh PostgreSQL database.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../../src/db/schema.js';
import type { Db } from '../../src/db/client.js';
import { findOrganizationName, findSessionByTokenHash } from '../../src/features/auth/auth.repository.js';
import type { ResultRow, Workload, BenchContext } from '../lib/types.js';
import { createBenchDatabase } from '../lib/database.js';
import { freePort, startServer, type ServerProcess } from '../lib/process.js';
import {
  insertBenchUser,
  newSecret,
  prepareRenkei,
  mainThreadProfile,
  projectRoot,
  resultsDir,
  signIn,
  startRenkei,
  type BenchUser,
} from '../lib/renkei.js';
import { describeComparison, measureSideBySide, type ComparedTarget, type TargetSummary } from '../lib/compare.js';
import { renderProfileSummary, summariseProfile } from '../lib/profile.js';
import { sendLoad } from '../lib/load.js';

const name = 'foundation-http';
const poolSize = 10;
const healthzTarget = 0.9;
const meTarget = 0.8;

type MeStatements = { sessionSql: string; organizationSql: string };

/**
 * Captures the SQL the app sends for GET /api/v1/me by calling its own repository functions
 * (the ones auth.service resolveToken and me() call) through Drizzle with a query logger.
 */
async function captureMeStatements(databaseUrl: string, token: string, user: BenchUser): Promise<MeStatements> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: 'renkei-bench-runner' });
  const logged: { query: string; params: unknown[] }[] = [];
  try {
    const db = drizzle({
      client: pool,
      schema,
      logger: { logQuery: (query, params) => logged.push({ query, params }) },
    }) as unknown as Db;
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const session = await findSessionByTokenHash(db, tokenHash);
    if (session?.userId !== user.id) throw new Error('the captured session query did not find the bench session');
    // An admin without organisation makes no second query; still capture its text for the baseline.
    const probeOrganizationId = user.organizationId ?? '00000000-0000-0000-0000-000000000000';
    await findOrganizationName(db, probeOrganizationId);
    const [sessionQuery, organizationQuery] = logged;
    if (logged.length !== 2 || !sessionQuery || !organizationQuery) {
      throw new Error(`expected 2 statements for GET /me, captured ${logged.length}`);
    }
    if (!isDeepStrictEqual(sessionQuery.params, [tokenHash])) throw new Error('unexpected session query parameters');
    if (!isDeepStrictEqual(organizationQuery.params, [probeOrganizationId])) {
      throw new Error('unexpected organisation query parameters');
    }
    return { sessionSql: sessionQuery.query, organizationSql: organizationQuery.query };
  } finally {
    await pool.end();
  }
}

/**
 * Checks on PostgreSQL that the app really sends the captured statements: after the /me load,
 * the last statement of most app connections is the organisation query (the second of a
 * request). Other last statements (health ping, LISTEN, a start-up commit) are listed.
 */
async function checkAppStatements(
  databaseUrl: string,
  statements: MeStatements,
): Promise<{ isOk: boolean; text: string }> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'renkei-bench-runner' });
  await client.connect();
  try {
    const result = await client.query<{ query: string }>(
      `SELECT query FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'renkei' AND backend_type = 'client backend'`,
    );
    const queries = result.rows.map((row) => row.query);
    const captured = queries.filter(
      (query) => query === statements.organizationSql || query === statements.sessionSql,
    ).length;
    const others = [
      ...new Set(queries.filter((query) => query !== statements.organizationSql && query !== statements.sessionSql)),
    ];
    return {
      isOk: captured > 0,
      text:
        `${captured} of ${queries.length} app connections last ran a captured /me statement` +
        (others.length > 0 ? `; other last statements: ${others.map((query) => query.slice(0, 80)).join(' ; ')}` : ''),
    };
  } finally {
    await client.end();
  }
}

async function fetchJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

/** Both sides must answer the same thing, or the comparison is not fair. */
async function assertSameAnswers(app: ServerProcess, baseline: ServerProcess, pathName: string, token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const fromApp = await fetchJson(`${app.baseUrl}${pathName}`, headers);
  const fromBaseline = await fetchJson(`${baseline.baseUrl}${pathName}`, headers);
  const isSame =
    fromApp.status === 200 &&
    fromBaseline.status === 200 &&
    fromApp.contentType === fromBaseline.contentType &&
    isDeepStrictEqual(JSON.parse(fromApp.body), JSON.parse(fromBaseline.body));
  if (!isSame) {
    throw new Error(
      `${pathName}: app and baseline answer differently:\n  app      ${JSON.stringify(fromApp)}\n` +
        `  baseline ${JSON.stringify(fromBaseline)}`,
    );
  }
}

function rowFor(input: {
  metric: string;
  baseline: string;
  measured: TargetSummary;
  baselineSummary: TargetSummary;
  target: number;
  withPostgres: boolean;
}): ResultRow {
  const ratio = input.measured.medianRequestsPerSecond / input.baselineSummary.medianRequestsPerSecond;
  return {
    workload: name,
    metric: input.metric,
    unit: 'req/s',
    value: input.measured.medianRequestsPerSecond,
    baseline: input.baseline,
    baselineValue: input.baselineSummary.medianRequestsPerSecond,
    ratio,
    target: input.target,
    pass: ratio >= input.target,
    notes: describeComparison(input.measured, input.baselineSummary, { withPostgres: input.withPostgres }),
    details: { measured: input.measured, baseline: input.baselineSummary },
  };
}

async function startBaseline(input: {
  name: string;
  script: string;
  env: Record<string, string>;
  readyPath: string;
  readyHeaders?: Record<string, string>;
}): Promise<ServerProcess> {
  const port = await freePort();
  return startServer({
    name: input.name,
    command: process.execPath,
    args: [path.join(projectRoot, 'bench/baselines', input.script)],
    env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: String(port), ...input.env },
    cwd: projectRoot,
    port,
    readyPath: input.readyPath,
    ...(input.readyHeaders ? { readyHeaders: input.readyHeaders } : {}),
    readyTimeoutMs: 30_000,
  });
}

/** With --profile: where each app process spent its CPU during the measured samples of each request. */
function reportProfiles(context: BenchContext, profileDir: string, phases: Map<string, Map<string, TargetSummary>>) {
  for (const [phase, summaries] of phases) {
    for (const level of ['warn', 'info'] as const) {
      const key = `app-${level}`;
      const windows = summaries.get(key)?.samples.map((sample) => sample.window) ?? [];
      const file = mainThreadProfile(profileDir, key);
      if (!file || windows.length === 0) continue;
      const text = renderProfileSummary(`${phase} on ${key}`, summariseProfile(file, { windows, top: 30 }));
      const output = path.join(profileDir, `${key}-${phase.replace(/\W+/g, '_')}.txt`);
      writeFileSync(output, `${text}\n`);
      context.log(
        `${text.split('\n').slice(0, 18).join('\n')}\n  … full summary in ${path.relative(projectRoot, output)}`,
      );
    }
  }
  context.remark(
    `${name}: run with --profile (V8 CPU profiles of the app in bench/results/profiles); profiling slows the app, ` +
      'so these figures are for finding where time goes, not for the record.',
  );
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const launch = prepareRenkei(context);
  const database = await createBenchDatabase();
  const servers: ServerProcess[] = [];
  const profileDir = context.options.isProfiling ? path.join(resultsDir, 'profiles') : undefined;
  const phases = new Map<string, Map<string, TargetSummary>>();
  try {
    context.log(`database ${database.name} created; starting the app (LOG_LEVEL=warn, then info)`);
    const secret = newSecret();
    const common = { launch, databaseUrl: database.url, secret };
    // A first process migrates and imports the reference data, then stops: the measured
    // processes start on a ready database, like every restart after the first installation
    // (a process that did the import stays measurably slower — see BENCHMARKS.md).
    // It also signs the bench user in (a session lives in the database, so the token works on
    // every process): the two measured processes then differ only by their LOG_LEVEL.
    const setup = await startRenkei({ ...common, name: 'app-setup', logLevel: 'warn' });
    servers.push(setup);
    const user = await insertBenchUser(database.url);
    const token = await signIn(setup.baseUrl, user);
    await setup.stop();
    const profiling = profileDir ? { profileDir } : {};
    const appWarn = await startRenkei({ ...common, ...profiling, name: 'app-warn', logLevel: 'warn' });
    servers.push(appWarn);
    const appInfo = await startRenkei({ ...common, ...profiling, name: 'app-info', logLevel: 'info' });
    servers.push(appInfo);

    const authorization = { authorization: `Bearer ${token}` };
    const statements = await captureMeStatements(database.url, token, user);
    context.log(`GET /me runs:\n  ${statements.sessionSql}\n  ${statements.organizationSql}`);

    const bareHttp = await startBaseline({
      name: 'bare-http',
      script: 'bare-http.mjs',
      env: {},
      readyPath: '/healthz',
    });
    servers.push(bareHttp);
    const fastifyPg = await startBaseline({
      name: 'fastify-pg',
      script: 'fastify-pg.mjs',
      env: {
        BENCH_DATABASE_URL: database.url,
        BENCH_POOL_SIZE: String(poolSize),
        BENCH_SESSION_SQL: statements.sessionSql,
        BENCH_ORGANIZATION_SQL: statements.organizationSql,
      },
      readyPath: '/api/v1/me',
      readyHeaders: authorization,
    });
    servers.push(fastifyPg);

    for (const app of [appWarn, appInfo]) {
      await assertSameAnswers(app, bareHttp, '/healthz');
      await assertSameAnswers(app, fastifyPg, '/api/v1/me', token);
    }

    const target = (key: string, server: ServerProcess, pathName: string, headers?: Record<string, string>) =>
      ({
        key,
        server,
        url: `${server.baseUrl}${pathName}`,
        ...(headers ? { headers, postgresDatabase: database.name } : {}),
      }) as ComparedTarget;

    context.log('GET /healthz: bare node:http vs app');
    const health = await measureSideBySide(
      [
        target('bare-http', bareHttp, '/healthz'),
        target('app-warn', appWarn, '/healthz'),
        target('app-info', appInfo, '/healthz'),
      ],
      context.options,
      context.log,
    );
    context.log('GET /api/v1/me: bare Fastify + pg vs app');
    const me = await measureSideBySide(
      [
        target('fastify-pg', fastifyPg, '/api/v1/me', authorization),
        target('app-warn', appWarn, '/api/v1/me', authorization),
        target('app-info', appInfo, '/api/v1/me', authorization),
      ],
      context.options,
      context.log,
    );
    phases.set('healthz', health);
    phases.set('me', me);
    // Idle pool connections close after 10 s: load the app briefly, then look at its connections.
    await sendLoad(
      { url: `${appWarn.baseUrl}/api/v1/me`, headers: authorization },
      {
        connections: context.options.connections,
        durationSeconds: 1,
      },
    );
    const statementCheck = await checkAppStatements(database.url, statements);
    context.log(`SQL check: ${statementCheck.text}`);
    if (!statementCheck.isOk) {
      context.remark(`${name}: the app was not seen running the captured /me SQL (${statementCheck.text})`);
    }

    const rows: ResultRow[] = [];
    for (const level of ['warn', 'info'] as const) {
      rows.push(
        rowFor({
          metric: `GET /healthz (LOG_LEVEL=${level})`,
          baseline: 'bare node:http, same JSON',
          measured: health.get(`app-${level}`)!,
          baselineSummary: health.get('bare-http')!,
          target: healthzTarget,
          withPostgres: false,
        }),
      );
    }
    for (const level of ['warn', 'info'] as const) {
      rows.push(
        rowFor({
          metric: `GET /api/v1/me, bearer (LOG_LEVEL=${level})`,
          baseline: `bare Fastify + pg (pool ${poolSize}), same SQL`,
          measured: me.get(`app-${level}`)!,
          baselineSummary: me.get('fastify-pg')!,
          target: meTarget,
          withPostgres: true,
        }),
      );
    }
    const userKind = user.organizationId ? 'a provider with an organisation (2 queries)' : 'an admin (1 query)';
    context.remark(
      `${name}: /me is requested as ${userKind}; LOG_LEVEL=info is the default and writes one JSON line ` +
        'per request to stdout (here /dev/null); LOG_LEVEL=warn writes none. ' +
        `The load generator runs in the runner process on the same ${context.machine.cores} cores as the server (and PostgreSQL).`,
    );
    return rows;
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await database.drop();
    if (profileDir) reportProfiles(context, profileDir, phases);
  }
}

export const foundationHttp: Workload = {
  name,
  description: 'GET /healthz vs bare node:http; authenticated GET /api/v1/me vs bare Fastify + pg running the same SQL',
  run,
};
