/** Referrals and their question threads. */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { cases, organizations, referralMessages, referrals, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

const receiver = alias(organizations, 'receiver');
const sender = alias(organizations, 'sender');

export type ReferralRow = typeof referrals.$inferSelect & { organizationName: string; senderOrganizationName: string };

function select(executor: DbExecutor) {
  return executor
    .select({ referral: referrals, organizationName: receiver.name, senderOrganizationName: sender.name })
    .from(referrals)
    .innerJoin(receiver, eq(receiver.id, referrals.organizationId))
    .innerJoin(sender, eq(sender.id, referrals.senderOrganizationId));
}

function flatten(row: {
  referral: typeof referrals.$inferSelect;
  organizationName: string;
  senderOrganizationName: string;
}): ReferralRow {
  return {
    ...row.referral,
    organizationName: row.organizationName,
    senderOrganizationName: row.senderOrganizationName,
  };
}

export async function insertReferrals(executor: DbExecutor, values: (typeof referrals.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await executor.insert(referrals).values(values);
}

export async function findReferral(executor: DbExecutor, id: string): Promise<ReferralRow | null> {
  const [row] = await select(executor).where(eq(referrals.id, id));
  return row ? flatten(row) : null;
}

export async function findReferralsByIds(executor: DbExecutor, ids: string[]): Promise<ReferralRow[]> {
  if (ids.length === 0) return [];
  const rows = await select(executor).where(inArray(referrals.id, ids)).orderBy(asc(receiver.name));
  return rows.map(flatten);
}

export async function updateReferral(
  executor: DbExecutor,
  id: string,
  values: Partial<typeof referrals.$inferInsert>,
): Promise<void> {
  await executor
    .update(referrals)
    .set({ ...values, version: sql`${referrals.version} + 1` })
    .where(eq(referrals.id, id));
}

export async function openReferralsOfRole(executor: DbExecutor, caseId: string, role: string, exceptId?: string) {
  const conditions: SQL[] = [
    eq(referrals.caseId, caseId),
    eq(referrals.role, role),
    inArray(referrals.status, ['sent', 'viewed', 'needs_info']),
  ];
  if (exceptId) conditions.push(ne(referrals.id, exceptId));
  const rows = await select(executor).where(and(...conditions));
  return rows.map(flatten);
}

export async function openReferralsOfCase(executor: DbExecutor, caseId: string) {
  const rows = await select(executor).where(
    and(eq(referrals.caseId, caseId), inArray(referrals.status, ['sent', 'viewed', 'needs_info'])),
  );
  return rows.map(flatten);
}

export async function referralsOfCase(executor: DbExecutor, caseId: string) {
  const rows = await select(executor)
    .where(eq(referrals.caseId, caseId))
    .orderBy(asc(referrals.createdAt), asc(receiver.name));
  return rows.map(flatten);
}

export async function listBox(
  executor: DbExecutor,
  filter: { box: 'inbox' | 'outbox'; organizationId: string; statuses?: string[]; caseId?: string; limit: number },
) {
  const conditions: SQL[] = [
    eq(filter.box === 'inbox' ? referrals.organizationId : referrals.senderOrganizationId, filter.organizationId),
  ];
  if (filter.statuses && filter.statuses.length > 0) conditions.push(inArray(referrals.status, filter.statuses));
  if (filter.caseId) conditions.push(eq(referrals.caseId, filter.caseId));
  const rows = await executor
    .select({
      referral: referrals,
      organizationName: receiver.name,
      senderOrganizationName: sender.name,
      birthDate: cases.birthDate,
      sex: cases.sex,
      areaCode: cases.areaCode,
      groups: cases.groups,
      procedures: cases.procedures,
      careLevel: cases.careLevel,
      plannedDischargeDate: cases.plannedDischargeDate,
      patientName: cases.patientName,
      caseStatus: cases.status,
    })
    .from(referrals)
    .innerJoin(receiver, eq(receiver.id, referrals.organizationId))
    .innerJoin(sender, eq(sender.id, referrals.senderOrganizationId))
    .innerJoin(cases, eq(cases.id, referrals.caseId))
    .where(and(...conditions))
    .orderBy(desc(referrals.createdAt), asc(referrals.id))
    .limit(filter.limit);
  return rows;
}

export async function insertMessage(executor: DbExecutor, values: typeof referralMessages.$inferInsert): Promise<void> {
  await executor.insert(referralMessages).values(values);
}

export async function listMessages(executor: DbExecutor, referralId: string) {
  return executor
    .select({
      id: referralMessages.id,
      kind: referralMessages.kind,
      body: referralMessages.body,
      createdAt: referralMessages.createdAt,
      authorName: users.name,
      authorOrganizationName: organizations.name,
    })
    .from(referralMessages)
    .leftJoin(users, eq(users.id, referralMessages.authorUserId))
    .leftJoin(organizations, eq(organizations.id, referralMessages.authorOrganizationId))
    .where(eq(referralMessages.referralId, referralId))
    .orderBy(asc(referralMessages.seq));
}

export async function findOrganizations(executor: DbExecutor, ids: string[]) {
  if (ids.length === 0) return [];
  return executor
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      isDisabled: organizations.isDisabled,
    })
    .from(organizations)
    .where(inArray(organizations.id, ids));
}
