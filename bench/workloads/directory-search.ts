/**
 * Workload directory-search (benchmark W1, issue 4): the resource search's in-memory index.
 *
 * On two data sets — Okayama City (the reference data) and a national-scale set of 200,000
 * points (the MHLW national files of visiting-nursing stations and care-management offices plus
 * synthetic clinics; see bench/lib/directory-data.ts) — each loaded into a PostgreSQL database
 * and read back exactly as the server's index reads it:
 *
 *   1. p99 of the filtered search (k = 20, radius 30 km, one patient group + one procedure,
 *      accepting only) vs p99 of an unfiltered geokdbush `around` (k = 20, 30 km) over the same
 *      points and query points, in this process (target ≤ 1.5×);
 *   2. a selectivity sweep from 100 % to 0.1 %: the index vs a bitmask-prefiltered linear scan
 *      (bench/lib/linear-scan.ts) with the same filters (target: never slower, p99 ≤ 1.0×);
 *   3. the same filtered searches through HTTP (GET /api/v1/resources/search, signed in) at 50
 *      connections: p99 ≤ the in-process p99 + 1 ms — at a fixed rate (open loop) and as fast
 *      as the server answers (closed loop).
 *
 * Every answer of the index, of the linear scan and of the server is checked against the brute
 * force (search-index.ts bruteForceSearch) before anything is measured.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { isDeepStrictEqual } from 'node:util';
import {
  DirectoryIndex,
  bruteForceSearch,
  type DirectoryEntry,
  type SearchHit,
  type SearchQuery,
} from '../../src/domain/directory/search-index.js';
import { patientGroups, procedures, type PatientGroup, type Procedure } from '../../src/domain/codes.js';
import type { BenchContext, ResultRow, Workload } from '../lib/types.js';
import { createBenchDatabase, type BenchDatabase } from '../lib/database.js';
import {
  mainThreadProfile,
  newSecret,
  prepareRenkei,
  projectRoot,
  resultsDir,
  signIn,
  startRenkei,
} from '../lib/renkei.js';
import { monotonicMicros, renderProfileSummary, summariseProfile } from '../lib/profile.js';
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { freePort, startServer, type ServerProcess } from '../lib/process.js';
import { sendLoad, type LoadSample } from '../lib/load.js';
import { sendOpenLoop } from '../lib/open-loop.js';
import { median } from '../lib/compare.js';
import { formatMicroseconds, measureLatencies, percentile, timeQueries, type LatencySummary } from '../lib/latency.js';
import { LinearScan } from '../lib/linear-scan.js';
import {
  cityQueryPoints,
  insertNationalOrganizations,
  nationalQueryPoints,
  profileExistingOrganizations,
  randomFor,
  readDirectoryEntries,
  readNationalFiles,
  syntheticClinics,
  type QueryPoint,
} from '../lib/directory-data.js';

const name = 'directory-search';
const limit = 20;
const radiusKm = 30;
const staleAfterMs = 14 * 24 * 60 * 60 * 1000;
const nationalSize = 200_000;
const aroundTarget = 1.5;
const linearTarget = 1.0;
const httpMarginMs = 1;
/** Open-loop rate of the HTTP measurement (requests per second from the 50 connections together). */
const httpRate = 100;
const sweepLevels = [1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001];
/** Which data sets run: BENCH_W1_SETS=city or =national (default both). */
const dataSets = (process.env.BENCH_W1_SETS ?? 'city,national').split(',').map((set) => set.trim());

type FilteredQuery = { point: QueryPoint & { areaCode: string | null }; group: PatientGroup; procedure: Procedure };

type DataSet = {
  label: string;
  description: string;
  database: BenchDatabase;
  entries: DirectoryEntry[];
  queries: FilteredQuery[];
  /** How many query points the selectivity sweep uses (the linear scan is slow on 200,000 points). */
  sweepQueries: number;
  /**
   * The searches sent through HTTP when they differ from `queries`: the server refuses points
   * outside Okayama City (location_outside_city), so the national set is searched over HTTP from
   * the city's points — its index still holds every organisation of the country.
   */
  httpQueries?: FilteredQuery[];
};

