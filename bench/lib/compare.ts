/**
 * Side-by-side measurement on a noisy machine: every target is warmed up, then the targets take
 * turns (round 1: A B C, round 2: B C A, …) and each is summarised by the median of its samples.
 */
import type { BenchOptions } from './types.js';
import { sendLoad, type LoadSample, type LoadTarget } from './load.js';
import { ownCpuSeconds, postgresCpuSnapshot, snapshotDelta, systemBusySeconds } from './cpu.js';
import type { ServerProcess } from './process.js';
import { monotonicMicros } from './profile.js';

export type ComparedTarget = LoadTarget & {
  /** Short name used in the results and in progress messages. */
  key: string;
  server: ServerProcess;
  /** The database the target queries, to count its PostgreSQL backends' CPU. */
  postgresDatabase?: string;
};

export type MeasuredSample = LoadSample & {
  /** CPU used during the sample, in % of one core (null when unknown). */
  serverCpuPercent: number | null;
  /** The target database's PostgreSQL backends (0 for a target without database). */
  postgresCpuPercent: number | null;
  loadGeneratorCpuPercent: number;
  /** CPU used by everything else on the machine (other people's builds and tests…). */
  otherCpuPercent: number | null;
  /** Server CPU time per answered request, in µs: steadier than req/s when the machine is busy. */
  serverCpuMicrosPerRequest: number | null;
  /** When the sample ran, in monotonic µs (to cut CPU profiles to the measured time). */
  window: [number, number];
};

export type TargetSummary = {
  key: string;
  samples: MeasuredSample[];
  medianRequestsPerSecond: number;
  medianLatencyP50Ms: number;
  medianLatencyP99Ms: number;
  medianServerCpuPercent: number | null;
  medianPostgresCpuPercent: number | null;
  medianLoadGeneratorCpuPercent: number;
  medianOtherCpuPercent: number | null;
  medianServerCpuMicrosPerRequest: number | null;
};

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOrNull(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === values.length ? median(known) : null;
}

function percentOf(before: number | null, after: number | null, seconds: number): number | null {
  if (before === null || after === null || seconds <= 0) return null;
  return Math.max(0, ((after - before) / seconds) * 100);
}

async function measureOnce(
  target: ComparedTarget,
  options: BenchOptions,
  durationSeconds: number,
): Promise<MeasuredSample> {
  const serverBefore = target.server.cpuSeconds();
  const postgresBefore = target.postgresDatabase ? postgresCpuSnapshot(target.postgresDatabase) : null;
  const ownBefore = ownCpuSeconds();
  const systemBefore = systemBusySeconds();
  const startedAt = monotonicMicros();
  const sample = await sendLoad(target, { connections: options.connections, durationSeconds });
  const endedAt = monotonicMicros();
  const elapsedSeconds = (endedAt - startedAt) / 1e6;
  const serverAfter = target.server.cpuSeconds();
  const serverCpuPercent = percentOf(serverBefore, serverAfter, elapsedSeconds);
  const serverCpuMicrosPerRequest =
    serverBefore === null || serverAfter === null || sample.requests === 0
      ? null
      : ((serverAfter - serverBefore) * 1e6) / sample.requests;
  const postgresAfter = target.postgresDatabase ? postgresCpuSnapshot(target.postgresDatabase) : null;
  const postgresSeconds = target.postgresDatabase ? snapshotDelta(postgresBefore, postgresAfter) : 0;
  const postgresCpuPercent = percentOf(0, postgresSeconds, elapsedSeconds);
  const loadGeneratorCpuPercent = percentOf(ownBefore, ownCpuSeconds(), elapsedSeconds) ?? 0;
  const systemCpuPercent = percentOf(systemBefore, systemBusySeconds(), elapsedSeconds);
  const otherCpuPercent =
    systemCpuPercent === null || serverCpuPercent === null || postgresCpuPercent === null
      ? null
      : Math.max(0, systemCpuPercent - serverCpuPercent - postgresCpuPercent - loadGeneratorCpuPercent);
  return {
    ...sample,
    serverCpuPercent,
    postgresCpuPercent,
    loadGeneratorCpuPercent,
    otherCpuPercent,
    serverCpuMicrosPerRequest,
    window: [startedAt, endedAt],
  };
}

