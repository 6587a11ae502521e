/** Reading the audit trail (writing is src/platform/audit.ts). */
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { auditEvents, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

export async function listAuditEvents(
  executor: DbExecutor,
  filter: {
    ownerOrganizationId?: string;
    entity?: string;
    entityId?: string;
    actorUserId?: string;
    beforeId?: number;
    limit: number;
  },
) {
  const conditions: SQL[] = [];
  if (filter.ownerOrganizationId) conditions.push(eq(auditEvents.ownerOrganizationId, filter.ownerOrganizationId));
  if (filter.entity) conditions.push(eq(auditEvents.entity, filter.entity));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.beforeId !== undefined) conditions.push(lt(auditEvents.id, filter.beforeId));
  return executor
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit + 1);
}
