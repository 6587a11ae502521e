/**
 * Reads an import file's text in the format asked for: header check (a file of another format is
 * refused as a whole), then row by row mapping with each rejected row's line and reason.
 */
import { CsvSyntaxError, isBlankRecord, parseCsvRecords } from './csv.js';
import {
  ImportFormatError,
  type DataRow,
  type ImportFormat,
  type MappingContext,
  type MappingResult,
} from './import-types.js';
import { isMedInstCodesFirstRecord, mapMedInstCodes } from './med-inst-codes.js';
import { isMhlwIryoHeader, mapMhlwIryo } from './mhlw-iryo.js';
import { isMhlwKaigoHeader, mapMhlwKaigo } from './mhlw-kaigo.js';
import { isRenkeiCsvHeader, mapRenkeiCsv } from './renkei-csv.js';

/** Which format a file's first record looks like (for a helpful message), or null. */
export function guessFormat(first: readonly string[]): ImportFormat | null {
  if (isMhlwKaigoHeader(first)) return 'mhlw-kaigo';
  if (isMedInstCodesFirstRecord(first)) return 'med-inst-codes';
  if (isMhlwIryoHeader(first)) return 'mhlw-iryo';
  if (isRenkeiCsvHeader(first)) return 'renkei-csv';
  return null;
}

function firstLineText(fields: readonly string[]): string {
  const text = fields.slice(0, 6).join(',');
  return `${text.length > 80 ? `${text.slice(0, 80)}…` : text}${fields.length > 6 ? ',…' : ''}`;
}

/** Maps the file's text; throws ImportFormatError when the file is not in `format` at all. */
export function mapImportFile(format: ImportFormat, text: string, context: MappingContext): MappingResult {
  let records: DataRow[];
  try {
    records = parseCsvRecords(text).filter((record) => !isBlankRecord(record.fields));
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new ImportFormatError(`CSV として読めません: ${error.line}行目で始まる引用符（"）が閉じられていません。`);
    }
    throw error;
  }
  const [first, ...rows] = records;
  if (!first) throw new ImportFormatError('ファイルにデータがありません（空のファイルです）。');
  const header = first.fields.map((name) => name.trim());
  try {
    switch (format) {
      case 'mhlw-kaigo':
        return mapMhlwKaigo(header, rows, context);
      case 'med-inst-codes':
        return mapMedInstCodes([{ fields: header, line: first.line }, ...rows], context);
      case 'mhlw-iryo':
        return mapMhlwIryo(header, rows, context);
      case 'renkei-csv':
        return mapRenkeiCsv(header, rows, context);
    }
  } catch (error) {
    if (!(error instanceof ImportFormatError)) throw error;
    const guess = guessFormat(header);
    const hint = guess && guess !== format ? ` この見出しは ${guess} の形式です。形式の指定を確かめてください。` : '';
    throw new ImportFormatError(`${error.message} 1行目は「${firstLineText(header)}」でした。${hint}`);
  }
}
