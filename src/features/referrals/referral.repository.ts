/** Referrals and their question threads. */
import { and, asc, desc, eq, gt, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { cases, organizations, referralMessages, referrals, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { placeholderFor, preparedStatement } from '../../db/prepared.js';
import { openReferralStatuses } from '../../domain/cases/referral-state.js';
import type { ReferralWithdrawnReason } from '../../domain/cases/case-codes.js';

const receiver = alias(organizations, 'receiver');
const sender = alias(organizations, 'sender');
const caseHospital = alias(organizations, 'case_hospital');

export type ReferralRow = typeof referrals.$inferSelect & {
  organizationName: string;
  senderOrganizationName: string;
  /** Where the receiving organisation is (for the distance to the patient's home). */
  organizationLat: number | null;
  organizationLng: number | null;
};

/** The referral with both organisations' names and where the receiver is: what every referral read selects. */
const referralColumns = {
  referral: referrals,
  organizationName: receiver.name,
  senderOrganizationName: sender.name,
  organizationLat: receiver.lat,
  organizationLng: receiver.lng,
};

function select(executor: DbExecutor) {
  return executor
    .select(referralColumns)
    .from(referrals)
    .innerJoin(receiver, eq(receiver.id, referrals.organizationId))
    .innerJoin(sender, eq(sender.id, referrals.senderOrganizationId));
}

function flatten(row: {
  referral: typeof referrals.$inferSelect;
  organizationName: string;
  senderOrganizationName: string;
  organizationLat: number | null;
  organizationLng: number | null;
}): ReferralRow {
  return {
    ...row.referral,
    organizationName: row.organizationName,
    senderOrganizationName: row.senderOrganizationName,
    organizationLat: row.organizationLat,
    organizationLng: row.organizationLng,
  };
}

export async function insertReferrals(executor: DbExecutor, values: (typeof referrals.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await executor.insert(referrals).values(values);
}

const referralById = preparedStatement('renkei_referral_by_id', (executor, name) =>
  select(executor)
    .where(eq(referrals.id, sql.placeholder('id')))
    .prepare(name),
);

export async function findReferral(executor: DbExecutor, id: string): Promise<ReferralRow | null> {
  const [row] = await referralById(executor, { id });
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

const openReferralsOfRoleExcept = preparedStatement('renkei_referrals_open_of_role_except', (executor, name) =>
  select(executor)
    .where(
      and(
        eq(referrals.caseId, sql.placeholder('caseId')),
        eq(referrals.role, sql.placeholder('role')),
        inArray(referrals.status, [...openReferralStatuses]),
        ne(referrals.id, sql.placeholder('exceptId')),
      ),
    )
    .prepare(name),
);

export async function openReferralsOfRole(executor: DbExecutor, caseId: string, role: string) {
  const rows = await select(executor).where(
    and(eq(referrals.caseId, caseId), eq(referrals.role, role), inArray(referrals.status, [...openReferralStatuses])),
  );
  return rows.map(flatten);
}

/** The open referrals of one role of a case other than `exceptId` (the one being accepted). */
export async function otherOpenReferralsOfRole(executor: DbExecutor, caseId: string, role: string, exceptId: string) {
  const rows = await openReferralsOfRoleExcept(executor, { caseId, role, exceptId });
  return rows.map(flatten);
}

const markAnswered = preparedStatement('renkei_referral_answer', (executor, name) =>
  executor
    .update(referrals)
    .set({
      status: placeholderFor(referrals.status, 'status'),
      respondedAt: placeholderFor(referrals.respondedAt, 'at'),
      respondedByUserId: sql`coalesce(${sql.placeholder('userId')}::uuid, ${referrals.respondedByUserId})`,
      viewedAt: sql`coalesce(${referrals.viewedAt}, ${sql.placeholder('seenAt')}::timestamptz)`,
      withdrawnReason: sql`${sql.placeholder('withdrawnReason')}::text`,
      updatedAt: placeholderFor(referrals.updatedAt, 'at'),
      version: sql`${referrals.version} + 1`,
    })
    .where(eq(referrals.id, sql.placeholder('id')))
    .prepare(name),
);

/**
 * The answer to a referral: its new status at `at`, by the receiving user `userId` — who has then
 * seen it, if not before — or, for a withdrawal by the sender's side (`userId` null), leaving the
 * responder and the viewed receipt as they were.
 */
export async function answerReferral(
  executor: DbExecutor,
  id: string,
  answer: { status: string; at: Date; userId: string | null; withdrawnReason?: ReferralWithdrawnReason },
): Promise<void> {
  await markAnswered(executor, {
    id,
    status: answer.status,
    at: answer.at,
    withdrawnReason: answer.withdrawnReason ?? null,
    seenAt: answer.userId === null ? null : answer.at.toISOString(),
    userId: answer.userId,
  });
}

export async function openReferralsOfCase(executor: DbExecutor, caseId: string) {
  const rows = await select(executor).where(
    and(eq(referrals.caseId, caseId), inArray(referrals.status, [...openReferralStatuses])),
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
  filter: {
    box: 'inbox' | 'outbox';
    organizationId: string;
    statuses?: string[];
    caseId?: string;
    /** The last row of the previous page (newest first, then by id). */
    after?: { createdAt: Date; id: string };
    limit: number;
  },
) {
  const conditions: SQL[] = [
    eq(filter.box === 'inbox' ? referrals.organizationId : referrals.senderOrganizationId, filter.organizationId),
  ];
  if (filter.statuses && filter.statuses.length > 0) conditions.push(inArray(referrals.status, filter.statuses));
  if (filter.caseId) conditions.push(eq(referrals.caseId, filter.caseId));
  if (filter.after) {
    const { createdAt, id } = filter.after;
    conditions.push(
      or(lt(referrals.createdAt, createdAt), and(eq(referrals.createdAt, createdAt), gt(referrals.id, id))) as SQL,
    );
  }
  const rows = await executor
    .select({
      ...referralColumns,
      birthDate: cases.birthDate,
      sex: cases.sex,
      areaCode: cases.areaCode,
      lat: cases.lat,
      lng: cases.lng,
      groups: cases.groups,
      procedures: cases.procedures,
      careLevel: cases.careLevel,
      plannedDischargeDate: cases.plannedDischargeDate,
      dischargedOn: cases.dischargedOn,
      patientName: cases.patientName,
      caseStatus: cases.status,
      caseVersion: cases.version,
      consent: cases.consent,
      hospitalOrganizationId: cases.hospitalOrganizationId,
      hospitalName: caseHospital.name,
    })
    .from(referrals)
    .innerJoin(receiver, eq(receiver.id, referrals.organizationId))
    .innerJoin(sender, eq(sender.id, referrals.senderOrganizationId))
    .innerJoin(cases, eq(cases.id, referrals.caseId))
    .innerJoin(caseHospital, eq(caseHospital.id, cases.hospitalOrganizationId))
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
