/** The audit writer: one append-only row per read of sensitive data or change, in the caller's transaction. */
import { sql } from 'drizzle-orm';
import { auditEvents } from '../db/schema.js';
import type { DbExecutor } from '../db/client.js';
import { preparedStatement } from '../db/prepared.js';
import type { Clock } from './clock.js';
import type { RequestContext } from './context.js';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  ownerOrganizationId?: string | null;
  details?: Record<string, unknown>;
};

const insertAuditEvent = preparedStatement('renkei_audit_insert', (executor, name) =>
  executor
    .insert(auditEvents)
    .values({
      at: sql.placeholder('at'),
      actorUserId: sql.placeholder('actorUserId'),
      actorOrganizationId: sql.placeholder('actorOrganizationId'),
      actorRole: sql.placeholder('actorRole'),
      action: sql.placeholder('action'),
      entity: sql.placeholder('entity'),
      entityId: sql.placeholder('entityId'),
      ownerOrganizationId: sql.placeholder('ownerOrganizationId'),
      ip: sql.placeholder('ip'),
      requestId: sql.placeholder('requestId'),
      details: sql`${sql.placeholder('details')}::jsonb`,
    })
    .prepare(name),
);

export async function writeAudit(
  executor: DbExecutor,
  clock: Clock,
  context: RequestContext,
  entry: AuditEntry,
): Promise<void> {
  await insertAuditEvent(executor, {
    at: clock.now(),
    actorUserId: context.actor?.userId ?? null,
    actorOrganizationId: context.actor?.organizationId ?? null,
    actorRole: context.actor?.role ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    ownerOrganizationId: entry.ownerOrganizationId ?? null,
    ip: context.ip,
    requestId: context.requestId,
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
  });
}
