/**
 * Workload accept-referral (benchmark W4, issue 5): the write at the heart of discharge
 * coordination — a station accepts a referral (POST /api/v1/referrals/:id/accept): the referral
 * changes state, the station joins the team, the other open referrals of the batch are withdrawn,
 * their expiry jobs cancelled, a timeline entry, notifications (outbox + NOTIFY) and an audit
 * entry are written, all in one transaction.
 *
 * The SQL is not written by hand: a server started with bench/lib/sql-capture-hook.mjs logs the
 * statements it sends while accepting two referrals; bench/lib/sql-template.ts turns them into a
 * template (what differs between the two is a per-transaction value or a fresh UUID or the time),
 * and the baselines replay exactly those statements:
 *
 *   PostgreSQL: the app through HTTP (50 connections) vs `pgbench -f` (the template as a pgbench
 *     script, -M extended like node-postgres, as many clients as the app's pool) on the same
 *     database, in turns. Targets: ≥ 0.5× pgbench's throughput; the app's p99 ≤ 3× its p50.
 *   PGlite: the app on a PGlite data directory through HTTP vs a raw loop in this process running
 *     the same statements on a copy of that directory through PGlite's own API. Target ≥ 0.8×.
 *
 * Before measuring, one acceptance by the app and one replayed transaction are compared row by row.
 */
import { spawn } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import type { BenchContext, ResultRow, Workload } from '../lib/types.js';
import { createBenchDatabase } from '../lib/database.js';
import { newSecret, prepareRenkei, projectRoot, resultsDir, startRenkei, mainThreadProfile } from '../lib/renkei.js';
import type { ServerProcess } from '../lib/process.js';
import { sendLoad, type LoadSample } from '../lib/load.js';
import { median } from '../lib/compare.js';
import { percentile } from '../lib/latency.js';
import { postgresCpuSnapshot, snapshotDelta } from '../lib/cpu.js';
import { monotonicMicros, renderProfileSummary, summariseProfile } from '../lib/profile.js';
import {
  accept,
  buildScenario,
  clonePending,
  effectsOf,
  ensureQueueTable,
  queueRows,
  type Scenario,
  type SqlExecutor,
} from '../lib/accept-scenario.js';
import {
  parametersFor,
  pgbenchReplay,
  readCapture,
  templateOf,
  type CapturedStatement,
  type StatementTemplate,
} from '../lib/sql-template.js';

const name = 'accept-referral';
const stationCount = 3;
const pgbenchPath = process.env.BENCH_PGBENCH ?? '/usr/bin/pgbench';
const hookPath = path.join(projectRoot, 'bench/lib/sql-capture-hook.mjs');
/** The server's PostgreSQL pool (src/db/client.ts default): pgbench gets as many clients. */
const appPoolSize = 10;
const postgresTarget = 0.5;
const tailTarget = 3;
const pgliteTarget = 0.8;
/** Which parts run: BENCH_W4_PARTS=postgresql or =pglite (default both). */
/** Extra connection counts for the PGlite app, reported for information (BENCH_W4_PGLITE_SWEEP=8,16; empty = none). */
const pgliteSweep = (process.env.BENCH_W4_PGLITE_SWEEP ?? '8')
  .split(',')
  .map((value) => Number(value.trim()))
  .filter((value) => Number.isInteger(value) && value > 0);
const parts = (process.env.BENCH_W4_PARTS ?? 'postgresql,pglite').split(',').map((part) => part.trim());

type Launch = { command: string; args: string[] };

type Sample = {
  rate: number;
  p50: number;
  p99: number;
  count: number;
  appCpuMicros?: number | null;
  postgresCpuMicros?: number | null;
  window: [number, number];
};

function summary(samples: Sample[]) {
  return {
    samples,
    rate: median(samples.map((sample) => sample.rate)),
    p50: median(samples.map((sample) => sample.p50)),
    p99: median(samples.map((sample) => sample.p99)),
  };
}

function describe(samples: Sample[]): string {
  return samples.map((sample) => Math.round(sample.rate)).join('/');
}