function searchQuery(query: FilteredQuery, nowMs: number): SearchQuery {
  return {
    lat: query.point.lat,
    lng: query.point.lng,
    radiusKm,
    pointAreaCode: query.point.areaCode,
    kinds: [],
    groups: [query.group],
    procedures: [query.procedure],
    acceptingOnly: true,
    limit,
    nowMs,
    staleAfterMs,
  };
}

/** One patient group and one procedure per query point, uniformly over all pairs (seeded). */
function withFilters(points: (QueryPoint & { areaCode: string | null })[], seed: string): FilteredQuery[] {
  const random = randomFor(seed);
  return points.map((point) => ({
    point,
    group: patientGroups[Math.floor(random.next() * patientGroups.length)]!,
    procedure: procedures[Math.floor(random.next() * procedures.length)]!,
  }));
}

function sameHits(actual: SearchHit[], expected: SearchHit[]): boolean {
  return isDeepStrictEqual(actual, expected);
}

/** Index and linear scan must answer exactly what the brute force answers. */
function assertBruteForce(
  label: string,
  entries: DirectoryEntry[],
  queries: SearchQuery[],
  engines: { key: string; search: (query: SearchQuery) => SearchHit[] }[],
): void {
  for (const query of queries) {
    const expected = bruteForceSearch(entries, query);
    for (const engine of engines) {
      const actual = engine.search(query);
      if (!sameHits(actual, expected)) {
        throw new Error(
          `${label}: ${engine.key} differs from the brute force for ${JSON.stringify(query)}:\n` +
            `  ${JSON.stringify(actual.slice(0, 5))}\n  ${JSON.stringify(expected.slice(0, 5))}`,
        );
      }
    }
  }
}

/** Starts a server on the database once, so it migrates and loads the reference data, then stops it. */
async function prepareDatabase(
  context: BenchContext,
  label: string,
  launch: { command: string; args: string[] },
  secret: string,
): Promise<BenchDatabase> {
  const database = await createBenchDatabase(`w1${label}`);
  const setup = await startRenkei({
    name: `${label}-setup`,
    launch,
    databaseUrl: database.url,
    secret,
    logLevel: 'warn',
  });
  await setup.stop();
  context.log(`${label}: database ${database.name} migrated with the reference data`);
  return database;
}

async function insertCoordinator(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'renkei-bench-runner' });
  await client.connect();
  try {
    const organization = randomUUID();
    const user = { id: randomUUID(), email: `bench-w1-${process.pid}@example.jp`, password: randomUUID() };
    await client.query(
      `INSERT INTO organizations (id, kind, name, search_text, address, source)
       VALUES ($1, 'coordination_center', 'ベンチマーク 連携センター', 'ベンチマーク', '', 'bench')`,
      [organization],
    );
    await client.query(
      `INSERT INTO users (id, email, name, role, organization_id, password_hash)
       VALUES ($1, $2, 'ベンチマーク 調整員', 'center_coordinator', $3, $4)`,
      [user.id, user.email, organization, await hash(user.password)],
    );
    return { ...user, organizationId: organization };
  } finally {
    await client.end();
  }
}

function searchPath(query: FilteredQuery): string {
  const parameters = new URLSearchParams({
    lat: String(query.point.lat),
    lng: String(query.point.lng),
    radiusKm: String(radiusKm),
    limit: String(limit),
    group: query.group,
    procedure: query.procedure,
    accepting: 'true',
  });
  return `/api/v1/resources/search?${parameters.toString()}`;
}

