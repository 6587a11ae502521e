/**
 * Minimal RFC 4180 CSV parser: quoted fields, doubled quotes inside quotes, commas and line
 * breaks inside quotes, CRLF / LF / CR record separators, optional UTF-8 BOM. No dependencies.
 * Shared by the data build script (scripts/build-okayama-data.ts) and the directory imports.
 */

/** One record with the physical line (1-based) it starts on, so rejections can name the line. */
export type CsvRecord = { fields: string[]; line: number };

/** Thrown for text that is not CSV at all (an unterminated quoted field). */
export class CsvSyntaxError extends Error {
  readonly line: number;

  constructor(line: number) {
    super(`CSV: unterminated quoted field (line ${line})`);
    this.line = line;
  }
}

/** Line breaks in a quoted chunk: LF, and CR not followed by LF (the chunk ends before a quote). */
function countLineBreaks(chunk: string): number {
  let count = 0;
  for (let k = 0; k < chunk.length; k += 1) {
    const code = chunk.charCodeAt(k);
    if (code === LF || (code === CR && chunk.charCodeAt(k + 1) !== LF)) count += 1;
  }
  return count;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Parses CSV text into records with their starting line. A trailing line break does not add a
 * record. Scans runs of ordinary characters at once (the national files have ~10 MB).
 */
export function parseCsvRecords(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false; // true once the current record has any content (for the final record)
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let i = 0;
  const n = input.length;
  while (i < n) {
    if (inQuotes) {
      const quote = input.indexOf('"', i);
      if (quote === -1) break;
      const chunk = input.slice(i, quote);
      field += chunk;
      line += countLineBreaks(chunk);
      if (input.charCodeAt(quote + 1) === QUOTE) {
        field += '"';
        i = quote + 2;
      } else {
        inQuotes = false;
        i = quote + 1;
      }
      continue;
    }
    const c = input.charCodeAt(i);
    if (c === QUOTE && field === '') {
      inQuotes = true;
      quoteLine = line;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === COMMA) {
      record.push(field);
      field = '';
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === CR || c === LF) {
      record.push(field);
      records.push({ fields: record, line: recordLine });
      record = [];
      field = '';
      fieldStarted = false;
      i += c === CR && input.charCodeAt(i + 1) === LF ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    // A run of ordinary characters (a quote inside an unquoted field is an ordinary character).
    let end = i + 1;
    while (end < n) {
      const code = input.charCodeAt(end);
      if (code === COMMA || code === CR || code === LF) break;
      end += 1;
    }
    field += input.slice(i, end);
    fieldStarted = true;
    i = end;
  }
  if (inQuotes) throw new CsvSyntaxError(quoteLine);
  if (fieldStarted || field !== '') {
    record.push(field);
    records.push({ fields: record, line: recordLine });
  }
  return records;
}

/** Parses CSV text into records (arrays of fields). A trailing line break does not add a record. */
export function parseCsv(text: string): string[][] {
  return parseCsvRecords(text).map((record) => record.fields);
}

/** A blank line parses as one empty field. */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/**
 * Parses CSV with a header line into objects keyed by column name. Throws when a record's field
 * count differs from the header's (a sign of a parsing or data error).
 */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...allRows] = parseCsv(text);
  if (!header) return [];
  // A blank line parses as one empty field; skip it rather than failing the field-count check.
  const rows = allRows.filter((row) => !isBlankRecord(row));
  return rows.map((row, index) => {
    if (row.length !== header.length) {
      throw new Error(`CSV: record ${index + 2} has ${row.length} fields, header has ${header.length}`);
    }
    const object: Record<string, string> = {};
    header.forEach((name, column) => {
      object[name] = row[column] ?? '';
    });
    return object;
  });
}

/** Reads a required column of a parsed record; throws on a missing column (schema drift). */
export function col(record: Record<string, string>, name: string): string {
  const value = record[name];
  if (value === undefined) throw new Error(`CSV: missing column ${name}`);
  return value;
}
