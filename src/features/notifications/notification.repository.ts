/** Notifications of a person: addressed to them or to their whole organisation, with read receipts. */
import { and, count, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import { notificationReads, notifications } from '../../db/schema.js';
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
  if (options.unreadOnly) conditions.push(isNull(notificationReads.readAt));
  return executor
    .select({ notification: notifications, readAt: notificationReads.readAt })
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
    .where(and(addressedTo(recipient), isNull(notificationReads.readAt)));
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
    .where(and(addressedTo(recipient), isNull(notificationReads.readAt)))
    .limit(5000);
  return rows.map((row) => row.id);
}