/** Captures the statements of two acceptances on the setup server (started with the capture hook). */
async function captureAcceptances(server: ServerProcess, captureFile: string, scenario: Scenario) {
  const captured: CapturedStatement[][] = [];
  const acceptor = scenario.stations[0]!;
  for (const target of scenario.captures) {
    // Let the server settle (health pings are dropped from the capture anyway).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const from = process.hrtime.bigint();
    const status = await accept(server.baseUrl, acceptor.token, target.referralIds[0]!);
    const to = process.hrtime.bigint();
    if (status !== 200) throw new Error(`the captured acceptance answered ${status}`);
    captured.push(readCapture(captureFile, from, to));
  }
  const known = scenario.captures.map((target) => ({
    case_id: target.caseId,
    ...Object.fromEntries(target.referralIds.map((id, index) => [`ref_${index}`, id])),
  }));
  const template = templateOf([captured[0]!, captured[1]!], [known[0]!, known[1]!]);
  return { template, statements: captured[0]! };
}

function statementList(template: StatementTemplate[]): string {
  return template
    .map((statement, index) => `${index + 1}. ${statement.text.replace(/\s+/g, ' ').slice(0, 140)}`)
    .join('\n');
}

/** Autocannon POSTs to /accept, each request on the next pending referral of `ids`. */
async function sendAccepts(
  server: ServerProcess,
  token: string,
  ids: { next: () => string },
  options: { connections: number; durationSeconds: number },
  postgresDatabase: string | null,
): Promise<Sample> {
  const cpuBefore = server.cpuSeconds();
  const postgresBefore = postgresDatabase ? postgresCpuSnapshot(postgresDatabase) : null;
  const started = monotonicMicros();
  const sample: LoadSample = await sendLoad(
    {
      url: `${server.baseUrl}/api/v1/referrals/00000000-0000-0000-0000-000000000000/accept`,
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      setupRequest: (request) => {
        request.path = `/api/v1/referrals/${ids.next()}/accept`;
        return request;
      },
    },
    // On PGlite, 50 connections queue behind one database connection: some answers take seconds.
    { ...options, timeoutSeconds: 120 },
  );
  const ended = monotonicMicros();
  const cpuAfter = server.cpuSeconds();
  const postgresSeconds = postgresDatabase
    ? snapshotDelta(postgresBefore, postgresCpuSnapshot(postgresDatabase))
    : null;
  return {
    rate: sample.requestsPerSecond,
    p50: sample.latencyP50Ms,
    p99: sample.latencyP99Ms,
    count: sample.requests,
    appCpuMicros:
      cpuBefore === null || cpuAfter === null || sample.requests === 0
        ? null
        : ((cpuAfter - cpuBefore) * 1e6) / sample.requests,
    postgresCpuMicros: postgresSeconds === null ? null : (postgresSeconds * 1e6) / sample.requests,
    window: [started, ended],
  };
}

/** A pool of pending referrals handed out one by one (the app's side). */
function idPool() {
  const ids: string[] = [];
  let position = 0;
  return {
    add: (more: string[]) => ids.push(...more),
    remaining: () => ids.length - position,
    next: () => {
      const id = ids[position];
      position += 1;
      // Out of pending referrals: answer with a used one, which fails the sample (409) loudly.
      return id ?? ids[ids.length - 1] ?? '00000000-0000-0000-0000-000000000000';
    },
  };
}

type PgbenchResult = Sample & { failed: number };

/** Runs pgbench on the script for `seconds` (or `transactions`), returns tps and latency percentiles. */
async function runPgbench(
  databaseUrl: string,
  script: string,
  options: { clients: number; seconds?: number; transactions?: number; mode: 'extended' | 'prepared' },
): Promise<PgbenchResult> {
  const url = new URL(databaseUrl);
  const logDirectory = mkdtempSync(path.join(tmpdir(), 'renkei-bench-pgbench-'));
  const prefix = path.join(logDirectory, 'log');
  const args = [
    '-n',
    '-M',
    options.mode,
    '-c',
    String(options.clients),
    '-j',
    String(Math.min(2, options.clients)),
    ...(options.seconds ? ['-T', String(options.seconds)] : ['-t', String(options.transactions ?? 1)]),
    '-f',
    script,
    '-l',
    `--log-prefix=${prefix}`,
  ];
  const started = monotonicMicros();
  // pgbench's backends end with it: sample their CPU while they run (the last 0.2 s is lost).
  const databaseName = url.pathname.slice(1);
  const postgresBefore = postgresCpuSnapshot(databaseName);
  const seen = new Map<number, number>();
  const sampler = setInterval(() => {
    for (const [pid, seconds] of postgresCpuSnapshot(databaseName) ?? []) seen.set(pid, seconds);
  }, 200);
  const output = await new Promise<string>((resolve, reject) => {
    const finish = (error: Error | null, text: string) => {
      clearInterval(sampler);
      if (error) reject(error);
      else resolve(text);
    };
    const child = spawn(pgbenchPath, args, {
      env: {
        ...process.env,
        PGHOST: url.hostname,
        PGPORT: url.port || '5432',
        PGUSER: decodeURIComponent(url.username || 'postgres'),
        PGDATABASE: url.pathname.slice(1),
        ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}),
      },
      cwd: logDirectory,
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('error', (error) => finish(error, ''));
    child.on('exit', (code) =>
      code === 0 ? finish(null, text) : finish(new Error(`pgbench exited with ${code}:\n${text}`), ''),
    );
  }).catch((error: unknown) => {
    rmSync(logDirectory, { recursive: true, force: true });
    throw error;
  });
  const ended = monotonicMicros();
  for (const [pid, seconds] of postgresCpuSnapshot(databaseName) ?? []) seen.set(pid, seconds);
  const postgresSeconds = snapshotDelta(postgresBefore, seen);
  const latencies: number[] = [];
  for (const file of readdirSync(logDirectory)) {
    for (const line of readFileSync(path.join(logDirectory, file), 'utf8').split('\n')) {
      const fields = line.trim().split(/\s+/);
      if (fields.length >= 6) latencies.push(Number(fields[2]) / 1000);
    }
  }
  rmSync(logDirectory, { recursive: true, force: true });
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  if (!Number.isFinite(tps) || latencies.length === 0) throw new Error(`could not read pgbench's output:\n${output}`);
  return {
    rate: tps,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    count: latencies.length,
    postgresCpuMicros: postgresSeconds === null ? null : (postgresSeconds * 1e6) / latencies.length,
    failed,
    window: [started, ended],
  };
}

