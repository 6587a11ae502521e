/**
 * Notifications of a person: addressed to them or to their whole organisation, with read receipts. The notices
 * addressed to the organisation before the person's account existed are listed (the organisation's history) but
 * count as read for them, from the account's creation: a new colleague does not start with a backlog of unread
 * notices that were meant for, and handled by, the others.
 */
import { and, count, desc, eq, isNull, lt, not, or, sql, type SQL } from 'drizzle-orm';
import { notificationReads, notifications, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

export type Recipient = { userId: string; organizationId: string | null };

function addressedTo(recipient: Recipient): SQL {
  const toUser = eq(notifications.recipientUserId, recipient.userId);
  if (!recipient.organizationId) return toUser;
  return or(
    toUser,
    and(isNull(notifications.recipientUserId), eq(notifications.recipientOrganizationId, recipient.organizationId)),
  ) as SQL;
}

/** When the recipient's account was created (a scalar subquery, mapped to a Date). */
function accountCreatedAt(recipient: Recipient) {
  return sql`(select ${users.createdAt} from ${users} where ${users.id} = ${recipient.userId})`;
}

/** Addressed to the whole organisation before the recipient's account existed: read for them from the start. */
function isInherited(recipient: Recipient): SQL {
  return and(isNull(notifications.recipientUserId), lt(notifications.createdAt, accountCreatedAt(recipient))) as SQL;
}

/** Not read by the recipient (no receipt, and not inherited from before their account). */
function isUnread(recipient: Recipient): SQL {
  return and(isNull(notificationReads.readAt), not(isInherited(recipient))) as SQL;
}

export async function listForRecipient(
  executor: DbExecutor,
  recipient: Recipient,
  options: { limit: number; before?: { createdAt: Date; id: string }; unreadOnly: boolean },
) {
  const conditions: SQL[] = [addressedTo(recipient)];
  if (options.before) {
    conditions.push(
      or(
        lt(notifications.createdAt, options.before.createdAt),
        and(eq(notifications.createdAt, options.before.createdAt), lt(notifications.id, options.before.id)),
      ) as SQL,
    );
  }
  if (options.unreadOnly) conditions.push(isUnread(recipient));
  return executor
    .select({
      notification: notifications,
      readAt: notificationReads.readAt,
      // An inherited notice counts as read when the account was created.
      inheritedReadAt: sql`case when ${isInherited(recipient)} then ${accountCreatedAt(recipient)} end`.mapWith(
        users.createdAt,
      ),
    })
    .from(notifications)
    .leftJoin(
      notificationReads,
      and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, recipient.userId)),
    )
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1);
}

export async function unreadCount(executor: DbExecutor, recipient: Recipient): Promise<number> {
  const [row] = await executor
    .select({ value: count() })
    .from(notifications)
    .leftJoin(
      notificationReads,
      and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, recipient.userId)),
    )
    .where(and(addressedTo(recipient), isUnread(recipient)));
  return row?.value ?? 0;
}

export async function findForRecipient(executor: DbExecutor, recipient: Recipient, id: string) {
  const [row] = await executor
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.id, id), addressedTo(recipient)));
  return row ?? null;
}

export async function markRead(executor: DbExecutor, recipient: Recipient, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await executor
    .insert(notificationReads)
    .values(ids.map((notificationId) => ({ notificationId, userId: recipient.userId, readAt: at })))
    .onConflictDoNothing();
}

export async function unreadIds(executor: DbExecutor, recipient: Recipient): Promise<string[]> {
  const rows = await executor
    .select({ id: notifications.id })
    .from(notifications)
    .leftJoin(
      notificationReads,
      and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, recipient.userId)),
    )
    .where(and(addressedTo(recipient), isUnread(recipient)))
    .limit(5000);
  return rows.map((row) => row.id);
}