/** The server must answer what the brute force answers (ids, order, freshness, distances). */
async function assertServerAnswers(
  server: ServerProcess,
  token: string,
  entries: DirectoryEntry[],
  queries: FilteredQuery[],
): Promise<void> {
  for (const query of queries) {
    const response = await fetch(`${server.baseUrl}${searchPath(query)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as {
      origin: { areaCode: string | null };
      items: { organization: { id: string }; distanceKm: number; availability: { isStale: boolean } | null }[];
    };
    if (response.status !== 200) throw new Error(`search answered ${response.status}: ${JSON.stringify(body)}`);
    const expected = bruteForceSearch(entries, {
      ...searchQuery(query, Date.now()),
      pointAreaCode: body.origin.areaCode,
    });
    const actual = body.items.map((item) => ({
      id: item.organization.id,
      isStale: item.availability?.isStale ?? true,
    }));
    const distancesMatch = body.items.every(
      (item, index) => Math.abs(item.distanceKm - (expected[index]?.distanceKm ?? Number.NaN)) < 0.001,
    );
    if (
      !isDeepStrictEqual(
        actual,
        expected.map(({ id, isStale }) => ({ id, isStale })),
      ) ||
      !distancesMatch
    ) {
      throw new Error(`the server's answer differs from the brute force for ${searchPath(query)}`);
    }
  }
}

type HttpSummary = {
  samples: LoadSample[];
  windows: [number, number][];
  /** Server CPU per answered request, µs, per sample. */
  cpuMicros: (number | null)[];
  medianP50: number;
  medianP99: number;
  medianRate: number;
  medianCpuMicros: number;
};

function summarise(samples: LoadSample[], windows: [number, number][], cpuMicros: (number | null)[]): HttpSummary {
  return {
    samples,
    windows,
    cpuMicros,
    medianCpuMicros: median(cpuMicros.map((value) => value ?? Number.NaN)),
    medianP50: median(samples.map((sample) => sample.latencyP50Ms)),
    medianP99: median(samples.map((sample) => sample.latencyP99Ms)),
    medianRate: median(samples.map((sample) => sample.requestsPerSecond)),
  };
}

/** Open loop at `httpRate` and closed loop, in turns; each summarised by the median of its rounds. */
async function measureHttp(
  context: BenchContext,
  server: ServerProcess,
  token: string,
  queries: FilteredQuery[],
  pathName: (query: FilteredQuery) => string,
  startFloor: (bodies: Record<string, string>) => Promise<ServerProcess>,
): Promise<{ rate: HttpSummary; closed: HttpSummary; floor: HttpSummary }> {
  const paths = queries.map(pathName);
  let next = 0;
  const target = {
    url: `${server.baseUrl}${paths[0]}`,
    headers: { authorization: `Bearer ${token}` },
    setupRequest: (request: Parameters<NonNullable<Parameters<typeof sendLoad>[0]['setupRequest']>>[0]) => {
      request.path = paths[next % paths.length];
      next += 1;
      return request;
    },
  };
  const { connections, durationSeconds, warmupSeconds, rounds } = context.options;
  // Every query once, one at a time: the server builds the tree of each filter combination on its
  // first search (its cost is reported in-process as the "first search" figure), not measured here.
  // The answers are kept: the floor server replays them byte for byte.
  const bodies: Record<string, string> = {};
  for (const pathOfQuery of paths) {
    const response = await fetch(`${server.baseUrl}${pathOfQuery}`, { headers: target.headers });
    bodies[pathOfQuery] = await response.text();
  }
  const floor = await startFloor(bodies);
  try {
    await sendLoad(target, { connections, durationSeconds: warmupSeconds });
    await sendLoad({ ...target, url: `${floor.baseUrl}${paths[0]}` }, { connections, durationSeconds: warmupSeconds });
    const samples = { rate: [] as LoadSample[], closed: [] as LoadSample[], floor: [] as LoadSample[] };
    const windows = {
      rate: [] as [number, number][],
      closed: [] as [number, number][],
      floor: [] as [number, number][],
    };
    const cpu = { rate: [] as (number | null)[], closed: [] as (number | null)[], floor: [] as (number | null)[] };
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? (['floor', 'rate', 'closed'] as const) : (['closed', 'rate', 'floor'] as const);
      for (const mode of order) {
        const measured = mode === 'floor' ? floor : server;
        const started = monotonicMicros();
        const cpuBefore = measured.cpuSeconds();
        const sample =
          mode === 'closed'
            ? await sendLoad(target, { connections, durationSeconds })
            : await sendOpenLoop({
                baseUrl: measured.baseUrl,
                paths,
                headers: target.headers,
                rate: httpRate,
                durationSeconds,
                connections,
              });
        samples[mode].push(sample);
        windows[mode].push([started, monotonicMicros()]);
        const cpuAfter = measured.cpuSeconds();
        cpu[mode].push(
          cpuBefore === null || cpuAfter === null
            ? null
            : ((cpuAfter - cpuBefore) * 1e6) / Math.max(1, sample.requests),
        );
        const label = { rate: `${httpRate} req/s`, closed: 'closed loop', floor: `floor ${httpRate} req/s` }[mode];
        context.log(
          `  round ${round + 1}/${rounds} HTTP ${label}: ` +
            `${Math.round(sample.requestsPerSecond)} req/s, p50 ${sample.latencyP50Ms.toFixed(2)} ms, p99 ${sample.latencyP99Ms.toFixed(2)} ms`,
        );
      }
    }
    return {
      rate: summarise(samples.rate, windows.rate, cpu.rate),
      closed: summarise(samples.closed, windows.closed, cpu.closed),
      floor: summarise(samples.floor, windows.floor, cpu.floor),
    };
  } finally {
    await floor.stop();
  }
}

