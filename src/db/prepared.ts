/**
 * Statements built once and run on any executor — the database or a transaction.
 *
 * Drizzle turns a query builder into SQL text on every call (a tenth of a millisecond or more
 * per statement, measured on the referral acceptance: a third of the server's CPU), and on
 * PostgreSQL an unnamed statement is parsed and planned again each time. A hot statement defined
 * here is built into SQL the first time it runs and kept; on PostgreSQL it is a named prepared
 * statement, parsed and planned once per connection (node-postgres keeps it per connection).
 *
 * Drizzle ties a prepared query to the connection of the executor it was built on; here the
 * built query is kept once per driver and each call runs it on the caller's own connection, so
 * a statement inside a transaction stays inside that transaction.
 *
 * Values go in as `sql.placeholder(name)`. Drizzle maps a placeholder through its column's
 * encoder (Date → ISO text, JSON → text): a nullable JSON or timestamp value must instead be
 * written as `sql\`${sql.placeholder('x')}::jsonb\`` and given already encoded (or null),
 * because the column encoders turn null into JSON `null` or fail.
 */
import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbExecutor } from './client.js';

type PreparedLike<Result> = { execute(values?: Record<string, unknown>): Promise<Result> };

type Internals = { session: { client: unknown; constructor: object } };

const names = new Set<string>();

/**
 * Defines a statement: `build` receives an executor and returns `builder.prepare(name)` with
 * the same `name`. Returns a function running it on an executor with placeholder values.
 */
export function preparedStatement<Result>(
  name: string,
  build: (executor: DbExecutor, name: string) => PreparedLike<Result>,
): (executor: DbExecutor, values: Record<string, unknown>) => Promise<Result> {
  if (names.has(name)) throw new Error(`prepared statement "${name}" is defined twice`);
  names.add(name);
  // One built query per driver (node-postgres, PGlite): their sessions are different classes.
  const built = new Map<object, PreparedLike<Result>>();
  return (executor, values) => {
    const session = (executor as unknown as Internals).session;
    let query = built.get(session.constructor);
    if (!query) {
      query = build(executor, name);
      built.set(session.constructor, query);
    }
    const onThisConnection = Object.create(query, { client: { value: session.client } }) as PreparedLike<Result>;
    return onThisConnection.execute(values);
  };
}

/**
 * A placeholder for `column` where Drizzle's types only accept the column's value (an UPDATE's
 * `set`). At run time Drizzle wraps it like any value and encodes it with the column's encoder.
 */
export function placeholderFor<C extends AnyPgColumn>(_column: C, name: string): C['_']['data'] {
  return sql.placeholder(name) as unknown;
}
