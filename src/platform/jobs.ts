/**
 * Durable background jobs in the database (deadlines, reminders). A due job is claimed with
 * FOR UPDATE SKIP LOCKED and its effect and its completion are committed in ONE transaction:
 * with several server instances each job runs exactly once, and a restart loses none.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, like, lte, sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { jobs } from '../db/schema.js';
import type { Database, DbExecutor, Tx } from '../db/client.js';
import { placeholderFor, preparedStatement } from '../db/prepared.js';
import type { Clock } from './clock.js';

export type JobRow = typeof jobs.$inferSelect;
export type JobHandler = (tx: Tx, job: JobRow) => Promise<void>;

const maxAttempts = 5;

export async function scheduleJob(
  executor: DbExecutor,
  clock: Clock,
  job: { kind: string; runAt: Date; payload?: Record<string, unknown>; uniqueKey?: string },
): Promise<void> {
  await executor
    .insert(jobs)
    .values({
      id: randomUUID(),
      kind: job.kind,
      runAt: job.runAt,
      payload: job.payload ?? {},
      uniqueKey: job.uniqueKey ?? null,
      createdAt: clock.now(),
    })
    .onConflictDoNothing();
}

// A job a runner holds right now (FOR UPDATE SKIP LOCKED) is skipped, not waited for: the runner
// locks the rows its handler needs after the job, while a request that cancels the job holds
// those rows already (an answer locks the case, then cancels the referral's expiry) — waiting
// would be a deadlock. A skipped job runs once the request commits and finds nothing left to do
// (every handler checks the state it would change).
function unlockedPendingJobIds(executor: DbExecutor, key: SQL) {
  return executor
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(key, eq(jobs.status, 'pending')))
    .for('update', { skipLocked: true });
}

const cancelPendingJob = preparedStatement('renkei_job_cancel', (executor, name) =>
  executor
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: placeholderFor(jobs.finishedAt, 'at') })
    .where(inArray(jobs.id, unlockedPendingJobIds(executor, eq(jobs.uniqueKey, sql.placeholder('uniqueKey')))))
    .prepare(name),
);

/** Cancels every pending job whose unique key starts with `prefix` (e.g. a case's earlier checks). */
export async function cancelJobsByKeyPrefix(executor: DbExecutor, clock: Clock, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  await executor
    .update(jobs)
    .set({ status: 'cancelled', finishedAt: clock.now() })
    .where(inArray(jobs.id, unlockedPendingJobIds(executor, like(jobs.uniqueKey, pattern))));
}

/** Cancels a pending job by its unique key (e.g. the expiry of a referral that was answered). */
export async function cancelJob(executor: DbExecutor, clock: Clock, uniqueKey: string): Promise<void> {
  await cancelPendingJob(executor, { at: clock.now(), uniqueKey });
}

export function createJobRunner(options: {
  database: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  handlers: Record<string, JobHandler>;
  intervalMs?: number;
}) {
  const { database, clock, logger, handlers } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  /** Runs one due job; returns false when none is due. */
  async function runOne(): Promise<boolean> {
    let claimed: JobRow | null = null;
    try {
      return await database.transaction(async (tx) => {
        const [job] = await tx
          .select()
          .from(jobs)
          .where(and(eq(jobs.status, 'pending'), lte(jobs.runAt, clock.now())))
          .orderBy(asc(jobs.runAt), asc(jobs.id))
          .limit(1)
          .for('update', { skipLocked: true });
        if (!job) return false;
        claimed = job;
        const handler = handlers[job.kind];
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(tx, job);
        await tx
          .update(jobs)
          .set({ status: 'done', finishedAt: clock.now(), attempts: sql`${jobs.attempts} + 1` })
          .where(eq(jobs.id, job.id));
        return true;
      });
    } catch (error) {
      const failed = claimed as JobRow | null;
      if (!failed) throw error;
      logger.error({ err: error, jobId: failed.id, kind: failed.kind }, 'job failed');
      const attempts = failed.attempts + 1;
      await database.db
        .update(jobs)
        .set({
          attempts,
          lastError: error instanceof Error ? error.message.slice(0, 1000) : String(error),
          status: attempts >= maxAttempts ? 'failed' : 'pending',
          runAt: new Date(clock.now().getTime() + 2 ** attempts * 1000),
        })
        .where(eq(jobs.id, failed.id));
      return true;
    }
  }

  /** Runs every job that is due now; returns how many ran. */
  async function runDue(limit = 500): Promise<number> {
    running ??= (async () => {
      let count = 0;
      while (count < limit && (await runOne())) count += 1;
      return count;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    runDue,
    start() {
      timer ??= setInterval(() => {
        runDue().catch((error: unknown) => logger.error({ err: error }, 'job runner failed'));
      }, options.intervalMs ?? 5000).unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