/** Warms up each target, then measures them in rotating order; returns one summary per target. */
export async function measureSideBySide(
  targets: ComparedTarget[],
  options: BenchOptions,
  log: (message: string) => void,
): Promise<Map<string, TargetSummary>> {
  for (const target of targets) {
    log(`  warm-up ${target.key} (${options.warmupSeconds} s)`);
    await sendLoad(target, { connections: options.connections, durationSeconds: options.warmupSeconds });
  }
  const samples = new Map<string, MeasuredSample[]>(targets.map((target) => [target.key, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    const order = targets.map((_, index) => targets[(index + round) % targets.length]!);
    for (const target of order) {
      const sample = await measureOnce(target, options, options.durationSeconds);
      samples.get(target.key)!.push(sample);
      log(
        `  round ${round + 1}/${options.rounds} ${target.key}: ${Math.round(sample.requestsPerSecond)} req/s, ` +
          `p50 ${sample.latencyP50Ms} ms, p99 ${sample.latencyP99Ms} ms, CPU server ${formatPercent(sample.serverCpuPercent)}, ` +
          `PG ${formatPercent(sample.postgresCpuPercent)}, load generator ${formatPercent(sample.loadGeneratorCpuPercent)}, ` +
          `others ${formatPercent(sample.otherCpuPercent)}`,
      );
    }
  }
  const summaries = new Map<string, TargetSummary>();
  for (const [key, list] of samples) {
    summaries.set(key, {
      key,
      samples: list,
      medianRequestsPerSecond: median(list.map((sample) => sample.requestsPerSecond)),
      medianLatencyP50Ms: median(list.map((sample) => sample.latencyP50Ms)),
      medianLatencyP99Ms: median(list.map((sample) => sample.latencyP99Ms)),
      medianServerCpuPercent: medianOrNull(list.map((sample) => sample.serverCpuPercent)),
      medianPostgresCpuPercent: medianOrNull(list.map((sample) => sample.postgresCpuPercent)),
      medianLoadGeneratorCpuPercent: median(list.map((sample) => sample.loadGeneratorCpuPercent)),
      medianOtherCpuPercent: medianOrNull(list.map((sample) => sample.otherCpuPercent)),
      medianServerCpuMicrosPerRequest: medianOrNull(list.map((sample) => sample.serverCpuMicrosPerRequest)),
    });
  }
  return summaries;
}

export function formatMicros(value: number | null): string {
  return value === null ? 'n/a' : `${Math.round(value)} µs`;
}

export function formatPercent(value: number | null): string {
  return value === null ? 'n/a' : `${Math.round(value)} %`;
}

/** A row's notes: latencies and CPU of the measured target next to its baseline's. */
export function describeComparison(
  measured: TargetSummary,
  baseline: TargetSummary,
  options: { withPostgres: boolean },
): string {
  const part = (summary: TargetSummary) =>
    `p50 ${summary.medianLatencyP50Ms} / p99 ${summary.medianLatencyP99Ms} ms, ` +
    `${formatMicros(summary.medianServerCpuMicrosPerRequest)} server CPU/request, CPU ${formatPercent(summary.medianServerCpuPercent)}` +
    (options.withPostgres ? `, PG ${formatPercent(summary.medianPostgresCpuPercent)}` : '') +
    `, load gen. ${formatPercent(summary.medianLoadGeneratorCpuPercent)}, others ${formatPercent(summary.medianOtherCpuPercent)}`;
  const samples = (summary: TargetSummary) =>
    summary.samples.map((sample) => Math.round(sample.requestsPerSecond)).join('/');
  const cpuRatio =
    measured.medianServerCpuMicrosPerRequest && baseline.medianServerCpuMicrosPerRequest
      ? (baseline.medianServerCpuMicrosPerRequest / measured.medianServerCpuMicrosPerRequest).toFixed(2)
      : 'n/a';
  return (
    `app ${part(measured)}; baseline ${part(baseline)}; ` +
    `samples ${samples(measured)} vs ${samples(baseline)} req/s; server CPU per request ratio ${cpuRatio}`
  );
}
