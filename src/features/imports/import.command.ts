/**
 * `npm run renkei -- import <format> <file> [--dry-run] [--encoding auto|utf8|sjis] [--skip-invalid]`.
 * Exit code 0 when imported (or dry run), 2 when the file is refused or any row is invalid
 * (nothing written), 1 on an unexpected failure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CliError, type CliCommand } from '../../cli/commands.js';
import { openRuntime } from '../../platform/runtime.js';
import { systemClock } from '../../platform/clock.js';
import { ImportFormatError, importFormats, isImportFormat } from '../../domain/imports/import-types.js';
import { encodingOptions, isEncodingOption } from '../../domain/imports/text-encoding.js';
import { createImportService, type ImportReport } from './import.service.js';

const shownRejections = 1000;
const shownWarnings = 50;

const formatNumber = (value: number): string => value.toLocaleString('ja-JP');

/** The report as printed lines (Japanese). */
export function reportLines(report: ImportReport): string[] {
  const lines = [
    `形式: ${report.format}（${report.variantLabel}）`,
    `ファイル: ${report.fileName}（${report.encoding}${report.isCompressed ? '、gzip' : ''}）`,
    `データ行: ${formatNumber(report.dataRows)}、組織: ${formatNumber(report.records)}` +
      (report.mergedRows > 0
        ? `（同じ事業所の別サービス行・同一内容の重複行 ${formatNumber(report.mergedRows)} 行をまとめました）`
        : ''),
  ];
  if (report.rejected.length > 0) {
    lines.push(`取り込めない行: ${formatNumber(report.rejected.length)} 行`);
    for (const problem of report.rejected.slice(0, shownRejections))
      lines.push(`  ${problem.line}行目: ${problem.reason}`);
    if (report.rejected.length > shownRejections)
      lines.push(`  …ほか ${formatNumber(report.rejected.length - shownRejections)} 行`);
  }
  if (report.warnings.length > 0) {
    lines.push(`注意: ${formatNumber(report.warnings.length)} 件（行は取り込みます）`);
    for (const problem of report.warnings.slice(0, shownWarnings))
      lines.push(`  ${problem.line}行目: ${problem.reason}`);
    if (report.warnings.length > shownWarnings)
      lines.push(`  …ほか ${formatNumber(report.warnings.length - shownWarnings)} 件`);
  }
  switch (report.outcome) {
    case 'rejected':
      lines.push(
        '取り込めない行があるため、何も取り込みませんでした（すべてか無しか）。行を直して再実行するか、' +
          '正しい行だけを取り込むには --skip-invalid を付けてください。',
      );
      break;
    case 'dry_run':
      lines.push(
        `試行（--dry-run）: 追加 ${formatNumber(report.inserted)}・更新 ${formatNumber(report.updated)}・変更なし ${formatNumber(report.unchanged)}（データベースは変更していません）`,
      );
      for (const change of report.changes) {
        lines.push(
          `  ${change.line}行目: ${change.action === 'insert' ? '追加' : '更新'} ${change.name}` +
            (change.changedFields.length > 0 ? `（${change.changedFields.join(', ')}）` : ''),
        );
      }
      {
        const notListed = report.inserted + report.updated - report.changes.length;
        if (notListed > 0)
          lines.push(`  …ほか ${formatNumber(notListed)} 件（先頭の ${formatNumber(report.changes.length)} 件を表示）`);
      }
      break;
    case 'imported':
      lines.push(
        `取り込みました: 追加 ${formatNumber(report.inserted)}・更新 ${formatNumber(report.updated)}・変更なし ${formatNumber(report.unchanged)}` +
          (report.rejected.length > 0
            ? `（--skip-invalid: ${formatNumber(report.rejected.length)} 行は取り込んでいません）`
            : ''),
      );
      break;
  }
  lines.push(`所要時間: ${(report.elapsedMs / 1000).toFixed(1)} 秒`);
  return lines;
}

export const importCommand: CliCommand = {
  options: {
    'dry-run': { type: 'boolean' },
    'skip-invalid': { type: 'boolean' },
    encoding: { type: 'string' },
  },
  run: async ({ config, values, positionals, out }) => {
    const [format, file] = positionals;
    if (!format || !file || positionals.length > 2) {
      throw new CliError(
        `使い方: import <${importFormats.join('|')}> <file> [--dry-run] [--encoding auto|utf8|sjis] [--skip-invalid]`,
      );
    }
    if (!isImportFormat(format)) throw new CliError(`不明な形式です: ${format}（${importFormats.join(' | ')}）`);
    const encoding = typeof values.encoding === 'string' ? values.encoding : 'auto';
    if (!isEncodingOption(encoding)) throw new CliError(`--encoding は ${encodingOptions.join(' | ')} のいずれかです`);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new CliError(`ファイルを読めません: ${file}（${error instanceof Error ? error.message : String(error)}）`);
    }
    const runtime = await openRuntime(config);
    try {
      const service = createImportService({ database: runtime.database, clock: systemClock });
      const report = await service.importFile(
        {
          format,
          fileName: path.basename(file),
          bytes,
          encoding,
          dryRun: values['dry-run'] === true,
          skipInvalid: values['skip-invalid'] === true,
        },
        { actor: null, requestId: `cli-import-${randomUUID()}`, ip: 'cli' },
      );
      for (const line of reportLines(report)) out(line);
      return report.outcome === 'rejected' ? 2 : 0;
    } catch (error) {
      if (error instanceof ImportFormatError)
        throw new CliError(`取り込めません（何も取り込んでいません）: ${error.message}`);
      throw error;
    } finally {
      await runtime.close();
    }
  },
};
