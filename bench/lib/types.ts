/** The shapes shared by the benchmark runner and its workloads. */
import type { MachineInfo } from './machine.js';

/** One line of the result table: a measured value next to a baseline measured in the same run. */
export type ResultRow = {
  workload: string;
  /** What was measured, e.g. `GET /healthz req/s (LOG_LEVEL=info)`. */
  metric: string;
  /** Unit of `value` and `baselineValue`, e.g. `req/s`. */
  unit: string;
  value: number;
  /** What the value is compared with, e.g. `bare node:http`. */
  baseline: string;
  baselineValue: number;
  /** value / baselineValue for throughput (higher is better). */
  ratio: number;
  /** Minimum ratio to pass (maximum with `isLowerBetter`); null for a row that is only informative. */
  target: number | null;
  /** Latency-like rows: the ratio must stay at or below the target. */
  isLowerBetter?: boolean;
  /** Shown instead of the ratio / the target when the comparison is not a plain ratio (e.g. `+0.4 ms`). */
  ratioLabel?: string;
  targetLabel?: string;
  pass: boolean | null;
  /** Latencies, samples, CPU use: whatever helps read the row. */
  notes: string;
  /** Raw figures kept in the --json output only (e.g. every sample). */
  details?: unknown;
};

export type BenchOptions = {
  /** Concurrent connections of the load generator. */
  connections: number;
  /** Length of one measured sample, in seconds. */
  durationSeconds: number;
  /** Load sent to each target before measuring, in seconds. */
  warmupSeconds: number;
  /** How many interleaved rounds (one sample per target per round). */
  rounds: number;
  /** A short smoke run: numbers are not meaningful. */
  isQuick: boolean;
  /** How the Renkei server is started: compiled (`dist`) or through tsx. */
  appRuntime: 'dist' | 'tsx';
  /** Write a V8 CPU profile of each Renkei server process into bench/results/profiles. */
  isProfiling: boolean;
};

export type BenchContext = {
  options: BenchOptions;
  machine: MachineInfo;
  /** Progress messages (stderr), so stdout keeps only the report. */
  log: (message: string) => void;
  /** Remarks that belong under the table (e.g. a fallback taken). */
  remark: (message: string) => void;
};

export type Workload = {
  name: string;
  description: string;
  run(context: BenchContext): Promise<ResultRow[]>;
};
