/** Renders a run as the Markdown that goes into BENCHMARKS.md (and as JSON for --json). */
import { describeMachine, type MachineInfo } from './machine.js';
import type { BenchOptions, ResultRow } from './types.js';

export type RunReport = {
  /** ISO time of the start of the run. */
  startedAt: string;
  machine: MachineInfo;
  options: BenchOptions;
  rows: ResultRow[];
  remarks: string[];
  /** Workloads that failed with an error instead of producing rows. */
  failures: { workload: string; message: string }[];
};

/** `2026-11-25 19:55 JST` — the date in Asia/Tokyo, whatever the machine's time zone. */
export function formatTokyoTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} JST`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) < 1 && value !== 0) return value.toPrecision(2);
  if (Math.abs(value) < 100 && !Number.isInteger(value)) return value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

function formatTarget(row: ResultRow): string {
  if (row.targetLabel) return row.targetLabel;
  if (row.target === null) return '—';
  return `${row.isLowerBetter ? '≤' : '≥'} ${row.target.toFixed(2)}`;
}

function formatResult(row: ResultRow): string {
  if (row.pass === null) return 'info';
  return row.pass ? 'pass' : '**FAIL**';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderTable(rows: ResultRow[]): string {
  const header = [
    '| # | Workload | Metric | Value | Baseline | Baseline value | Ratio | Target | Result |',
    '|--:|---|---|--:|---|--:|--:|--:|---|',
  ];
  const lines = rows.map((row, index) =>
    [
      '',
      String(index + 1),
      row.workload,
      escapeCell(row.metric),
      `${formatNumber(row.value)} ${row.unit}`,
      escapeCell(row.baseline),
      `${formatNumber(row.baselineValue)} ${row.unit}`,
      row.ratioLabel ?? (Number.isFinite(row.ratio) ? row.ratio.toFixed(2) : 'n/a'),
      formatTarget(row),
      formatResult(row),
      '',
    ]
      .join(' | ')
      .trim(),
  );
  return [...header, ...lines].join('\n');
}

export function renderReport(report: RunReport): string {
  const { options } = report;
  const settings = options.isQuick
    ? `**quick smoke run** (${options.rounds} × ${options.durationSeconds} s — not a measurement)`
    : `${options.connections} connections on loopback, ${options.warmupSeconds} s warm-up per target, ` +
      `${options.rounds} interleaved rounds × ${options.durationSeconds} s, median of the rounds`;
  const lines = [
    `### Run of ${formatTokyoTime(report.startedAt)}`,
    '',
    `- Machine: ${describeMachine(report.machine)}`,
    `- Settings: ${settings}; Renkei server from ${options.appRuntime === 'dist' ? 'dist/ (compiled)' : 'tsx'}`,
    '',
    renderTable(report.rows),
    '',
  ];
  if (report.rows.length > 0) {
    lines.push(
      'Details (medians; CPU in % of one core during the samples; PG = the PostgreSQL backends of the bench database; others = every other process on the machine):',
      '',
    );
    report.rows.forEach((row, index) => lines.push(`${index + 1}. ${row.notes}`));
    lines.push('');
  }
  for (const remark of report.remarks) lines.push(`> ${remark}`, '');
  for (const failure of report.failures) lines.push(`> **${failure.workload} failed:** ${failure.message}`, '');
  return lines.join('\n');
}
