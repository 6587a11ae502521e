/** The team's message thread: the only Drizzle code of this feature. */
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { caseMessageReads, caseMessages, organizations, teamMembers, users } from '../../db/schema.js';
import { rowsOf, type DbExecutor } from '../../db/client.js';

export type OrganizationRef = { id: string; name: string; kind: string };

export async function insertMessage(executor: DbExecutor, values: typeof caseMessages.$inferInsert): Promise<void> {
  await executor.insert(caseMessages).values(values);
}

const messageColumns = {
  id: caseMessages.id,
  seq: caseMessages.seq,
  body: caseMessages.body,
  createdAt: caseMessages.createdAt,
  authorUserId: caseMessages.authorUserId,
  authorName: users.name,
  authorOrganizationId: caseMessages.authorOrganizationId,
  authorOrganizationName: organizations.name,
};

export type MessageRow = {
  id: string;
  seq: number;
  body: string;
  createdAt: Date;
  authorUserId: string;
  authorName: string | null;
  authorOrganizationId: string | null;
  authorOrganizationName: string | null;
};

/**
 * One page of the thread in insertion order (seq), never by timestamps (they can tie): `limit`
 * messages after the one numbered `afterSeq`.
 */
export async function listMessages(
  executor: DbExecutor,
  caseId: string,
  page: { afterSeq?: number | undefined; limit: number },
): Promise<MessageRow[]> {
  return executor
    .select(messageColumns)
    .from(caseMessages)
    .leftJoin(users, eq(users.id, caseMessages.authorUserId))
    .leftJoin(organizations, eq(organizations.id, caseMessages.authorOrganizationId))
    .where(
      and(
        eq(caseMessages.caseId, caseId),
        page.afterSeq === undefined ? undefined : gt(caseMessages.seq, page.afterSeq),
      ),
    )
    .orderBy(asc(caseMessages.seq))
    .limit(page.limit);
}

export async function findMessage(executor: DbExecutor, id: string): Promise<MessageRow | null> {
  const [row] = await executor
    .select(messageColumns)
    .from(caseMessages)
    .leftJoin(users, eq(users.id, caseMessages.authorUserId))
    .leftJoin(organizations, eq(organizations.id, caseMessages.authorOrganizationId))
    .where(eq(caseMessages.id, id));
  return row ?? null;
}

/** Read receipts of these messages, with the reader's name and organisation. */
export async function listReads(executor: DbExecutor, messageIds: readonly string[]) {
  if (messageIds.length === 0) return [];
  return executor
    .select({
      messageId: caseMessageReads.messageId,
      userId: caseMessageReads.userId,
      name: users.name,
      organizationId: users.organizationId,
      organizationName: organizations.name,
      readAt: caseMessageReads.readAt,
    })
    .from(caseMessageReads)
    .innerJoin(users, eq(users.id, caseMessageReads.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(inArray(caseMessageReads.messageId, [...messageIds]))
    .orderBy(asc(caseMessageReads.readAt), asc(users.name));
}

/** Marks every message of the case that others wrote as read by `userId`; returns how many were unread. */
export async function markAllRead(executor: DbExecutor, caseId: string, userId: string, at: Date): Promise<number> {
  const result = await executor.execute(sql`
    insert into ${caseMessageReads} (message_id, user_id, read_at)
    select m.id, ${userId}::uuid, ${at.toISOString()}::timestamptz from ${caseMessages} m
    where m.case_id = ${caseId}::uuid and m.author_user_id <> ${userId}::uuid
    on conflict do nothing
    returning message_id`);
  return rowsOf<{ message_id: string }>(result).length;
}

/** How many messages of the case that others wrote `userId` has not read. */
export async function unreadCount(executor: DbExecutor, caseId: string, userId: string): Promise<number> {
  const result = await executor.execute(sql`
    select count(*)::int as count from ${caseMessages} m
    where m.case_id = ${caseId}::uuid and m.author_user_id <> ${userId}::uuid
      and not exists (
        select 1 from ${caseMessageReads} r where r.message_id = m.id and r.user_id = ${userId}::uuid
      )`);
  return Number(rowsOf<{ count: number | string }>(result)[0]?.count ?? 0);
}

/** The organisations holding an active role in the case's team. */
export async function teamOrganizations(executor: DbExecutor, caseId: string): Promise<OrganizationRef[]> {
  return executor
    .selectDistinct({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(teamMembers)
    .innerJoin(organizations, eq(organizations.id, teamMembers.organizationId))
    .where(and(eq(teamMembers.caseId, caseId), isNull(teamMembers.endedAt)));
}

/** The Coordination Center's organisations. */
export async function centerOrganizations(executor: DbExecutor): Promise<OrganizationRef[]> {
  return executor
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(and(eq(organizations.kind, 'coordination_center'), eq(organizations.isDisabled, false)))
    .orderBy(asc(organizations.name));
}

export async function organizationsByIds(executor: DbExecutor, ids: readonly string[]): Promise<OrganizationRef[]> {
  if (ids.length === 0) return [];
  return executor
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}
