/** Consultations with the Coordination Center and their threads. */
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { cases, consultationMessages, consultations, organizations, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

const requester = alias(organizations, 'requester');
const assignee = alias(users, 'assignee');

export const consultationColumns = {
  consultation: consultations,
  requesterName: requester.name,
  assigneeName: assignee.name,
  casePlannedDischargeDate: cases.plannedDischargeDate,
  caseDischargedOn: cases.dischargedOn,
  caseStatus: cases.status,
  casePatientName: cases.patientName,
  casePatientNameKana: cases.patientNameKana,
  casePatientBirthDate: cases.birthDate,
  caseConsent: cases.consent,
  caseHospitalOrganizationId: cases.hospitalOrganizationId,
};

export type ConsultationRow = typeof consultations.$inferSelect & {
  requesterName: string | null;
  assigneeName: string | null;
  casePlannedDischargeDate: string | null;
  caseDischargedOn: string | null;
  caseStatus: string | null;
  casePatientName: string | null;
  casePatientNameKana: string | null;
  casePatientBirthDate: string | null;
  caseConsent: Record<string, unknown> | null;
  caseHospitalOrganizationId: string | null;
};

function baseQuery(executor: DbExecutor) {
  return executor
    .select(consultationColumns)
    .from(consultations)
    .leftJoin(requester, eq(requester.id, consultations.requesterOrganizationId))
    .leftJoin(assignee, eq(assignee.id, consultations.assignedUserId))
    .leftJoin(cases, eq(cases.id, consultations.caseId));
}

function flatten(row: {
  consultation: typeof consultations.$inferSelect;
  requesterName: string | null;
  assigneeName: string | null;
  casePlannedDischargeDate: string | null;
  caseDischargedOn: string | null;
  caseStatus: string | null;
  casePatientName: string | null;
  casePatientNameKana: string | null;
  casePatientBirthDate: string | null;
  caseConsent: Record<string, unknown> | null;
  caseHospitalOrganizationId: string | null;
}): ConsultationRow {
  return {
    ...row.consultation,
    requesterName: row.requesterName,
    assigneeName: row.assigneeName,
    casePlannedDischargeDate: row.casePlannedDischargeDate,
    caseDischargedOn: row.caseDischargedOn,
    caseStatus: row.caseStatus,
    casePatientName: row.casePatientName,
    casePatientNameKana: row.casePatientNameKana,
    casePatientBirthDate: row.casePatientBirthDate,
    caseConsent: row.caseConsent,
    caseHospitalOrganizationId: row.caseHospitalOrganizationId,
  };
}

export async function insertConsultation(
  executor: DbExecutor,
  values: typeof consultations.$inferInsert,
): Promise<void> {
  await executor.insert(consultations).values(values);
}

export async function findConsultation(executor: DbExecutor, id: string, options: { forUpdate?: boolean } = {}) {
  if (options.forUpdate)
    await executor.select({ id: consultations.id }).from(consultations).where(eq(consultations.id, id)).for('update');
  const [row] = await baseQuery(executor).where(eq(consultations.id, id));
  return row ? flatten(row) : null;
}

export async function openConsultationOfCase(executor: DbExecutor, caseId: string) {
  const [row] = await executor
    .select({ id: consultations.id, status: consultations.status })
    .from(consultations)
    .where(and(eq(consultations.caseId, caseId), sql`${consultations.status} <> 'closed'`));
  return row ?? null;
}

export async function updateConsultation(
  executor: DbExecutor,
  id: string,
  values: Partial<typeof consultations.$inferInsert>,
) {
  await executor
    .update(consultations)
    .set({ ...values, version: sql`${consultations.version} + 1` })
    .where(eq(consultations.id, id));
}

export type ConsultationFilter = {
  statuses?: string[];
  kind?: 'case' | 'general';
  /** One case's consultations (its current one and any closed before it). */
  caseId?: string;
  requesterOrganizationId?: string;
  assignedUserId?: string;
  isUnassigned?: boolean;
  /** For the center: only case consultations whose consent allows the center. */
  centerView?: boolean;
};

/** General consultations have no discharge date: in that order they come after every case. */
export const noDischargeDate = '9999-12-31';
const dischargeDateKey = sql<string>`coalesce(${cases.plannedDischargeDate}, ${noDischargeDate})`;

/** Where the previous page ended: its last row's sort key and id. */
export type ConsultationPosition =
  | { sort: 'age'; createdAt: Date; id: string }
  | { sort: 'plannedDischargeDate'; plannedDischargeDate: string; createdAt: Date; id: string };

function filterConditions(filter: ConsultationFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.statuses && filter.statuses.length > 0) conditions.push(inArray(consultations.status, filter.statuses));
  if (filter.kind === 'case') conditions.push(sql`${consultations.caseId} is not null`);
  if (filter.kind === 'general') conditions.push(sql`${consultations.caseId} is null`);
  if (filter.caseId) conditions.push(eq(consultations.caseId, filter.caseId));
  if (filter.requesterOrganizationId)
    conditions.push(eq(consultations.requesterOrganizationId, filter.requesterOrganizationId));
  if (filter.assignedUserId) conditions.push(eq(consultations.assignedUserId, filter.assignedUserId));
  if (filter.isUnassigned) conditions.push(isNull(consultations.assignedUserId));
  if (filter.centerView) {
    conditions.push(
      sql`(${consultations.caseId} is null or (${cases.route} = 'center' and ${cases.consent}->'scope' ? 'center'))`,
    );
  }
  return conditions;
}

