/** The report an operator reads after `renkei import`: a dry run says how many changes it did not list. */
import { describe, expect, it } from 'vitest';
import { reportLines } from './import.command.js';
import type { ImportReport } from './import.service.js';

const dryRun = (inserted: number, updated: number, listed: number): ImportReport => ({
  format: 'renkei-csv',
  variantLabel: 'Renkei CSV',
  fileName: 'organizations.csv',
  encoding: 'UTF-8',
  isCompressed: false,
  dataRows: inserted + updated,
  records: inserted + updated,
  mergedRows: 0,
  inserted,
  updated,
  unchanged: 0,
  rejected: [],
  warnings: [],
  outcome: 'dry_run',
  skipInvalid: false,
  changes: Array.from({ length: listed }, (_, index) => ({
    line: index + 2,
    action: 'update' as const,
    name: `事業所 ${index}`,
    changedFields: ['phone'],
  })),
  elapsedMs: 1200,
});

describe('import report', () => {
  it('says how many planned changes a dry run did not list', () => {
    const lines = reportLines(dryRun(10, 88, 50));
    expect(lines.filter((line) => line.includes('行目: 更新'))).toHaveLength(50);
    expect(lines).toContain('  …ほか 48 件（先頭の 50 件を表示）');
  });

  it('adds nothing when every change is listed', () => {
    expect(reportLines(dryRun(2, 1, 3)).some((line) => line.includes('…ほか'))).toBe(false);
  });
});
