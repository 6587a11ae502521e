/** Discharge conferences and their participants: the only Drizzle code of this feature. */
import { and, asc, eq, gt, gte, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { cases, conferenceParticipants, conferences, organizations, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

const hospital = alias(organizations, 'hospital');
const minutesAuthor = alias(users, 'minutes_author');

export type ConferenceRow = typeof conferences.$inferSelect & {
  hospitalOrganizationId: string;
  hospitalName: string;
  plannedDischargeDate: string;
  /** Who recorded the minutes (null before they are, or for a user since removed). */
  minutesRecordedByName: string | null;
};

export type ParticipantRow = { conferenceId: string; organizationId: string; name: string; kind: string };

function selectConferences(executor: DbExecutor) {
  return executor
    .select({
      conference: conferences,
      hospitalOrganizationId: cases.hospitalOrganizationId,
      hospitalName: hospital.name,
      plannedDischargeDate: cases.plannedDischargeDate,
      minutesRecordedByName: minutesAuthor.name,
    })
    .from(conferences)
    .innerJoin(cases, eq(cases.id, conferences.caseId))
    .innerJoin(hospital, eq(hospital.id, cases.hospitalOrganizationId))
    .leftJoin(minutesAuthor, eq(minutesAuthor.id, conferences.minutesRecordedByUserId));
}

function flatten(row: {
  conference: typeof conferences.$inferSelect;
  hospitalOrganizationId: string;
  hospitalName: string;
  plannedDischargeDate: string;
  minutesRecordedByName: string | null;
}): ConferenceRow {
  const { conference, ...rest } = row;
  return { ...conference, ...rest };
}

export async function findConference(executor: DbExecutor, id: string): Promise<ConferenceRow | null> {
  const [row] = await selectConferences(executor).where(eq(conferences.id, id));
  return row ? flatten(row) : null;
}

export async function conferencesOfCase(executor: DbExecutor, caseId: string): Promise<ConferenceRow[]> {
  const rows = await selectConferences(executor)
    .where(eq(conferences.caseId, caseId))
    .orderBy(asc(conferences.startsAt), asc(conferences.id));
  return rows.map(flatten);
}

/**
 * One page of the case's conferences by start, then id: `limit` rows after `after`; with
 * `participantOrganizationId`, only those that organisation is invited to.
 */
export async function conferencePageOfCase(
  executor: DbExecutor,
  caseId: string,
  page: {
    participantOrganizationId?: string | undefined;
    after?: { startsAt: Date; id: string } | undefined;
    limit: number;
  },
): Promise<ConferenceRow[]> {
  const conditions: SQL[] = [eq(conferences.caseId, caseId)];
  if (page.participantOrganizationId !== undefined) {
    conditions.push(
      sql`exists (select 1 from ${conferenceParticipants} where ${conferenceParticipants.conferenceId} = ${conferences.id} and ${conferenceParticipants.organizationId} = ${page.participantOrganizationId})`,
    );
  }
  if (page.after) {
    const { startsAt, id } = page.after;
    conditions.push(
      or(gt(conferences.startsAt, startsAt), and(eq(conferences.startsAt, startsAt), gt(conferences.id, id))) as SQL,
    );
  }
  const rows = await selectConferences(executor)
    .where(and(...conditions))
    .orderBy(asc(conferences.startsAt), asc(conferences.id))
    .limit(page.limit);
  return rows.map(flatten);
}

/** The next scheduled conference of a case from `now` on, if any. */
export async function nextScheduled(executor: DbExecutor, caseId: string, now: Date): Promise<ConferenceRow | null> {
  const [row] = await selectConferences(executor)
    .where(and(eq(conferences.caseId, caseId), eq(conferences.status, 'scheduled'), gte(conferences.startsAt, now)))
    .orderBy(asc(conferences.startsAt), asc(conferences.id))
    .limit(1);
  return row ? flatten(row) : null;
}

/** The conferences held (minutes recorded), oldest first: what the discharge summary reports. */
export async function heldOfCase(executor: DbExecutor, caseId: string): Promise<ConferenceRow[]> {
  const rows = await selectConferences(executor)
    .where(and(eq(conferences.caseId, caseId), eq(conferences.status, 'held')))
    .orderBy(asc(conferences.startsAt), asc(conferences.id));
  return rows.map(flatten);
}

export async function participantsOf(
  executor: DbExecutor,
  conferenceIds: readonly string[],
): Promise<ParticipantRow[]> {
  if (conferenceIds.length === 0) return [];
  return executor
    .select({
      conferenceId: conferenceParticipants.conferenceId,
      organizationId: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
    })
    .from(conferenceParticipants)
    .innerJoin(organizations, eq(organizations.id, conferenceParticipants.organizationId))
    .where(inArray(conferenceParticipants.conferenceId, [...conferenceIds]))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

export async function insertConference(executor: DbExecutor, values: typeof conferences.$inferInsert): Promise<void> {
  await executor.insert(conferences).values(values);
}

/** Updates a conference and moves its version on (and its SEQUENCE when `isSignificant`). */
export async function updateConference(
  executor: DbExecutor,
  id: string,
  values: Partial<typeof conferences.$inferInsert>,
  options: { isSignificant: boolean },
): Promise<void> {
  await executor
    .update(conferences)
    .set({
      ...values,
      version: sql`${conferences.version} + 1`,
      ...(options.isSignificant ? { sequence: sql`${conferences.sequence} + 1` } : {}),
    })
    .where(eq(conferences.id, id));
}

export async function replaceParticipants(
  executor: DbExecutor,
  conferenceId: string,
  organizationIds: readonly string[],
): Promise<void> {
  await executor.delete(conferenceParticipants).where(eq(conferenceParticipants.conferenceId, conferenceId));
  if (organizationIds.length === 0) return;
  await executor
    .insert(conferenceParticipants)
    .values(organizationIds.map((organizationId) => ({ conferenceId, organizationId })));
}

export async function organizationNames(executor: DbExecutor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await executor
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.name]));
}
