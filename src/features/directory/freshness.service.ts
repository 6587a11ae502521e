/**
 * Freshness of acceptance information: the list of stale members for association admins (and
 * admins), and the daily reminder job that notifies each stale organisation (at most weekly) — the
 * list says when each member was last reminded.
 */
import { assertKnownAreaCode } from '../areas/area.service.js';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { Tx } from '../../db/client.js';
import { errors } from '../../platform/errors.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { toJstIsoOrNull } from '../../platform/time.js';
import { notify } from '../../platform/notifications.js';
import { scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { availabilityAgeDays } from '../../domain/freshness.js';
import { jstDate } from '../../platform/time.js';
import * as repository from './freshness.repository.js';
import type { StaleQuery } from './freshness.schema.js';

const dayMs = 24 * 60 * 60 * 1000;
export const staleReminderJob = 'directory.stale_reminders';

/** The next 09:00 in Asia/Tokyo after `now`. */
export function nextMorningJst(now: Date): Date {
  const date = jstDate(now);
  const todayNine = new Date(`${date}T09:00:00+09:00`);
  return todayNine.getTime() > now.getTime() ? todayNine : new Date(todayNine.getTime() + dayMs);
}

/** Where the page starts: after the row the cursor names, in the list's own order. */
function afterOf(query: StaleQuery): repository.StaleAfter | null {
  if (query.sort === 'name') {
    const cursor = decodeCursor(query.cursor, 'text');
    return cursor ? { sort: 'name', name: cursor.key, id: cursor.id } : null;
  }
  const cursor = decodeCursor(query.cursor, 'nullableTimestamp');
  return cursor
    ? { sort: 'oldest', updatedAt: cursor.key === null ? null : new Date(cursor.key), id: cursor.id }
    : null;
}

export function createFreshnessService(
  deps: AppDeps,
  /** The registered areas: an `areaCode` filter naming none of them is refused (400 unknown_area). */
  areas?: () => Promise<readonly { code: string; fullName: string }[]>,
) {
  const { database, clock, config } = deps;
  const staleBefore = () => new Date(clock.now().getTime() - config.staleAvailabilityDays * dayMs);

  /**
   * The stale members of the caller's association (all of them for the admin), oldest answer first — never
   * answered before anything else — or by name, filtered by kind and ward, each with its last reminder.
   */
  async function listStale(context: ActorContext, query: StaleQuery) {
    const { actor } = context;
    if (actor.role !== 'admin' && actor.role !== 'association_admin') throw errors.forbidden();
    if (actor.role === 'association_admin' && !actor.organizationId) throw errors.forbidden();
    const after = afterOf(query);
    await assertKnownAreaCode(areas, query.areaCode);
    const rows = await repository.listStale(database.db, {
      staleBefore: staleBefore(),
      limit: query.limit,
      sort: query.sort,
      ...(actor.role === 'association_admin' && actor.organizationId ? { associationId: actor.organizationId } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.areaCode ? { areaCode: query.areaCode } : {}),
      ...(after ? { after } : {}),
    });
    const page = pageOf(rows, query.limit, (row) =>
      query.sort === 'name'
        ? { key: row.name, id: row.id }
        : { key: row.availabilityUpdatedAt?.toISOString() ?? null, id: row.id },
    );
    return {
      items: page.items.map((row) => ({
        id: row.id,
        name: row.name,
        kind: row.kind,
        areaCode: row.areaCode,
        phone: row.phone,
        availabilityStatus: row.availabilityStatus,
        availabilityUpdatedAt: toJstIsoOrNull(row.availabilityUpdatedAt),
        ageDays: row.availabilityUpdatedAt ? availabilityAgeDays(row.availabilityUpdatedAt, clock.now()) : null,
        lastRemindedAt: toJstIsoOrNull(row.lastRemindedAt),
      })),
      nextCursor: page.nextCursor,
      staleAfterDays: config.staleAvailabilityDays,
    };
  }

  /** The daily job: one reminder per stale organisation (not again within 7 days), then schedule tomorrow. */
  const sendReminders: JobHandler = async (tx: Tx) => {
    const now = clock.now();
    const stale = await repository.staleWithoutRecentReminder(tx, staleBefore(), new Date(now.getTime() - 7 * dayMs));
    for (const organization of stale) {
      const age = organization.availabilityUpdatedAt
        ? `${availabilityAgeDays(organization.availabilityUpdatedAt, now)}日前`
        : '未登録';
      await notify(tx, clock, {
        recipientOrganizationId: organization.id,
        kind: 'availability_stale',
        title: '受入状況の更新をお願いします',
        body: `${organization.name} の受入状況（最終更新: ${age}）は${config.staleAvailabilityDays}日以上更新されていないため、検索で「要確認」と表示され、順位が下がっています。`,
        params: {
          organizationName: organization.name,
          ageDays: organization.availabilityUpdatedAt
            ? availabilityAgeDays(organization.availabilityUpdatedAt, now)
            : null,
          staleDays: config.staleAvailabilityDays,
          variant: organization.availabilityUpdatedAt ? null : 'never',
        },
        link: '/my-organization',
        entity: 'organization',
        entityId: organization.id,
      });
    }
    await scheduleJob(tx, clock, {
      kind: staleReminderJob,
      runAt: nextMorningJst(new Date(now.getTime() + 60_000)),
      uniqueKey: `${staleReminderJob}:${jstDate(nextMorningJst(new Date(now.getTime() + 60_000)))}`,
    });
  };

  /** Makes sure the daily job exists (called at start-up). */
  async function ensureScheduled(): Promise<void> {
    const runAt = nextMorningJst(clock.now());
    await scheduleJob(database.db, clock, {
      kind: staleReminderJob,
      runAt,
      uniqueKey: `${staleReminderJob}:${jstDate(runAt)}`,
    });
  }

  return { listStale, jobs: { [staleReminderJob]: sendReminders }, ensureScheduled };
}

export type FreshnessService = ReturnType<typeof createFreshnessService>;
