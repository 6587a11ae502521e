/** A throw-away PostgreSQL database per run: `renkei_bench_<pid>` on the local server, dropped at the end. */
import pg from 'pg';

export const defaultPostgresAdminUrl = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The admin connection (user postgres, trust); BENCH_POSTGRES_URL overrides it. */
export function postgresAdminUrl(): string {
  return process.env.BENCH_POSTGRES_URL ?? defaultPostgresAdminUrl;
}

export type BenchDatabase = {
  name: string;
  url: string;
  drop(): Promise<void>;
};

function urlFor(adminUrl: string, databaseName: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops databases left by runs that were interrupted (their runner process is gone). */
async function dropAbandoned(client: pg.Client): Promise<void> {
  const result = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname ~ '^renkei_bench_[0-9]+(_[a-z0-9_]+)?$'",
  );
  for (const { datname } of result.rows) {
    const pid = Number(/^renkei_bench_(\d+)/.exec(datname)?.[1]);
    if (pid !== process.pid && !isAlive(pid)) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

/** Creates a fresh empty database; `suffix` tells databases of one run apart. */
export async function createBenchDatabase(suffix = ''): Promise<BenchDatabase> {
  const adminUrl = postgresAdminUrl();
  const name = `renkei_bench_${process.pid}${suffix ? `_${suffix}` : ''}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  await withAdmin(adminUrl, async (client) => {
    await dropAbandoned(client);
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  return {
    name,
    url: urlFor(adminUrl, name),
    drop: () =>
      withAdmin(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}
