/**
 * Turns the statements a server sent for one request (captured by sql-capture-hook.mjs) into a
 * replayable template: the same statement texts, each parameter described as parts — literal
 * text, a per-transaction value the benchmark knows (the referral being accepted, its case…),
 * a fresh UUID (a new row's id, a request id) or the current time. Two captures of the same
 * request on different rows must give the same template, or the replay would not be the same SQL.
 * From a template: a pgbench script (W4 PostgreSQL baseline) or a parameter list for a raw loop
 * (W4 PGlite baseline).
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

export type CapturedStatement = { at: bigint; text: string; values: (string | null)[]; name: string | null };

export type Part =
  | { literal: string }
  | { column: string }
  | { uuid: number }
  /** The current time as pg formats a Date (`2026-11-26T02:03:04.567+09:00`) or as toISOString (`…Z`). */
  | { time: string };

/** One parameter: null, or its text in parts. */
export type ParameterTemplate = Part[] | null;
export type StatementTemplate = { text: string; parameters: ParameterTemplate[] };

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const timePattern = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(?:Z|[+-]\d{2}:\d{2})/g;

/** The statements captured between two monotonic times (ns), health pings left out. */
export function readCapture(file: string, from: bigint, to: bigint): CapturedStatement[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const parsed = JSON.parse(line) as { at: string; text: string; values: (string | null)[]; name: string | null };
      return { ...parsed, at: BigInt(parsed.at) };
    })
    .filter((statement) => statement.at >= from && statement.at <= to)
    .filter((statement) => statement.text.trim().toLowerCase() !== 'select 1');
}

type Token = { kind: 'text' | 'uuid' | 'time'; text: string };

/** Literal text, UUIDs and timestamps of a parameter value, in order. */
function tokens(value: string): Token[] {
  const found = [
    ...[...value.matchAll(uuidPattern)].map((match) => ({ index: match.index, text: match[0], kind: 'uuid' as const })),
    ...[...value.matchAll(timePattern)].map((match) => ({ index: match.index, text: match[0], kind: 'time' as const })),
  ].sort((a, b) => a.index - b.index);
  const result: Token[] = [];
  let position = 0;
  for (const token of found) {
    if (token.index < position) continue;
    if (token.index > position) result.push({ kind: 'text', text: value.slice(position, token.index) });
    result.push({ kind: token.kind, text: token.text });
    position = token.index + token.text.length;
  }
  if (position < value.length) result.push({ kind: 'text', text: value.slice(position) });
  return result;
}

/**
 * The template of a request from two captures of it on different rows. `known` maps, per
 * capture, the name of a per-transaction column (in the replay's queue table) to its value in
 * that capture. A UUID equal in both captures is a constant (an organisation, a user); one that
 * differs is a known column, or else a fresh UUID per transaction (a new row's id, a request id).
 * Anything else that differs between the two captures is an error: the replay would not be the
 * same SQL.
 */
export function templateOf(
  captures: [CapturedStatement[], CapturedStatement[]],
  known: [Record<string, string>, Record<string, string>],
): StatementTemplate[] {
  const [first, second] = captures;
  const describe = (list: CapturedStatement[]) =>
    list.map((statement) => `  ${statement.text.slice(0, 110)}`).join('\n');
  if (first.length !== second.length || first.some((statement, index) => statement.text !== second[index]?.text)) {
    throw new Error(
      `the two captured requests sent different statements:\n${describe(first)}\n  ---\n${describe(second)}`,
    );
  }
  const columnOf = known.map(
    (values) => new Map(Object.entries(values).map(([column, value]) => [value.toLowerCase(), column])),
  );
  const generated = new Map<string, number>();
  return first.map((statement, statementIndex) => {
    const other = second[statementIndex]!;
    if (statement.values.length !== other.values.length)
      throw new Error(`statement ${statementIndex + 1}: parameters differ`);
    const parameters = statement.values.map((value, parameterIndex): ParameterTemplate => {
      const otherValue = other.values[parameterIndex] ?? null;
      const where = `statement ${statementIndex + 1} (${statement.text.slice(0, 60)}…) parameter $${parameterIndex + 1}`;
      if (value === null || otherValue === null) {
        if (value !== otherValue) throw new Error(`${where}: null in one capture only`);
        return null;
      }
      const a = tokens(value);
      const b = tokens(otherValue);
      if (a.length !== b.length || a.some((token, index) => token.kind !== b[index]?.kind)) {
        throw new Error(`${where}: ${JSON.stringify(value)} and ${JSON.stringify(otherValue)} do not line up`);
      }
      return a.map((token, index): Part => {
        const twin = b[index]!;
        if (token.kind === 'text') {
          if (token.text !== twin.text) {
            throw new Error(`${where}: ${JSON.stringify(value)} and ${JSON.stringify(otherValue)} differ`);
          }
          return { literal: token.text };
        }
        if (token.kind === 'time') {
          if (token.text.slice(23) !== twin.text.slice(23)) throw new Error(`${where}: time zones differ`);
          return { time: token.text.slice(23) };
        }
        const column = columnOf[0]!.get(token.text.toLowerCase());
        if (column !== undefined && columnOf[1]!.get(twin.text.toLowerCase()) === column) return { column };
        if (token.text === twin.text) return { literal: token.text };
        const pair = `${token.text}|${twin.text}`.toLowerCase();
        if (!generated.has(pair)) generated.set(pair, generated.size);
        return { uuid: generated.get(pair)! };
      });
    });
    return { text: statement.text, parameters };
  });
}

export function uuidCount(template: StatementTemplate[]): number {
  let count = 0;
  for (const statement of template) {
    for (const parameter of statement.parameters) {
      for (const part of parameter ?? []) if ('uuid' in part) count = Math.max(count, part.uuid + 1);
    }
  }
  return count;
}

