/**
 * Workload matching (W2): the Center's batch assignment and the candidate ranking.
 *
 * 1. Batch assignment on instances shaped from the real Okayama data (bench/workloads/
 *    matching-instances.ts): 200 cases × 100 organisations and 1,000 × 300. Our min-cost flow
 *    (src/domain/matching/batch-assignment.ts, whole solve: max flow, bottleneck search, the
 *    model and the flow) against HiGHS (npm `highs`, WebAssembly) solving the same model as an
 *    LP in the same process, in alternation: the objective must be the LP optimum (1.000×) and
 *    our wall time at most 0.25× HiGHS's (the rows show HiGHS ÷ ours, so ≥ 4). The greedy
 *    "nearest willing" baseline's max load and Gini are reported next to ours.
 * 2. Ranking one case: GET /api/v1/cases/:id/candidates (the Center's ranked list) against
 *    GET /api/v1/resources/search for the same location and filters, on one Renkei server over
 *    PostgreSQL with the demo data, one request at a time (latency, not throughput), the two
 *    interleaved request by request: ranking p99 at most 2× search p99 (rows: search ÷ ranking ≥ 0.5).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext, ResultRow, Workload } from '../lib/types.js';
import { createBenchDatabase } from '../lib/database.js';
import { mainThreadProfile, prepareRenkei, projectRoot, newSecret, resultsDir, startRenkei } from '../lib/renkei.js';
import { monotonicMicros, renderProfileSummary, summariseProfile } from '../lib/profile.js';
import type { ServerProcess } from '../lib/process.js';
import { median } from '../lib/compare.js';
import { okayamaInstance, seededRandom } from './matching-instances.js';
import {
  assignmentMetrics,
  buildCostModel,
  greedyNearest,
  solveAssignment,
} from '../../src/domain/matching/batch-assignment.js';
import { solveWithHighs } from '../../src/domain/matching/lp-oracle.js';
import { defaultMatchingSettings } from '../../src/domain/matching/matching-settings.js';

const name = 'matching';
const speedTarget = 4; // HiGHS time ÷ ours ≥ 4, i.e. ours ≤ 0.25× HiGHS
const latencyTarget = 0.5; // search p99 ÷ ranking p99 ≥ 0.5, i.e. ranking ≤ 2× search
const demoPassword = 'renkei-demo-2026';

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

async function solverRows(context: BenchContext, caseCount: number, organizationCount: number): Promise<ResultRow[]> {
  const shape = `${caseCount.toLocaleString('en-US')} cases × ${organizationCount} organisations`;
  const costs = defaultMatchingSettings.assignment;
  const instance = okayamaInstance(caseCount, organizationCount);
  context.log(`W2 ${shape}: ${instance.arcs.length.toLocaleString('en-US')} eligible pairs`);
  // Warm-up: JIT for ours, WebAssembly compilation for HiGHS.
  for (let index = 0; index < 3; index += 1) solveAssignment(instance, costs);
  await solveWithHighs(instance, buildCostModel(instance, costs));

  const repetitions = context.options.isQuick ? 2 : caseCount <= 200 ? 10 : 4;
  const ours: number[] = [];
  const highs: number[] = [];
  const highsWithModel: number[] = [];
  let result = solveAssignment(instance, costs);
  let lp = await solveWithHighs(instance, buildCostModel(instance, costs));
  for (let round = 0; round < context.options.rounds; round += 1) {
    for (let repetition = 0; repetition < repetitions; repetition += 1) {
      // Alternate which goes first, so neither always meets the machine in the same state.
      const runOurs = () => {
        const started = performance.now();
        result = solveAssignment(instance, costs);
        ours.push(performance.now() - started);
      };
      const runHighs = async () => {
        const started = performance.now();
        lp = await solveWithHighs(instance, buildCostModel(instance, costs));
        highs.push(lp.solveMs);
        highsWithModel.push(performance.now() - started);
      };
      if ((round + repetition) % 2 === 0) {
        runOurs();
        await runHighs();
      } else {
        await runHighs();
        runOurs();
      }
    }
    context.log(
      `  round ${round + 1}/${context.options.rounds}: ours median ${ms(median(ours))}, HiGHS median ${ms(median(highs))}`,
    );
  }
  const model = buildCostModel(instance, costs);
  const objective = result.cost.total + model.penalty * result.unassigned.length;
  const isOptimal = lp.status === 'optimal' && Math.abs(objective - lp.objective) <= 1e-6 * Math.max(1, lp.objective);
  const greedy = greedyNearest(instance);
  const ourMetrics = assignmentMetrics(instance, result.assignments);
  const greedyMetrics = assignmentMetrics(instance, greedy.assignments);
  const oursMs = median(ours);
  const highsMs = median(highs);
  const served = `${result.assignments.length} of ${caseCount} served (max flow ${result.maxServable}), bottleneck T* = ${result.bottleneck ?? 'n/a'}`;
  return [
    {
      workload: name,
      metric: `W2 objective, ${shape}`,
      unit: 'points',
      value: objective,
      baseline: 'HiGHS LP optimum of the same model',
      baselineValue: lp.objective,
      ratio: objective === 0 ? 1 : lp.objective / objective,
      target: 1,
      pass: isOptimal,
      notes:
        `ours ${objective.toLocaleString('en-US')} vs HiGHS ${lp.objective.toLocaleString('en-US', { maximumFractionDigits: 4 })} ` +
        `(${lp.status}); ratio ours ÷ HiGHS = ${(objective / lp.objective).toFixed(6)}; ${served}; ` +
        `real cost ${result.cost.total.toLocaleString('en-US')} points (distance ${result.cost.distance.toLocaleString('en-US')}, load ${result.cost.load.toLocaleString('en-US')}) + penalty ${model.penalty.toLocaleString('en-US')} × ${result.unassigned.length} unassigned`,
      details: { ours: objective, highs: lp.objective },
    },
    {
      workload: name,
      metric: `W2 solve wall time, ${shape} (HiGHS ÷ ours)`,
      unit: 'µs',
      value: oursMs * 1000,
      baseline: 'HiGHS-WASM simplex, same model, same process',
      baselineValue: highsMs * 1000,
      ratio: highsMs / oursMs,
      target: speedTarget,
      pass: highsMs / oursMs >= speedTarget,
      notes:
        `ours ${ms(oursMs)} median (p10 ${ms(quantile(ours, 0.1))}, p90 ${ms(quantile(ours, 0.9))}, ${ours.length} runs) = ` +
        `${(oursMs / highsMs).toFixed(3)}× HiGHS; HiGHS ${ms(highsMs)} median for the solve alone ` +
        `(p10 ${ms(quantile(highs, 0.1))}, p90 ${ms(quantile(highs, 0.9))}), ${ms(median(highsWithModel))} with building the LP; ` +
        `ours includes the max flow, the bottleneck search and building the model; ` +
        `${instance.arcs.length.toLocaleString('en-US')} eligible pairs`,
      details: { ours, highs, highsWithModel },
    },
    {
      workload: name,
      metric: `W2 max load, ${shape} (greedy ÷ ours)`,
      unit: 'patients',
      value: ourMetrics.maxLoad,
      baseline: 'greedy nearest willing',
      baselineValue: greedyMetrics.maxLoad,
      ratio: greedyMetrics.maxLoad / Math.max(1, ourMetrics.maxLoad),
      target: null,
      pass: null,
      notes:
        `max home patients of an organisation receiving patients: ours ${ourMetrics.maxLoad}, greedy ${greedyMetrics.maxLoad}; ` +
        `served ours ${ourMetrics.assignedCount}, greedy ${greedyMetrics.assignedCount}; ` +
        `total distance ours ${ourMetrics.totalDistanceKm.toLocaleString('en-US')} km, greedy ${greedyMetrics.totalDistanceKm.toLocaleString('en-US')} km`,
    },
    {
      workload: name,
      metric: `W2 Gini of patients per organisation, ${shape} (×1000, greedy ÷ ours)`,
      unit: '‰',
      value: ourMetrics.gini * 1000,
      baseline: 'greedy nearest willing',
      baselineValue: greedyMetrics.gini * 1000,
      ratio: greedyMetrics.gini / Math.max(1e-9, ourMetrics.gini),
      target: null,
      pass: null,
      notes: `Gini over every organisation eligible for a case of the batch (current + new patients): ours ${ourMetrics.gini.toFixed(3)}, greedy ${greedyMetrics.gini.toFixed(3)}`,
    },
  ];
}

type Machiaza = { lgCode5: string; town: string; lat: number; lng: number };

async function call(baseUrl: string, method: string, pathName: string, token?: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${pathName}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${pathName}: ${response.status} ${text.slice(0, 300)}`);
  return { body: JSON.parse(text) as Record<string, unknown>, etag: response.headers.get('etag') };
}

async function signInDemo(baseUrl: string, email: string): Promise<string> {
  const { body } = await call(baseUrl, 'POST', '/api/v1/auth/login', undefined, { email, password: demoPassword });
  if (typeof body.token !== 'string') throw new Error(`login of ${email} gave no token`);
  return body.token;
}

/** Center cases at real 町丁目 points (seeded), each needing a primary doctor. */
async function createCases(baseUrl: string, liaison: string, count: number) {
  const points = (
    JSON.parse(readFileSync(path.join(projectRoot, 'data/okayama/machiaza.json'), 'utf8')) as Machiaza[]
  ).filter((point) => ['33101', '33102', '33103', '33104'].includes(point.lgCode5));
  const random = seededRandom(7);
  const created: { id: string; lat: number; lng: number; groups: string[] }[] = [];
  for (let index = 0; index < count; index += 1) {
    const point = points[random.between(0, points.length - 1)] as Machiaza;
    const groups = index % 2 === 0 ? ['elderly'] : ['elderly', 'terminal_care'];
    const { body } = await call(baseUrl, 'POST', '/api/v1/cases', liaison, {
      patient: {
        name: `ベンチ 患者${index + 1}`,
        nameKana: 'べんち かんじゃ',
        birthDate: '1940-01-01',
        sex: 'female',
        address: `岡山市${point.town}`,
        lat: point.lat,
        lng: point.lng,
      },
      groups,
      procedures: [],
      careLevel: 'care_2',
      // 60 days ahead in Tokyo: a planned discharge is at most a year ahead.
      plannedDischargeDate: new Date(Date.now() + (60 * 24 + 9) * 3_600_000).toISOString().slice(0, 10),
      admissionDate: '2026-01-01',
      consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: 'bench', givenBy: 'patient' },
      neededRoles: ['primary_doctor'],
    });
    const id = body.id as string;
    await fetch(`${baseUrl}/api/v1/cases/${id}/route`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${liaison}`,
        'content-type': 'application/json',
        'if-match': `"${String(body.version)}"`,
      },
      body: JSON.stringify({ route: 'center', difficulty: ['area'] }),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`route: ${response.status} ${await response.text()}`);
    });
    created.push({ id, lat: point.lat, lng: point.lng, groups });
  }
  return created;
}

async function timed(url: string, token: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return elapsed;
}

async function rankingRows(context: BenchContext): Promise<ResultRow[]> {
  const launch = prepareRenkei(context);
  const database = await createBenchDatabase('matching');
  const servers: ServerProcess[] = [];
  const profileDir = context.options.isProfiling ? path.join(resultsDir, 'profiles') : undefined;
  const windows: Record<'ranking' | 'search', [number, number][]> = { ranking: [], search: [] };
  try {
    context.log(`W2 ranking: database ${database.name}; starting Renkei with the demo data`);
    const server = await startRenkei({
      name: 'app-matching',
      launch: { command: launch.command, args: [...launch.args, '--demo'] },
      databaseUrl: database.url,
      secret: newSecret(),
      logLevel: 'warn',
      ...(profileDir ? { profileDir } : {}),
    });
    servers.push(server);
    const liaison = await signInDemo(server.baseUrl, 'liaison@demo.renkei.jp');
    const center = await signInDemo(server.baseUrl, 'center@demo.renkei.jp');
    const cases = await createCases(server.baseUrl, liaison, 8);
    const pairs = cases.map((entry) => {
      const groups = entry.groups.map((group) => `&group=${group}`).join('');
      return {
        ranking: `${server.baseUrl}/api/v1/cases/${entry.id}/candidates?role=primary_doctor&limit=20`,
        // The same place and the same filters the candidate list applies for a primary doctor.
        search: `${server.baseUrl}/api/v1/resources/search?lat=${entry.lat}&lng=${entry.lng}&radiusKm=50&kind=clinic&kind=hospital${groups}&limit=20`,
      };
    });
    const first = await call(
      server.baseUrl,
      'GET',
      new URL(pairs[0]?.ranking ?? '').pathname + '?role=primary_doctor',
      center,
    );
    const candidateCount = (first.body.items as unknown[]).length;
    const perRound = context.options.isQuick ? 100 : 600;
    for (let index = 0; index < 150; index += 1) {
      const pair = pairs[index % pairs.length]!;
      await timed(pair.search, center);
      await timed(pair.ranking, center);
    }
    const ranking: number[] = [];
    const search: number[] = [];
    const roundP99: string[] = [];
    for (let round = 0; round < context.options.rounds; round += 1) {
      const roundRanking: number[] = [];
      const roundSearch: number[] = [];
      for (let index = 0; index < perRound; index += 1) {
        const pair = pairs[index % pairs.length]!;
        // Interleaved request by request (the order alternates), one request at a time.
        if (index % 2 === 0) {
          roundSearch.push(await timed(pair.search, center));
          roundRanking.push(await timed(pair.ranking, center));
        } else {
          roundRanking.push(await timed(pair.ranking, center));
          roundSearch.push(await timed(pair.search, center));
        }
      }
      ranking.push(...roundRanking);
      search.push(...roundSearch);
      roundP99.push(`${ms(quantile(roundRanking, 0.99))}/${ms(quantile(roundSearch, 0.99))}`);
      context.log(
        `  round ${round + 1}/${context.options.rounds}: ranking p99 ${ms(quantile(roundRanking, 0.99))}, search p99 ${ms(quantile(roundSearch, 0.99))}`,
      );
    }
    if (profileDir) {
      // Where the time goes: a stretch of ranking requests alone, then of searches alone.
      for (const kind of ['ranking', 'search'] as const) {
        const startedAt = monotonicMicros();
        for (let index = 0; index < perRound; index += 1) await timed(pairs[index % pairs.length]![kind], center);
        windows[kind].push([startedAt, monotonicMicros()]);
      }
    }
    const rankingP99 = quantile(ranking, 0.99);
    const searchP99 = quantile(search, 0.99);
    return [
      {
        workload: name,
        metric: 'W2 ranking one case, p99 (search ÷ ranking)',
        unit: 'µs',
        value: rankingP99 * 1000,
        baseline: 'GET /resources/search, same place and filters',
        baselineValue: searchP99 * 1000,
        ratio: searchP99 / rankingP99,
        target: latencyTarget,
        pass: searchP99 / rankingP99 >= latencyTarget,
        notes:
          `GET /cases/:id/candidates?role=primary_doctor (${candidateCount} candidates ranked of up to 200 in 50 km) ` +
          `p50 ${ms(quantile(ranking, 0.5))} / p99 ${ms(rankingP99)} = ${(rankingP99 / searchP99).toFixed(2)}× the search's ` +
          `p50 ${ms(quantile(search, 0.5))} / p99 ${ms(searchP99)}; ${ranking.length} requests each, one at a time, ` +
          `${pairs.length} patients' homes at real 町丁目 points; p99 per round (ranking/search) ${roundP99.join(', ')}; ` +
          'the ranking reads the case, writes its audit row, reads loads, capacities and pairs (PostgreSQL)',
        details: { ranking, search },
      },
    ];
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await database.drop();
    const file = profileDir ? mainThreadProfile(profileDir, 'app-matching') : null;
    if (file) {
      for (const kind of ['ranking', 'search'] as const)
        context.log(
          renderProfileSummary(`app-matching, ${kind} only`, summariseProfile(file, { windows: windows[kind] })),
        );
    }
  }
}

async function run(context: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  rows.push(...(await solverRows(context, 200, 100)));
  rows.push(...(await solverRows(context, 1000, 300)));
  rows.push(...(await rankingRows(context)));
  context.remark(
    `${name}: instances shaped from data/okayama (real coordinates of clinics and nursing stations, real 町丁目 points; ` +
      'synthetic capabilities, loads and free slots, seeded); the solver and HiGHS run in the runner process, one after the other.',
  );
  return rows;
}

export const matching: Workload = {
  name,
  description:
    'W2: batch assignment vs HiGHS LP (objective, wall time) and greedy (max load, Gini) on Okayama-shaped instances; ranking one case vs directory search p99',
  run,
};
