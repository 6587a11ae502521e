/**
 * The benchmark runner: `npm run bench [-- options]` (node --import tsx bench/run.ts).
 * Runs the workloads of bench/workloads/, each comparing a measured figure with a baseline
 * measured in the same run, and prints the Markdown table that goes into BENCHMARKS.md.
 *
 *   --only <name[,name]>   run only these workloads (--list shows them)
 *   --json <file>          also write the results as JSON
 *   --quick                short smoke run (1 round × 2 s): checks the harness, measures nothing
 *   --duration <s>         seconds per sample (default 10)     --rounds <n>       rounds (default 3)
 *   --warmup <s>           warm-up per target (default 3)      --connections <n>  (default 50)
 *   --app-runtime <dist|tsx>  how the Renkei server starts (default dist, compiled when stale)
 *   --profile              write V8 CPU profiles of the app into bench/results/profiles
 *   --nice=<n>             run the runner and its servers at this nice value (e.g. --nice=-10, root)
 *                          so that other work on a shared machine disturbs the samples less
 *   --strict               exit with 1 when a row misses its target
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { workloads } from './workloads/index.js';
import { readMachineInfo } from './lib/machine.js';
import { postgresAdminUrl } from './lib/database.js';
import { renderReport, type RunReport } from './lib/report.js';
import { systemBusySeconds } from './lib/cpu.js';
import type { BenchContext, BenchOptions } from './lib/types.js';

function positiveNumber(value: string | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${option} needs a positive number, got ${value}`);
  return parsed;
}

/** CPU the rest of the machine uses right now, in % of one core (sampled for two seconds). */
async function backgroundLoadPercent(): Promise<number | null> {
  const before = systemBusySeconds();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const after = systemBusySeconds();
  return before === null || after === null ? null : ((after - before) / 2) * 100;
}

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      json: { type: 'string' },
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      'app-runtime': { type: 'string', default: 'dist' },
      profile: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      nice: { type: 'string' },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const isQuick = values.quick;
  const appRuntime = values['app-runtime'];
  if (appRuntime !== 'dist' && appRuntime !== 'tsx') throw new Error('--app-runtime is dist or tsx');
  const options: BenchOptions = {
    connections: positiveNumber(values.connections, 50, 'connections'),
    durationSeconds: positiveNumber(values.duration, isQuick ? 2 : 10, 'duration'),
    warmupSeconds: positiveNumber(values.warmup, isQuick ? 1 : 3, 'warmup'),
    rounds: Math.round(positiveNumber(values.rounds, isQuick ? 1 : 3, 'rounds')),
    isQuick,
    appRuntime,
    isProfiling: values.profile,
  };
  const only = values.only
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const nice = values.nice === undefined ? null : Number(values.nice);
  if (nice !== null && (!Number.isInteger(nice) || nice < -20 || nice > 19)) throw new Error('--nice is -20…19');
  return {
    options,
    only,
    nice,
    jsonPath: values.json,
    isStrict: values.strict,
    isList: values.list,
    isHelp: values.help,
  };
}

async function main(): Promise<number> {
  const { options, only, nice, jsonPath, isStrict, isList, isHelp } = parseOptions(process.argv.slice(2));
  if (isHelp) {
    process.stdout.write(
      'usage: npm run bench -- [--only name] [--json file] [--quick] [--profile] (see bench/run.ts)\n',
    );
    return 0;
  }
  if (isList) {
    for (const workload of workloads) process.stdout.write(`${workload.name.padEnd(20)} ${workload.description}\n`);
    return 0;
  }
  const unknown = (only ?? []).filter((wanted) => !workloads.some((workload) => workload.name === wanted));
  if (unknown.length > 0) throw new Error(`unknown workload(s): ${unknown.join(', ')} (see --list)`);
  const selected = only ? workloads.filter((workload) => only.includes(workload.name)) : workloads;

  // Child processes inherit the priority (PostgreSQL's backends, not ours, keep theirs).
  if (nice !== null) os.setPriority(nice);

  const report: RunReport = {
    startedAt: new Date().toISOString(),
    machine: await readMachineInfo(postgresAdminUrl()),
    options,
    rows: [],
    remarks: [],
    failures: [],
  };
  const context: BenchContext = {
    options,
    machine: report.machine,
    log: (message) => process.stderr.write(`[bench] ${message}\n`),
    remark: (message) => report.remarks.push(message),
  };
  if (nice !== null) {
    context.remark(`The runner and the servers it started ran at nice ${nice} (PostgreSQL at its own priority).`);
  }
  const background = await backgroundLoadPercent();
  if (background !== null && background > 20) {
    context.log(
      `the machine is busy: other processes use ${Math.round(background)} % of a core — figures will be noisy`,
    );
    context.remark(
      `Before the run other processes used ${Math.round(background)} % of one core (of ${report.machine.cores * 100} %): ` +
        'the machine was not quiet; see "others" in the details.',
    );
  }
  for (const workload of selected) {
    context.log(`workload ${workload.name}: ${workload.description}`);
    try {
      report.rows.push(...(await workload.run(context)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      context.log(`workload ${workload.name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
      report.failures.push({ workload: workload.name, message: message.split('\n')[0] ?? message });
    }
  }

  process.stdout.write(`${renderReport(report)}\n`);
  if (jsonPath) {
    mkdirSync(path.dirname(path.resolve(jsonPath)), { recursive: true });
    writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    context.log(`results written to ${jsonPath}`);
  }
  if (report.failures.length > 0) return 1;
  if (isStrict && report.rows.some((row) => row.pass === false)) return 1;
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