/** A PostgreSQL string literal (for DDL run by the runner, never inside a pgbench script). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The current time as text, formatted like the captured value (`…Z` or `…+09:00`). */
function timeExpression(suffix: string): string {
  if (suffix === 'Z') return `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') || 'Z'`;
  const sign = suffix.startsWith('-') ? '-' : '+';
  const local = `(clock_timestamp() AT TIME ZONE 'UTC') ${sign} CAST(${literal(suffix.slice(1))} AS interval)`;
  return `to_char(${local}, 'YYYY-MM-DD"T"HH24:MI:SS.MS') || ${literal(suffix)}`;
}

export type PgbenchReplay = {
  /** The script for `pgbench -f`. */
  script: string;
  /** DDL the runner runs first: the constants table (one row) and the extra columns of the queue table. */
  setup: string[];
};

/**
 * A pgbench replay of the template: per transaction, one query (\gset) reads the next row of
 * `queueTable` (numbered by its sequence) joined with a one-row table of the constant texts, and
 * builds every parameter from them by concatenation; then the captured statements run with
 * `:variables` in place of `$n` (with `-M extended`, pgbench sends them as parameters like
 * node-postgres does), null parameters as NULL. Fresh UUIDs and times are filled in per row when
 * the row is created (column defaults), so the per-transaction query does no more than a primary
 * key lookup and some `||`. (Texts are never written into the script: pgbench would read a
 * `:word` inside them as a variable.)
 */
export function pgbenchReplay(template: StatementTemplate[], queueTable: string): PgbenchReplay {
  const constants = new Map<string, number>();
  const times = new Map<string, number>();
  let uuids = 0;
  const piece = (part: Part): string => {
    if ('literal' in part) {
      if (!constants.has(part.literal)) constants.set(part.literal, constants.size);
      return `c.c${constants.get(part.literal)}`;
    }
    if ('column' in part) return `CAST(q.${part.column} AS text)`;
    if ('uuid' in part) {
      uuids = Math.max(uuids, part.uuid + 1);
      return `q.u${part.uuid}`;
    }
    if (!times.has(part.time)) times.set(part.time, times.size);
    return `q.t${times.get(part.time)}`;
  };
  const columns: string[] = [];
  const statements = template.map((statement, statementIndex) => {
    const text = statement.text.replace(/\$(\d+)/g, (_, number: string) => {
      const parameter = statement.parameters[Number(number) - 1];
      if (parameter === undefined) throw new Error(`statement ${statementIndex + 1} has no parameter $${number}`);
      if (parameter === null) return 'NULL';
      const variable = `s${statementIndex}p${number}`;
      const pieces = parameter.map(piece);
      columns.push(`${pieces.length === 0 ? "''" : pieces.join(' || ')} AS ${variable}`);
      return `:${variable}`;
    });
    if (/:[A-Za-z_]/.test(text.replace(/:s\d+p\d+/g, '').replace(/::/g, ''))) {
      throw new Error(`statement ${statementIndex + 1} contains a ':name' pgbench would read as a variable`);
    }
    return `${text.replace(/\s+/g, ' ').trim()};`;
  });
  const constantsTable = `${queueTable}_constants`;
  const setup = [
    `DROP TABLE IF EXISTS ${constantsTable}`,
    `CREATE TABLE ${constantsTable} AS SELECT ${
      constants.size === 0
        ? '1 AS none'
        : [...constants.entries()].map(([text, index]) => `${literal(text)}::text AS c${index}`).join(', ')
    }`,
    ...Array.from(
      { length: uuids },
      (_, index) =>
        `ALTER TABLE ${queueTable} ADD COLUMN IF NOT EXISTS u${index} text NOT NULL DEFAULT CAST(gen_random_uuid() AS text)`,
    ),
    ...[...times.entries()].map(
      ([suffix, index]) =>
        `ALTER TABLE ${queueTable} ADD COLUMN IF NOT EXISTS t${index} text NOT NULL DEFAULT ${timeExpression(suffix)}`,
    ),
  ];
  const next =
    `SELECT ${columns.length > 0 ? columns.join(', ') : '1 AS none'} FROM ${queueTable} q CROSS JOIN ${constantsTable} c ` +
    `WHERE q.n = (SELECT nextval('${queueTable}_seq')) \\gset`;
  return { script: `${[next, ...statements].join('\n')}\n`, setup };
}

function nowText(suffix: string): string {
  const now = new Date();
  if (suffix === 'Z') return now.toISOString();
  const sign = suffix.startsWith('-') ? -1 : 1;
  const [hours, minutes] = suffix.slice(1).split(':').map(Number);
  const shifted = new Date(now.getTime() + sign * ((hours ?? 0) * 60 + (minutes ?? 0)) * 60_000);
  return `${shifted.toISOString().slice(0, 23)}${suffix}`;
}

/** The parameters of one replay in this process (the PGlite raw loop). */
export function parametersFor(template: StatementTemplate[], row: Record<string, string>): (string | null)[][] {
  const uuids = Array.from({ length: uuidCount(template) }, () => randomUUID());
  return template.map((statement) =>
    statement.parameters.map((parameter) => {
      if (parameter === null) return null;
      return parameter
        .map((part) => {
          if ('literal' in part) return part.literal;
          if ('column' in part) {
            const value = row[part.column];
            if (value === undefined) throw new Error(`no value for ${part.column}`);
            return value;
          }
          if ('uuid' in part) return uuids[part.uuid]!;
          return nowText(part.time);
        })
        .join('');
    }),
  );
}