/** The filter of the sweep level closest (in log scale) to each wanted selectivity. */
function sweepFilters(entries: DirectoryEntry[]) {
  const accepting = (entry: DirectoryEntry) =>
    entry.availabilityStatus === 'accepting' || entry.availabilityStatus === 'limited';
  const candidates: { groups: PatientGroup[]; procedures: Procedure[]; acceptingOnly: boolean; share: number }[] = [
    { groups: [], procedures: [], acceptingOnly: false, share: 1 },
  ];
  for (const acceptingOnly of [false, true]) {
    for (const group of patientGroups) {
      for (const procedure of procedures) {
        const count = entries.filter(
          (entry) =>
            entry.groups.includes(group) &&
            entry.procedures.includes(procedure) &&
            (!acceptingOnly || accepting(entry)),
        ).length;
        candidates.push({ groups: [group], procedures: [procedure], acceptingOnly, share: count / entries.length });
      }
    }
  }
  return sweepLevels.map((level) => {
    const best = candidates
      .filter((candidate) => candidate.share > 0)
      .reduce((chosen, candidate) =>
        Math.abs(Math.log(candidate.share / level)) < Math.abs(Math.log(chosen.share / level)) ? candidate : chosen,
      );
    return { level, ...best };
  });
}

/** 100, 30, 3.2, 0.33 (%). */
function formatPercent(share: number): string {
  const percent = share * 100;
  return percent >= 10 ? String(Math.round(percent)) : percent.toPrecision(2);
}

function latencyNotes(summary: LatencySummary): string {
  return (
    `p50 ${formatMicroseconds(summary.medianP50)}, p99 ${formatMicroseconds(summary.medianP99)}, ` +
    `single-pass p99 ${formatMicroseconds(summary.medianFirstPassP99)}; p99 per round ` +
    summary.rounds.map((round) => formatMicroseconds(round.p99)).join('/')
  );
}

