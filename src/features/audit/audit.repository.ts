/** Reading the audit trail (writing is src/platform/audit.ts). */
import { and, desc, eq, gte, ilike, inArray, lt, or, type SQL } from 'drizzle-orm';
import { auditEvents, cases, organizations, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import { escapeLike } from '../../platform/text.js';

export async function listAuditEvents(
  executor: DbExecutor,
  filter: {
    ownerOrganizationId?: string;
    entity?: string;
    entityId?: string;
    actorUserId?: string;
    /** The actor's name or e-mail contains this text. */
    actorText?: string;
    /** At or after this instant. */
    from?: Date;
    /** Before this instant. */
    before?: Date;
    action?: string;
    beforeId?: number;
    limit: number;
  },
) {
  const conditions: SQL[] = [];
  if (filter.ownerOrganizationId) conditions.push(eq(auditEvents.ownerOrganizationId, filter.ownerOrganizationId));
  if (filter.entity) conditions.push(eq(auditEvents.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.before) conditions.push(lt(auditEvents.at, filter.before));
  if (filter.actorText) {
    const pattern = `%${escapeLike(filter.actorText)}%`;
    conditions.push(
      inArray(
        auditEvents.actorUserId,
        executor
          .select({ id: users.id })
          .from(users)
          .where(or(ilike(users.name, pattern), ilike(users.email, pattern))),
      ),
    );
  }
  if (filter.beforeId !== undefined) conditions.push(lt(auditEvents.id, filter.beforeId));
  return executor
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit + 1);
}

export type NamedUser = { id: string; name: string; email: string; role: string; organizationName: string | null };

/** The users named by a page of audit rows (as actors or as the record a row is about). */
export async function usersByIds(executor: DbExecutor, ids: string[]): Promise<NamedUser[]> {
  if (ids.length === 0) return [];
  return executor
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      organizationName: organizations.name,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(inArray(users.id, ids));
}

export async function organizationsByIds(executor: DbExecutor, ids: string[]) {
  if (ids.length === 0) return [];
  return executor
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids));
}

/** The hospital responsible for each case — never anything about the patient. */
export async function caseHospitalsByIds(executor: DbExecutor, ids: string[]) {
  if (ids.length === 0) return [];
  return executor
    .select({ id: cases.id, hospitalName: organizations.name })
    .from(cases)
    .innerJoin(organizations, eq(organizations.id, cases.hospitalOrganizationId))
    .where(inArray(cases.id, ids));
}
