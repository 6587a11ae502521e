/**
 * Minimal RFC 4180 CSV parser: quoted fields, doubled quotes inside quotes, commas and line
 * breaks inside quotes, CRLF / LF / CR record separators, optional UTF-8 BOM. No dependencies.
 */

/** Parses CSV text into records (arrays of fields). A trailing line break does not add a record. */
export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false; // true once the current record has any content (for the final record)
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input.charAt(i);
    if (inQuotes) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === ',') {
      record.push(field);
      field = '';
      fieldStarted = true;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    fieldStarted = true;
    i += 1;
  }
  if (inQuotes) throw new Error('CSV: unterminated quoted field');
  if (fieldStarted || field !== '') {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Parses CSV with a header line into objects keyed by column name. Throws when a record's field
 * count differs from the header's (a sign of a parsing or data error).
 */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...allRows] = parseCsv(text);
  if (!header) return [];
  // A blank line parses as one empty field; skip it rather than failing the field-count check.
  const rows = allRows.filter((row) => !(row.length === 1 && row[0] === ''));
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