async function measureDataSet(
  context: BenchContext,
  data: DataSet,
  launch: { command: string; args: string[] },
  secret: string,
) {
  const { entries } = data;
  const rows: ResultRow[] = [];
  const passes = context.options.isQuick ? 1 : 3;
  const rounds = context.options.rounds;
  context.log(
    `${data.label}: ${entries.length.toLocaleString('en-US')} organisations, ${data.queries.length} query points`,
  );

  // The index as the server builds it, geokdbush over the same points, the linear scan.
  const started = performance.now();
  const index = new DirectoryIndex(entries);
  const buildMs = performance.now() - started;
  const linear = new LinearScan(entries);
  const kdTrees = [64, 16].map((nodeSize) => {
    const kd = new KDBush(entries.length, nodeSize);
    for (const entry of entries) kd.add(entry.lng, entry.lat);
    kd.finish();
    return { nodeSize, kd };
  });

  const nowMs = Date.now();
  const filtered = data.queries.map((query) => searchQuery(query, nowMs));
  // Cold: the first search of each capability key builds its tree.
  const cold = timeQueries((query: SearchQuery) => index.search(query), filtered, 1).firstPass;
  const checked = data.label === 'city' ? filtered : filtered.slice(0, 300);
  assertBruteForce(data.label, entries, checked, [
    { key: 'index', search: (query) => index.search(query) },
    { key: 'linear scan', search: (query) => linear.search(query) },
  ]);
  context.log(`${data.label}: index and linear scan equal the brute force on ${checked.length} filtered queries`);
  const results = filtered.map((query) => index.search(query).length);
  const withFewer = results.filter((count) => count < limit).length;

  // 1. Filtered search vs unfiltered geokdbush around.
  const latencies = measureLatencies(
    [
      { key: 'index', run: (query: SearchQuery) => index.search(query) },
      ...kdTrees.map(({ nodeSize, kd }) => ({
        key: `around-${nodeSize}`,
        run: (query: SearchQuery) => around(kd, query.lng, query.lat, limit, radiusKm),
      })),
    ],
    filtered,
    { rounds, passes },
  );
  const indexSummary = latencies.get('index')!;
  const aroundSummary = [latencies.get('around-64')!, latencies.get('around-16')!].sort(
    (a, b) => a.medianP99 - b.medianP99,
  )[0]!;
  const aroundNodeSize = aroundSummary.key.replace('around-', '');
  const aroundRatio = indexSummary.medianP99 / aroundSummary.medianP99;
  rows.push({
    workload: name,
    metric: `${data.label}: filtered search p99 (k=${limit}, ${radiusKm} km, 1 group + 1 procedure, accepting)`,
    unit: 'µs',
    value: indexSummary.medianP99,
    baseline: `geokdbush around, unfiltered (k=${limit}, ${radiusKm} km, node size ${aroundNodeSize})`,
    baselineValue: aroundSummary.medianP99,
    ratio: aroundRatio,
    target: aroundTarget,
    isLowerBetter: true,
    pass: aroundRatio <= aroundTarget,
    notes:
      `${data.description}; index ${latencyNotes(indexSummary)}; around ${latencyNotes(aroundSummary)} ` +
      `(node size 64: p99 ${formatMicroseconds(latencies.get('around-64')!.medianP99)}, 16: ` +
      `${formatMicroseconds(latencies.get('around-16')!.medianP99)}; the faster is the baseline); ` +
      `index built in ${Math.round(buildMs)} ms; first search of each filter combination (tree built on the way) ` +
      `p99 ${formatMicroseconds(percentile(cold, 0.99))}, max ${formatMicroseconds(Math.max(...cold))}; ` +
      `${withFewer} of ${filtered.length} filtered searches found fewer than ${limit} within ${radiusKm} km`,
    details: { index: indexSummary, around: Object.fromEntries(latencies) },
  });
  context.log(
    `${data.label}: filtered p99 ${formatMicroseconds(indexSummary.medianP99)} vs around p99 ` +
      `${formatMicroseconds(aroundSummary.medianP99)} → ${aroundRatio.toFixed(2)}`,
  );

  // 2. Selectivity sweep: index vs bitmask-prefiltered linear scan, same filters.
  const sweepPoints = data.queries.slice(0, data.sweepQueries);
  for (const level of sweepFilters(entries)) {
    const queries = sweepPoints.map((query) => ({
      ...searchQuery(query, nowMs),
      groups: level.groups,
      procedures: level.procedures,
      acceptingOnly: level.acceptingOnly,
    }));
    assertBruteForce(data.label, entries, queries.slice(0, data.label === 'city' ? queries.length : 40), [
      { key: 'index', search: (query) => index.search(query) },
      { key: 'linear scan', search: (query) => linear.search(query) },
    ]);
    const sweep = measureLatencies(
      [
        { key: 'index', run: (query: SearchQuery) => index.search(query) },
        { key: 'linear', run: (query: SearchQuery) => linear.search(query) },
      ],
      queries,
      { rounds, passes },
    );
    const measured = sweep.get('index')!;
    const baseline = sweep.get('linear')!;
    const ratio = measured.medianP99 / baseline.medianP99;
    const filter =
      level.groups.length === 0
        ? 'no filter'
        : `${level.groups[0]} + ${level.procedures[0]}${level.acceptingOnly ? ' + accepting' : ''}`;
    rows.push({
      workload: name,
      metric: `${data.label}: selectivity ${formatPercent(level.share)} % (${filter}) p99`,
      unit: 'µs',
      value: measured.medianP99,
      baseline: 'bitmask-prefiltered linear scan, same filters',
      baselineValue: baseline.medianP99,
      ratio,
      target: linearTarget,
      isLowerBetter: true,
      pass: ratio <= linearTarget,
      notes:
        `wanted ${formatPercent(level.level)} %, ${sweepPoints.length} query points; ` +
        `index ${latencyNotes(measured)}; linear scan ${latencyNotes(baseline)}; mean ${formatMicroseconds(measured.medianMean)} vs ${formatMicroseconds(baseline.medianMean)}`,
      details: { index: measured, linear: baseline },
    });
    context.log(
      `${data.label}: selectivity ${formatPercent(level.share)} %: index p99 ${formatMicroseconds(measured.medianP99)} ` +
        `vs linear p99 ${formatMicroseconds(baseline.medianP99)}`,
    );
  }

  // 3. Through HTTP.
  const profileDir = context.options.isProfiling ? path.join(resultsDir, 'profiles') : undefined;
  const serverName = `w1-${data.label}-app`;
  const server = await startRenkei({
    name: serverName,
    launch,
    databaseUrl: data.database.url,
    secret,
    logLevel: 'warn',
    ...(profileDir ? { profileDir } : {}),
  });
  let profileWindows: [number, number][] = [];
  try {
    const user = await insertCoordinator(data.database.url);
    const token = await signIn(server.baseUrl, user);
    const httpQueries = data.httpQueries ?? data.queries;
    await assertServerAnswers(server, token, entries, httpQueries.slice(0, 40));
    context.log(`${data.label}: the server answers 40 filtered searches exactly like the brute force`);
    const startFloor = async (bodies: Record<string, string>) => {
      mkdirSync(resultsDir, { recursive: true });
      const file = path.join(resultsDir, `w1-${data.label}-replay.json`);
      writeFileSync(file, JSON.stringify(bodies));
      const port = await freePort();
      return startServer({
        name: `w1-${data.label}-floor`,
        command: process.execPath,
        args: [path.join(projectRoot, 'bench/baselines/replay-http.mjs')],
        env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: String(port), REPLAY_FILE: file },
        cwd: projectRoot,
        port,
        readyPath: '/healthz',
        readyTimeoutMs: 30_000,
      });
    };
    const http = await measureHttp(context, server, token, httpQueries, searchPath, startFloor);
    profileWindows = [...http.rate.windows, ...http.closed.windows];
    // The in-process p99 of the very searches sent through HTTP.
    const httpIndexSummary = data.httpQueries
      ? measureLatencies(
          [{ key: 'index', run: (query: SearchQuery) => index.search(query) }],
          data.httpQueries.map((query) => searchQuery(query, nowMs)),
          { rounds, passes },
        ).get('index')!
      : indexSummary;
    const inProcessMs = httpIndexSummary.medianP99 / 1000;
    for (const [mode, summary] of [
      [`${httpRate} req/s (open loop)`, http.rate],
      ['closed loop (as fast as answered)', http.closed],
    ] as const) {
      const excess = summary.medianP99 - inProcessMs;
      rows.push({
        workload: name,
        metric: `${data.label}: HTTP p99, ${context.options.connections} connections, ${mode}`,
        unit: 'ms',
        value: summary.medianP99,
        baseline: 'in-process p99 of the same searches',
        baselineValue: inProcessMs,
        ratio: summary.medianP99 / inProcessMs,
        ratioLabel: `+${excess.toFixed(2)} ms`,
        target: httpMarginMs,
        targetLabel: `≤ +${httpMarginMs} ms`,
        isLowerBetter: true,
        pass: excess <= httpMarginMs,
        notes:
          `GET /api/v1/resources/search signed in as a coordinator, the ${httpQueries.length} filtered searches in turn` +
          `${data.httpQueries ? ' (from the city’s points: the server refuses points outside Okayama City)' : ''}; ` +
          `p50 ${summary.medianP50.toFixed(2)} ms, p99 ${summary.medianP99.toFixed(2)} ms, ${Math.round(summary.medianRate)} req/s, ` +
          `${Math.round(summary.medianCpuMicros)} µs server CPU per request; ` +
          `p99 per round ${summary.samples.map((sample) => sample.latencyP99Ms.toFixed(1)).join('/')} ms; ` +
          `in-process p99 ${formatMicroseconds(indexSummary.medianP99)}`,
        details: summary,
      });
    }
    const overFloor = http.rate.medianP99 - http.floor.medianP99;
    rows.push({
      workload: name,
      metric: `${data.label}: HTTP p99 over the machine's HTTP floor, ${httpRate} req/s (open loop)`,
      unit: 'ms',
      value: http.rate.medianP99,
      baseline: 'bare node:http replaying the same answers, same load',
      baselineValue: http.floor.medianP99,
      ratio: http.rate.medianP99 / http.floor.medianP99,
      ratioLabel: `+${overFloor.toFixed(2)} ms`,
      target: httpMarginMs,
      targetLabel: `≤ +${httpMarginMs} ms`,
      isLowerBetter: true,
      pass: overFloor <= httpMarginMs,
      notes:
        `the floor: bench/baselines/replay-http.mjs answers each of the ${httpQueries.length} paths with the bytes the app ` +
        `sent for it, over the same 50 connections at the same rate, interleaved round by round; ` +
        `floor p50 ${http.floor.medianP50.toFixed(2)} ms, p99 ${http.floor.medianP99.toFixed(2)} ms ` +
        `(per round ${http.floor.samples.map((sample) => sample.latencyP99Ms.toFixed(1)).join('/')} ms), ` +
        `${Math.round(http.floor.medianCpuMicros)} µs CPU per request; app p50 ${http.rate.medianP50.toFixed(2)} ms. ` +
        `The issue's target (+1 ms over the in-process p99) cannot be met where the floor itself is above it.`,
      details: http.floor,
    });
  } finally {
    await server.stop();
  }
  const profile = profileDir ? mainThreadProfile(profileDir, serverName) : null;
  if (profileDir && profile && profileWindows.length > 0) {
    const text = renderProfileSummary(
      `${name}: search on ${serverName}`,
      summariseProfile(profile, { windows: profileWindows, top: 30 }),
    );
    const output = path.join(profileDir, `${serverName}-search.txt`);
    writeFileSync(output, `${text}\n`);
    context.log(`${text.split('\n').slice(0, 40).join('\n')}\n  … full summary in ${output}`);
  }
  return rows;
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const launch = prepareRenkei(context);
  const secret = newSecret();
  const rows: ResultRow[] = [];
  const databases: BenchDatabase[] = [];
  try {
    // Okayama City: the reference data, profiled.
    if (!dataSets.includes('city'))
      context.remark(`${name}: BENCH_W1_SETS=${dataSets.join(',')}: the city rows were skipped.`);
    if (dataSets.includes('city')) {
      const city = await prepareDatabase(context, 'city', launch, secret);
      databases.push(city);
      await profileExistingOrganizations(city.url, Date.now());
      const cityEntries = await readDirectoryEntries(city.url);
      const towns = cityQueryPoints();
      rows.push(
        ...(await measureDataSet(
          context,
          {
            label: 'city',
            description: `Okayama City: ${cityEntries.length.toLocaleString('en-US')} organisations of the reference data at their real coordinates, query points = the ${towns.length} 町丁目 points of the four wards`,
            database: city,
            entries: cityEntries,
            queries: withFilters(towns, 'w1:city-queries'),
            sweepQueries: 1000,
          },
          launch,
          secret,
        )),
      );
    }

    // National scale: MHLW national files + synthetic clinics.
    if (!dataSets.includes('national')) return rows;
    const national = readNationalFiles();
    if (!national) {
      context.remark(
        `${name}: the national files (data/national or ../shared/data/kaigo-derived) are not there — the national-scale rows were skipped.`,
      );
      return rows;
    }
    const database = await prepareDatabase(context, 'national', launch, secret);
    databases.push(database);
    const now = Date.now();
    await profileExistingOrganizations(database.url, now);
    const existing = (await readDirectoryEntries(database.url)).length;
    const synthetic = syntheticClinics(national.points, Math.max(0, nationalSize - existing - national.points.length));
    context.log(`national: inserting ${national.points.length + synthetic.length} organisations`);
    await insertNationalOrganizations(database.url, [...national.points, ...synthetic], now);
    const entries = await readDirectoryEntries(database.url);
    const source = national.directory.includes('shared') ? '../shared/data/kaigo-derived' : 'data/national';
    context.remark(
      `${name}: the national set is the MHLW files of ${source} (${national.points.length.toLocaleString('en-US')} visiting-nursing ` +
        `stations and care-management offices with coordinates) + ${existing.toLocaleString('en-US')} Okayama organisations of the reference data + ` +
        `${synthetic.length.toLocaleString('en-US')} synthetic clinics placed around real points (σ 3 km). Capabilities, coverage and availability ` +
        'of every organisation are synthetic (seeded by its key; frequencies in bench/lib/directory-data.ts): the open data has none.',
    );
    rows.push(
      ...(await measureDataSet(
        context,
        {
          label: 'national',
          description: `national: ${entries.length.toLocaleString('en-US')} organisations, 2,000 query points = real points of the national files moved by σ 2 km`,
          database,
          entries,
          queries: withFilters(
            nationalQueryPoints(national.points, 2000).map((point) => ({ ...point, areaCode: null })),
            'w1:national-queries',
          ),
          sweepQueries: 300,
          httpQueries: withFilters(
            cityQueryPoints().map((point) => ({ ...point, areaCode: null })),
            'w1:national-http-queries',
          ),
        },
        launch,
        secret,
      )),
    );
    context.remark(
      `${name}: in-process latencies are per query the fastest of ${context.options.isQuick ? 1 : 3} passes over the query list ` +
        '(so that another process taking the core does not land on one query), then the p99 over the query points, median over the rounds; ' +
        `the single-pass p99 is in the details. HTTP: autocannon, ${context.options.connections} connections, ${httpRate} req/s in total ` +
        '(open loop: requests evenly spaced, the connections taken in turn, bench/lib/open-loop.ts) and closed loop (autocannon, each connection sends its next request when answered).',
    );
    return rows;
  } finally {
    for (const database of databases) await database.drop();
  }
}

export const directorySearch: Workload = {
  name,
  description:
    'W1: filtered directory search vs geokdbush around, vs a bitmask linear scan (100 %–0.1 %), and through HTTP (city and national scale)',
  run,
};