function reportProfile(context: BenchContext, profileDir: string, key: string, windows: [number, number][]) {
  const file = mainThreadProfile(profileDir, key);
  if (!file || windows.length === 0) return;
  const text = renderProfileSummary(`${name}: accept on ${key}`, summariseProfile(file, { windows, top: 30 }));
  const output = path.join(profileDir, `${key}-accept.txt`);
  writeFileSync(output, `${text}\n`);
  context.log(`${text.split('\n').slice(0, 40).join('\n')}\n  … full summary in ${path.relative(projectRoot, output)}`);
}

function rateNeeded(context: BenchContext, assumedRate: number): number {
  const { warmupSeconds, durationSeconds } = context.options;
  return Math.ceil(assumedRate * (warmupSeconds + durationSeconds) * 1.5) + 200;
}

async function measurePostgres(context: BenchContext, launch: Launch): Promise<ResultRow[]> {
  const database = await createBenchDatabase('w4');
  const secret = newSecret();
  const servers: ServerProcess[] = [];
  mkdirSync(resultsDir, { recursive: true });
  const captureFile = path.join(resultsDir, `w4-capture-${process.pid}.jsonl`);
  const scriptFile = path.join(resultsDir, `w4-accept-${process.pid}.pgbench.sql`);
  const nextOnlyFile = path.join(resultsDir, `w4-accept-${process.pid}.next-only.pgbench.sql`);
  const profileDir = context.options.isProfiling ? path.join(resultsDir, 'profiles') : undefined;
  const client = new pg.Client({ connectionString: database.url, application_name: 'renkei-bench-runner' });
  try {
    rmSync(captureFile, { force: true });
    const setup = await startRenkei({
      name: 'w4-setup',
      launch: { command: launch.command, args: [...launch.args, '--demo'] },
      databaseUrl: database.url,
      secret,
      logLevel: 'warn',
      nodeArgs: ['--import', hookPath],
      env: { BENCH_SQL_CAPTURE: captureFile, RENKEI_JOBS: 'false' },
    });
    servers.push(setup);
    const scenario = await buildScenario(setup.baseUrl, stationCount, 2);
    const { template } = await captureAcceptances(setup, captureFile, scenario);
    await setup.stop();
    context.log(`PostgreSQL: an acceptance sends ${template.length} statements:\n${statementList(template)}`);
    const pgbench = pgbenchReplay(template, 'bench_queue_raw');
    writeFileSync(scriptFile, pgbench.script);
    // The per-transaction query alone (always the first row): what pgbench does on top of the app's SQL.
    const nextOnlyQuery = pgbench.script.split('\n')[0]!.replace(/\(SELECT nextval\('[a-z_]+'\)\)/, '1');
    writeFileSync(nextOnlyFile, `${nextOnlyQuery}\n`);

    await client.connect();
    const stationIds = scenario.stations.map((station) => station.organizationId);
    await ensureQueueTable(client, 'bench_queue_raw', stationIds.length);
    for (const statement of pgbench.setup) await client.query(statement);
    const pools = { app: 0, raw: 0 };
    const grow = async (pool: 'app' | 'raw', count: number) => {
      await clonePending(client, {
        templateCaseId: scenario.template.caseId,
        stationIds,
        queueTable: `bench_queue_${pool}`,
        from: pools[pool] + 1,
        count,
      });
      const added = pools[pool] + 1;
      pools[pool] += count;
      return added;
    };
    const appIds = idPool();
    const addApp = async (count: number) => {
      const from = await grow('app', count);
      appIds.add((await queueRows(client, 'bench_queue_app', from, count)).map((row) => row.ref_0!));
    };
    const rawRemaining = async () => {
      const { rows } = await client.query<{ used: string }>(
        'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS used FROM bench_queue_raw_seq',
      );
      return pools.raw - Number(rows[0]?.used ?? 0);
    };
    await addApp(rateNeeded(context, 300));
    await grow('raw', rateNeeded(context, 800));
    context.log(`PostgreSQL: ${pools.app + pools.raw} pending referral batches cloned from the template case`);

    const app = await startRenkei({
      name: 'w4-app',
      launch,
      databaseUrl: database.url,
      secret,
      logLevel: 'warn',
      ...(profileDir ? { profileDir } : {}),
    });
    servers.push(app);
    const token = scenario.stations[0]!.token;

    // The app's acceptance and the replay must change the same rows.
    const appRow = (await queueRows(client, 'bench_queue_app', 1, 1))[0]!;
    const appSkip = appIds.next();
    if (appSkip !== appRow.ref_0) throw new Error('queue out of step');
    if ((await accept(app.baseUrl, token, appRow.ref_0)) !== 200) throw new Error('the app did not accept');
    const replay = await runPgbench(database.url, scriptFile, { clients: 1, transactions: 1, mode: 'extended' });
    if (replay.failed > 0) throw new Error('the replayed acceptance failed');
    const rawRow = (await queueRows(client, 'bench_queue_raw', 1, 1))[0]!;
    const referralsOf = (row: Record<string, string>) => stationIds.map((_, index) => row[`ref_${index}`]!);
    const appEffects = await effectsOf(client, appRow.case_id!, referralsOf(appRow));
    const rawEffects = await effectsOf(client, rawRow.case_id!, referralsOf(rawRow));
    if (!isDeepStrictEqual(appEffects, rawEffects)) {
      throw new Error(
        `the replay does not change what the app changes:\n  app    ${JSON.stringify(appEffects)}\n  replay ${JSON.stringify(rawEffects)}`,
      );
    }
    context.log(
      `PostgreSQL: one app acceptance and one pgbench transaction left the same rows: ${JSON.stringify(appEffects)}`,
    );

    const { connections, durationSeconds, warmupSeconds, rounds } = context.options;
    const appSamples: Sample[] = [];
    const rawSamples: Sample[] = [];
    const preparedSamples: Sample[] = [];
    let appRate = 300;
    let rawRate = 800;
    const ensure = async () => {
      const appNeed = rateNeeded(context, appRate) - appIds.remaining();
      if (appNeed > 0) await addApp(appNeed);
      const rawNeed = rateNeeded(context, rawRate) * 2 - (await rawRemaining());
      if (rawNeed > 0) await grow('raw', rawNeed);
    };
    await ensure();
    const appWarm = await sendAccepts(app, token, appIds, { connections, durationSeconds: warmupSeconds }, null);
    appRate = Math.max(appRate, appWarm.rate);
    await ensure();
    const rawWarm = await runPgbench(database.url, scriptFile, {
      clients: appPoolSize,
      seconds: Math.max(1, Math.round(warmupSeconds)),
      mode: 'extended',
    });
    rawRate = Math.max(rawRate, rawWarm.rate);
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? (['app', 'raw', 'prepared'] as const) : (['raw', 'prepared', 'app'] as const);
      for (const side of order) {
        await ensure();
        if (side === 'app') {
          const sample = await sendAccepts(app, token, appIds, { connections, durationSeconds }, database.name);
          appRate = Math.max(appRate, sample.rate);
          appSamples.push(sample);
          context.log(
            `  round ${round + 1}/${rounds} app: ${Math.round(sample.rate)} accepts/s, p50 ${sample.p50} ms, p99 ${sample.p99} ms, ` +
              `${Math.round(sample.appCpuMicros ?? 0)} µs app CPU and ${Math.round(sample.postgresCpuMicros ?? 0)} µs PostgreSQL CPU per accept`,
          );
        } else {
          const sample = await runPgbench(database.url, scriptFile, {
            clients: appPoolSize,
            seconds: Math.max(1, Math.round(durationSeconds)),
            mode: side === 'raw' ? 'extended' : 'prepared',
          });
          if (sample.failed > 0) throw new Error(`${sample.failed} pgbench transactions failed`);
          rawRate = Math.max(rawRate, sample.rate);
          (side === 'raw' ? rawSamples : preparedSamples).push(sample);
          context.log(
            `  round ${round + 1}/${rounds} pgbench -M ${side === 'raw' ? 'extended' : 'prepared'}: ${Math.round(sample.rate)} tps, ` +
              `p50 ${sample.p50.toFixed(2)} ms, p99 ${sample.p99.toFixed(2)} ms, ${Math.round(sample.postgresCpuMicros ?? 0)} µs PostgreSQL CPU per transaction`,
          );
        }
      }
    }
    await app.stop();
    // What the \gset query alone costs pgbench (on the same row each time, nothing consumed).
    const nextOnly = await runPgbench(database.url, nextOnlyFile, {
      clients: appPoolSize,
      seconds: Math.max(1, Math.round(Math.min(durationSeconds, 5))),
      mode: 'extended',
    });
    context.log(
      `PostgreSQL: pgbench running only its per-transaction \\gset query: ${Math.round(nextOnly.rate)} tps, ` +
        `${Math.round(nextOnly.postgresCpuMicros ?? 0)} µs PostgreSQL CPU each`,
    );
    if (profileDir)
      reportProfile(
        context,
        profileDir,
        'w4-app',
        appSamples.map((sample) => sample.window),
      );

    const appSummary = summary(appSamples);
    const rawSummary = summary(rawSamples);
    const preparedSummary = summary(preparedSamples);
    const ratio = appSummary.rate / rawSummary.rate;
    const tail = appSummary.p99 / appSummary.p50;
    const cpu = (samples: Sample[], key: 'appCpuMicros' | 'postgresCpuMicros') =>
      Math.round(median(samples.map((sample) => sample[key] ?? Number.NaN)));
    const common =
      `${template.length} statements per acceptance (batch of ${stationCount} referrals: 1 accepted, ${stationCount - 1} withdrawn); ` +
      `app: 50 connections, pool ${appPoolSize}; pgbench: ${appPoolSize} clients, 2 threads`;
    return [
      {
        workload: name,
        metric: 'PostgreSQL: POST /api/v1/referrals/:id/accept, throughput',
        unit: 'tx/s',
        value: appSummary.rate,
        baseline: `pgbench -f (same statements, -M extended, ${appPoolSize} clients)`,
        baselineValue: rawSummary.rate,
        ratio,
        target: postgresTarget,
        pass: ratio >= postgresTarget,
        notes:
          `${common}; app p50 ${appSummary.p50} / p99 ${appSummary.p99} ms, ${cpu(appSamples, 'appCpuMicros')} µs app CPU and ` +
          `${cpu(appSamples, 'postgresCpuMicros')} µs PostgreSQL CPU per accept; pgbench p50 ${rawSummary.p50.toFixed(2)} / p99 ` +
          `${rawSummary.p99.toFixed(2)} ms, ${cpu(rawSamples, 'postgresCpuMicros')} µs PostgreSQL CPU per transaction; ` +
          `samples ${describe(appSamples)} vs ${describe(rawSamples)} tx/s; pgbench -M prepared ${Math.round(preparedSummary.rate)} tps ` +
          `(${describe(preparedSamples)}), ratio to it ${(appSummary.rate / preparedSummary.rate).toFixed(2)}; ` +
          `pgbench's own per-transaction query (\\gset, not in the app) alone: ${Math.round(nextOnly.rate)} tps, ` +
          `${Math.round(nextOnly.postgresCpuMicros ?? 0)} µs PostgreSQL CPU`,
        details: { app: appSummary, pgbench: rawSummary, pgbenchPrepared: preparedSummary, template },
      },
      {
        workload: name,
        metric: 'PostgreSQL: accept through HTTP, p99 ÷ p50',
        unit: 'ms',
        value: appSummary.p99,
        baseline: 'p50 of the same samples',
        baselineValue: appSummary.p50,
        ratio: tail,
        target: tailTarget,
        isLowerBetter: true,
        pass: tail <= tailTarget,
        notes: `p50 ${appSamples.map((sample) => sample.p50).join('/')} ms, p99 ${appSamples.map((sample) => sample.p99).join('/')} ms per round (autocannon, 50 connections, closed loop)`,
      },
    ];
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await client.end().catch(() => undefined);
    await database.drop();
    rmSync(captureFile, { force: true });
    rmSync(scriptFile, { force: true });
    rmSync(nextOnlyFile, { force: true });
  }
}

