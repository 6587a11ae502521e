/**
 * Loaded with `node --import` into a server started by the benchmarks (W4) when
 * BENCH_SQL_CAPTURE names a file: every statement the process sends to PostgreSQL through `pg`
 * is appended to that file as one JSON line — monotonic time (ns, the clock of
 * process.hrtime.bigint(), comparable between processes), statement text, the parameters as pg
 * sends them (after its own conversion of dates, arrays and objects to text) and the statement
 * name when it is a prepared one. The runner keeps the lines of a time window around one request.
 */
import { appendFileSync } from 'node:fs';
import process from 'node:process';
import pg from 'pg';
import utils from 'pg/lib/utils.js';

const file = process.env.BENCH_SQL_CAPTURE;
if (file) {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function capturedQuery(config, values, callback) {
    try {
      const text = typeof config === 'string' ? config : config?.text;
      const parameters = Array.isArray(values) ? values : typeof config === 'object' ? config?.values : undefined;
      if (typeof text === 'string') {
        appendFileSync(
          file,
          `${JSON.stringify({
            at: process.hrtime.bigint().toString(),
            text,
            values: (parameters ?? []).map((value) => utils.prepareValue(value)),
            name: typeof config === 'object' ? (config?.name ?? null) : null,
          })}\n`,
        );
      }
    } catch {
      // capturing must never change what the server does
    }
    return original.call(this, config, values, callback);
  };
}

if (file) {
  // PGlite (embedded): the same lines, for a server started on a data directory.
  const { PGlite } = await import('@electric-sql/pglite');
  const record = (text, parameters) => {
    try {
      appendFileSync(
        file,
        `${JSON.stringify({
          at: process.hrtime.bigint().toString(),
          text,
          values: (parameters ?? []).map((value) =>
            value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value),
          ),
          name: null,
        })}\n`,
      );
    } catch {
      // capturing must never change what the server does
    }
  };
  const { query, exec, transaction } = PGlite.prototype;
  PGlite.prototype.query = function capturedQuery(text, parameters, options) {
    record(text, parameters);
    return query.call(this, text, parameters, options);
  };
  PGlite.prototype.exec = function capturedExec(text, options) {
    record(text, []);
    return exec.call(this, text, options);
  };
  PGlite.prototype.transaction = function capturedTransaction(callback) {
    return transaction.call(this, async (tx) => {
      record('BEGIN', []);
      const wrapped = Object.create(tx);
      wrapped.query = (text, parameters, options) => {
        record(text, parameters);
        return tx.query(text, parameters, options);
      };
      wrapped.exec = (text, options) => {
        record(text, []);
        return tx.exec(text, options);
      };
      const result = await callback(wrapped);
      record('COMMIT', []);
      return result;
    });
  };
}
