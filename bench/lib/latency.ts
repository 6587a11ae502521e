/**
 * In-process latency of functions (W1's index, geokdbush, the linear scan), measured in the
 * runner: each query of a fixed list is timed on its own with the monotonic clock.
 *
 * The machine is shared: another process taking the core for a moment would land on whichever
 * query happened to run, and a p99 of a few thousand queries is made of a few dozen of them. So
 * every target runs the whole list `passes` times (the list in order, then again) and each query
 * keeps its fastest time: what the query costs, not what the neighbours did meanwhile. The
 * single-pass figures are kept too. Targets take turns round by round (A B, then B A, …).
 */
import { median } from './compare.js';

export type LatencyTarget<Query> = { key: string; run: (query: Query) => unknown };

export type LatencySummary = {
  key: string;
  /** Per round: percentiles of the per-query fastest times, µs. */
  rounds: { p50: number; p90: number; p99: number; max: number; mean: number; firstPassP99: number }[];
  medianP50: number;
  medianP99: number;
  medianMean: number;
  medianFirstPassP99: number;
};

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

/** Per query: the fastest of `passes` timings (µs), and the first pass alone. */
export function timeQueries<Query>(
  run: (query: Query) => unknown,
  queries: readonly Query[],
  passes: number,
): { fastest: number[]; firstPass: number[] } {
  const fastest = new Array<number>(queries.length).fill(Number.POSITIVE_INFINITY);
  const firstPass = new Array<number>(queries.length).fill(0);
  for (let pass = 0; pass < passes; pass += 1) {
    for (let index = 0; index < queries.length; index += 1) {
      const query = queries[index]!;
      const started = process.hrtime.bigint();
      run(query);
      const micros = Number(process.hrtime.bigint() - started) / 1000;
      if (micros < fastest[index]!) fastest[index] = micros;
      if (pass === 0) firstPass[index] = micros;
    }
  }
  return { fastest, firstPass };
}

/** Warms every target up (one pass), then measures them in rotating order. */
export function measureLatencies<Query>(
  targets: readonly LatencyTarget<Query>[],
  queries: readonly Query[],
  options: { rounds: number; passes: number },
): Map<string, LatencySummary> {
  for (const target of targets) timeQueries(target.run, queries, 1);
  const rounds = new Map<string, LatencySummary['rounds']>(targets.map((target) => [target.key, []]));
  for (let round = 0; round < options.rounds; round += 1) {
    const order = targets.map((_, index) => targets[(index + round) % targets.length]!);
    for (const target of order) {
      const { fastest, firstPass } = timeQueries(target.run, queries, options.passes);
      rounds.get(target.key)!.push({
        p50: percentile(fastest, 0.5),
        p90: percentile(fastest, 0.9),
        p99: percentile(fastest, 0.99),
        max: Math.max(...fastest),
        mean: fastest.reduce((sum, value) => sum + value, 0) / fastest.length,
        firstPassP99: percentile(firstPass, 0.99),
      });
    }
  }
  const summaries = new Map<string, LatencySummary>();
  for (const [key, list] of rounds) {
    summaries.set(key, {
      key,
      rounds: list,
      medianP50: median(list.map((round) => round.p50)),
      medianP99: median(list.map((round) => round.p99)),
      medianMean: median(list.map((round) => round.mean)),
      medianFirstPassP99: median(list.map((round) => round.firstPassP99)),
    });
  }
  return summaries;
}

export function formatMicroseconds(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? `${Math.round(value)} µs` : `${value.toFixed(1)} µs`;
}