/** Rows after `position` in its order: received, then id (age) or discharge date, received, id. */
function afterCondition(position: ConsultationPosition): SQL {
  const { createdAt, id } = position;
  const afterReceived = or(
    gt(consultations.createdAt, createdAt),
    and(eq(consultations.createdAt, createdAt), gt(consultations.id, id)),
  ) as SQL;
  if (position.sort === 'age') return afterReceived;
  return or(
    gt(dischargeDateKey, position.plannedDischargeDate),
    and(eq(dischargeDateKey, position.plannedDischargeDate), afterReceived),
  ) as SQL;
}

/** One page of consultations in the inbox's order (`limit` rows after `after`). */
export async function listConsultations(
  executor: DbExecutor,
  filter: ConsultationFilter & {
    sort: ConsultationPosition['sort'];
    after?: ConsultationPosition | undefined;
    limit: number;
  },
) {
  const conditions = filterConditions(filter);
  if (filter.after) conditions.push(afterCondition(filter.after));
  const order =
    filter.sort === 'plannedDischargeDate'
      ? [asc(dischargeDateKey), asc(consultations.createdAt), asc(consultations.id)]
      : [asc(consultations.createdAt), asc(consultations.id)];
  const rows = await baseQuery(executor)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(...order)
    .limit(filter.limit);
  return rows.map(flatten);
}

/** Whether the consultation is in the Center's inbox (case consultations: routed to it, with consent). */
export async function isInCenterView(executor: DbExecutor, id: string): Promise<boolean> {
  const [row] = await baseQuery(executor).where(
    and(eq(consultations.id, id), ...filterConditions({ centerView: true })),
  );
  return row !== undefined;
}

export async function insertMessage(executor: DbExecutor, values: typeof consultationMessages.$inferInsert) {
  await executor.insert(consultationMessages).values(values);
}

export async function listMessages(executor: DbExecutor, consultationId: string) {
  return executor
    .select({
      id: consultationMessages.id,
      body: consultationMessages.body,
      createdAt: consultationMessages.createdAt,
      authorName: users.name,
      authorOrganizationName: organizations.name,
      authorOrganizationId: consultationMessages.authorOrganizationId,
    })
    .from(consultationMessages)
    .leftJoin(users, eq(users.id, consultationMessages.authorUserId))
    .leftJoin(organizations, eq(organizations.id, consultationMessages.authorOrganizationId))
    .where(eq(consultationMessages.consultationId, consultationId))
    .orderBy(asc(consultationMessages.seq));
}

export async function centerOrganizationIds(executor: DbExecutor): Promise<string[]> {
  const rows = await executor
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.kind, 'coordination_center'), eq(organizations.isDisabled, false)));
  return rows.map((row) => row.id);
}

export async function findUserInOrganizationOfKind(executor: DbExecutor, userId: string) {
  const [row] = await executor
    .select({
      id: users.id,
      role: users.role,
      organizationId: users.organizationId,
      isDisabled: users.isDisabled,
      name: users.name,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

export async function centerCoordinators(executor: DbExecutor, organizationId: string) {
  return executor
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(eq(users.organizationId, organizationId), eq(users.role, 'center_coordinator'), eq(users.isDisabled, false)),
    )
    .orderBy(asc(users.name), asc(users.id));
}
