/** The audit writer: one append-only row per read of sensitive data or change, in the caller's transaction. */
import { auditEvents } from '../db/schema.js';
import type { DbExecutor } from '../db/client.js';
import type { Clock } from './clock.js';
import type { RequestContext } from './context.js';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  ownerOrganizationId?: string | null;
  details?: Record<string, unknown>;
};

export async function writeAudit(
  executor: DbExecutor,
  clock: Clock,
  context: RequestContext,
  entry: AuditEntry,
): Promise<void> {
  await executor.insert(auditEvents).values({
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
    details: entry.details ?? null,
  });
}