/** The PGlite raw loop: the template's statements on `db`, one acceptance after another. */
function rawLoop(db: PGlite, template: StatementTemplate[]) {
  const begin = template.findIndex((statement) => statement.text.trim().toUpperCase() === 'BEGIN');
  const commit = template.findIndex((statement) => statement.text.trim().toUpperCase() === 'COMMIT');
  if (begin < 0 || commit < begin) throw new Error('the captured acceptance has no BEGIN … COMMIT');
  return async (row: Record<string, string>) => {
    const parameters = parametersFor(template, row);
    for (let index = 0; index < begin; index += 1) await db.query(template[index]!.text, parameters[index]);
    await db.transaction(async (tx) => {
      for (let index = begin + 1; index < commit; index += 1) await tx.query(template[index]!.text, parameters[index]);
    });
    for (let index = commit + 1; index < template.length; index += 1)
      await db.query(template[index]!.text, parameters[index]);
  };
}

async function measurePglite(
  context: BenchContext,
  launch: Launch,
  postgresTexts: string[] | null,
): Promise<ResultRow[]> {
  const secret = newSecret();
  const base = mkdtempSync(path.join(tmpdir(), `renkei-bench-w4-${process.pid}-`));
  const appDir = path.join(base, 'app');
  const rawDir = path.join(base, 'raw');
  mkdirSync(resultsDir, { recursive: true });
  const captureFile = path.join(resultsDir, `w4-capture-pglite-${process.pid}.jsonl`);
  const profileDir = context.options.isProfiling ? path.join(resultsDir, 'profiles') : undefined;
  const servers: ServerProcess[] = [];
  let raw: PGlite | null = null;
  try {
    const setup = await startRenkei({
      name: 'w4-pglite-setup',
      launch: { command: launch.command, args: [...launch.args, '--demo'] },
      databaseUrl: null,
      pgliteDataDir: appDir,
      secret,
      logLevel: 'warn',
      nodeArgs: ['--import', hookPath],
      env: { BENCH_SQL_CAPTURE: captureFile, RENKEI_JOBS: 'false' },
    });
    servers.push(setup);
    const scenario = await buildScenario(setup.baseUrl, stationCount, 2);
    const { template } = await captureAcceptances(setup, captureFile, scenario);
    await setup.stop();
    if (process.env.BENCH_W4_KEEP) writeFileSync(path.join(base, 'template.json'), JSON.stringify(template));
    const texts = template.map((statement) => statement.text.trim().toLowerCase());
    const sameAsPostgres = postgresTexts ? isDeepStrictEqual(texts, postgresTexts) : null;
    context.log(
      `PGlite: an acceptance sends ${template.length} statements` +
        (sameAsPostgres === null
          ? ''
          : sameAsPostgres
            ? ' (the same as on PostgreSQL)'
            : ' (NOT the same as on PostgreSQL)'),
    );

    // Pending referrals for both sides, then a copy of the directory for the raw loop.
    const needApp = rateNeeded(context, 120) * (context.options.rounds + 1) * (1 + pgliteSweep.length);
    const needRaw = rateNeeded(context, 200) * (context.options.rounds + 1);
    const stationIds = scenario.stations.map((station) => station.organizationId);
    const prepare = await PGlite.create({ dataDir: appDir });
    await clonePending(prepare, {
      templateCaseId: scenario.template.caseId,
      stationIds,
      queueTable: 'bench_queue_app',
      from: 1,
      count: needApp,
    });
    await clonePending(prepare, {
      templateCaseId: scenario.template.caseId,
      stationIds,
      queueTable: 'bench_queue_raw',
      from: 1,
      count: needRaw,
    });
    const appIds = idPool();
    appIds.add(
      (await queueRows(prepare as unknown as SqlExecutor, 'bench_queue_app', 1, needApp)).map((row) => row.ref_0!),
    );
    const rawRows = await queueRows(prepare, 'bench_queue_raw', 1, needRaw);
    await prepare.close();
    cpSync(appDir, rawDir, { recursive: true });
    context.log(`PGlite: ${needApp + needRaw} pending referral batches cloned; data directory copied for the raw loop`);

    const app = await startRenkei({
      name: 'w4-pglite-app',
      launch,
      databaseUrl: null,
      pgliteDataDir: appDir,
      secret,
      logLevel: 'warn',
      ...(profileDir ? { profileDir } : {}),
    });
    servers.push(app);
    raw = await PGlite.create({ dataDir: rawDir });
    const replay = rawLoop(raw, template);
    let rawPosition = 0;
    const nextRaw = () => {
      const row = rawRows[rawPosition];
      rawPosition += 1;
      if (!row) throw new Error('the raw loop ran out of pending referrals');
      return row;
    };
    const runRaw = async (seconds: number): Promise<Sample> => {
      const latencies: number[] = [];
      const started = monotonicMicros();
      const deadline = performance.now() + seconds * 1000;
      while (performance.now() < deadline) {
        const before = performance.now();
        await replay(nextRaw());
        latencies.push(performance.now() - before);
      }
      const ended = monotonicMicros();
      return {
        rate: latencies.length / ((ended - started) / 1e6),
        p50: percentile(latencies, 0.5),
        p99: percentile(latencies, 0.99),
        count: latencies.length,
        window: [started, ended],
      };
    };
    const token = scenario.stations[0]!.token;
    const { connections, durationSeconds, warmupSeconds, rounds } = context.options;
    // A few acceptances one at a time first: the server finishes starting (directory index, first
    // queries) before 50 connections queue behind PGlite's single connection.
    for (let index = 0; index < 20; index += 1) {
      const status = await accept(app.baseUrl, token, appIds.next());
      if (status !== 200) throw new Error(`the PGlite app answered ${status} to an acceptance`);
    }
    await sendAccepts(app, token, appIds, { connections, durationSeconds: warmupSeconds }, null);
    await runRaw(warmupSeconds);
    const appSamples: Sample[] = [];
    const rawSamples: Sample[] = [];
    const sweepSamples = new Map<number, Sample[]>(pgliteSweep.map((count) => [count, []]));
    // With --profile, the raw loop (this process) is profiled too, to compare where time goes.
    const session = profileDir ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? (['app', 'raw'] as const) : (['raw', 'app'] as const);
      for (const side of order) {
        const sample =
          side === 'app'
            ? await sendAccepts(app, token, appIds, { connections, durationSeconds }, null)
            : await runRaw(durationSeconds);
        (side === 'app' ? appSamples : rawSamples).push(sample);
        context.log(
          `  round ${round + 1}/${rounds} PGlite ${side === 'app' ? 'app' : 'raw loop'}: ${Math.round(sample.rate)} accepts/s, ` +
            `p50 ${sample.p50.toFixed(2)} ms, p99 ${sample.p99.toFixed(2)} ms` +
            (side === 'app' ? `, ${Math.round(sample.appCpuMicros ?? 0)} µs app CPU per accept` : ''),
        );
      }
      for (const count of pgliteSweep) {
        const sample = await sendAccepts(app, token, appIds, { connections: count, durationSeconds }, null);
        sweepSamples.get(count)?.push(sample);
        context.log(
          `  round ${round + 1}/${rounds} PGlite app at ${count} connections: ${Math.round(sample.rate)} accepts/s, ` +
            `p50 ${sample.p50.toFixed(2)} ms, p99 ${sample.p99.toFixed(2)} ms, ${Math.round(sample.appCpuMicros ?? 0)} µs app CPU per accept`,
        );
      }
    }
    if (session && profileDir) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      const file = path.join(profileDir, 'w4-pglite-raw-loop.cpuprofile');
      writeFileSync(file, JSON.stringify(profile));
      const text = renderProfileSummary(
        `${name}: PGlite raw loop (runner)`,
        summariseProfile(file, { windows: rawSamples.map((sample) => sample.window), top: 30 }),
      );
      writeFileSync(path.join(profileDir, 'w4-pglite-raw-loop.txt'), `${text}\n`);
      context.log(text.split('\n').slice(0, 30).join('\n'));
    }
    // Every replayed acceptance must have done what the app's do.
    const check = await raw.query<{ accepted: number; members: number }>(
      `SELECT (SELECT count(*)::int FROM referrals r JOIN bench_queue_raw q ON q.ref_0 = r.id WHERE q.n <= $1 AND r.status = 'accepted') AS accepted,
              (SELECT count(*)::int FROM team_members t JOIN bench_queue_raw q ON q.case_id = t.case_id WHERE q.n <= $1) AS members`,
      [rawPosition],
    );
    const counts = check.rows[0];
    if (counts?.accepted !== rawPosition || counts.members !== rawPosition) {
      throw new Error(`the raw loop ran ${rawPosition} acceptances but left ${JSON.stringify(counts)}`);
    }
    await app.stop();
    if (profileDir)
      reportProfile(
        context,
        profileDir,
        'w4-pglite-app',
        appSamples.map((sample) => sample.window),
      );
    const appSummary = summary(appSamples);
    const rawSummary = summary(rawSamples);
    const ratio = appSummary.rate / rawSummary.rate;
    return [
      {
        workload: name,
        metric: 'PGlite: POST /api/v1/referrals/:id/accept, throughput',
        unit: 'tx/s',
        value: appSummary.rate,
        baseline: 'raw in-process PGlite loop, same statements',
        baselineValue: rawSummary.rate,
        ratio,
        target: pgliteTarget,
        pass: ratio >= pgliteTarget,
        notes:
          `${template.length} statements per acceptance${sameAsPostgres === false ? ' (differ from PostgreSQL’s!)' : ', the same as on PostgreSQL'}; ` +
          `app p50 ${appSummary.p50} / p99 ${appSummary.p99} ms (50 connections; PGlite runs one transaction at a time), ` +
          `${Math.round(median(appSamples.map((sample) => sample.appCpuMicros ?? Number.NaN)))} µs app CPU per accept; ` +
          `raw loop p50 ${rawSummary.p50.toFixed(2)} / p99 ${rawSummary.p99.toFixed(2)} ms (one at a time); ` +
          `samples ${describe(appSamples)} vs ${describe(rawSamples)} tx/s`,
        details: { app: appSummary, raw: rawSummary },
      },
      ...[...sweepSamples].map(([count, samples]): ResultRow => {
        const sweep = summary(samples);
        return {
          workload: name,
          metric: `PGlite: accept throughput at ${count} connections (information)`,
          unit: 'tx/s',
          value: sweep.rate,
          baseline: 'raw in-process PGlite loop, same statements',
          baselineValue: rawSummary.rate,
          ratio: sweep.rate / rawSummary.rate,
          target: null,
          pass: null,
          notes:
            `the same server and load generator with ${count} connections instead of ${connections} (PGlite runs one ` +
            `transaction at a time, so fewer waiting requests); app p50 ${sweep.p50} / p99 ${sweep.p99} ms, ` +
            `${Math.round(median(samples.map((sample) => sample.appCpuMicros ?? Number.NaN)))} µs app CPU per accept; ` +
            `samples ${describe(samples)} tx/s`,
          details: { app: sweep },
        };
      }),
    ];
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await raw?.close().catch(() => undefined);
    if (process.env.BENCH_W4_KEEP) context.log(`PGlite directories kept in ${base}`);
    else rmSync(base, { recursive: true, force: true });
    rmSync(captureFile, { force: true });
  }
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const launch = prepareRenkei(context);
  const rows: ResultRow[] = [];
  let postgresTexts: string[] | null = null;
  if (!parts.includes('postgresql'))
    context.remark(`${name}: BENCH_W4_PARTS=${parts.join(',')}: the PostgreSQL part was skipped.`);
  else
    try {
      const postgresRows = await measurePostgres(context, launch);
      rows.push(...postgresRows);
      const template = (postgresRows[0]?.details as { template?: StatementTemplate[] } | undefined)?.template;
      postgresTexts = template ? template.map((statement) => statement.text.trim().toLowerCase()) : null;
    } catch (error) {
      context.remark(
        `${name}: the PostgreSQL part failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
      context.log(`PostgreSQL part failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  if (!parts.includes('pglite'))
    context.remark(`${name}: BENCH_W4_PARTS=${parts.join(',')}: the PGlite part was skipped.`);
  else
    try {
      rows.push(...(await measurePglite(context, launch, postgresTexts)));
    } catch (error) {
      context.remark(
        `${name}: the PGlite part failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
      context.log(`PGlite part failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  context.remark(
    `${name}: the SQL of an acceptance was captured from the server (bench/lib/sql-capture-hook.mjs) and replayed by the ` +
      'baselines; pgbench runs one more query per transaction than the app (SELECT … \\gset: the ids of the next pending ' +
      'referral and the fresh UUIDs and times prepared with it; its cost alone is in the details), which only slows the baseline. ' +
      'pgbench re-parses the session lookup that the app prepares once per connection.',
  );
  return rows;
}

export const acceptReferral: Workload = {
  name,
  description:
    'W4: accepting a referral through HTTP vs pgbench running the same SQL (PostgreSQL) and a raw PGlite loop',
  run,
};
