/** The audit writer: one append-only row per read of sensitive data or change, in the caller's transaction. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { auditEvents, organizations, users } from '../db/schema.js';
import type { DbExecutor } from '../db/client.js';
import { preparedStatement } from '../db/prepared.js';
import type { Clock } from './clock.js';
import type { RequestContext } from './context.js';

/** The kinds of record the audit trail names (GET /api/v1/audit?entity= accepts these only). */
export const auditEntities = [
  'case',
  'referral',
  'welfare_link',
  'conference',
  'consultation',
  'user',
  'organization',
  'matching_proposal',
  'doctor_pair',
  'rotation_group',
  'rotation_group_member',
  'roster',
  'duty_swap',
  'escalation_settings',
  'acute_event',
  'acute_event_summary',
  'analytics',
  'service',
  'services',
] as const;
export type AuditEntity = (typeof auditEntities)[number];

export type AuditEntry = {
  action: string;
  entity: AuditEntity;
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

/** One audit row's columns but its details (which the prepared insert takes as JSON text, Drizzle's as an object). */
function auditColumns(at: Date, context: RequestContext, entry: AuditEntry) {
  return {
    at,
    actorUserId: context.actor?.userId ?? null,
    actorOrganizationId: context.actor?.organizationId ?? null,
    actorRole: context.actor?.role ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    ownerOrganizationId: entry.ownerOrganizationId ?? null,
    ip: context.ip,
    requestId: context.requestId,
  };
}

export async function writeAudit(
  executor: DbExecutor,
  clock: Clock,
  context: RequestContext,
  entry: AuditEntry,
): Promise<void> {
  await insertAuditEvent(executor, {
    ...auditColumns(clock.now(), context, entry),
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
  });
}

/**
 * One audit row per record in one statement: a list that shows several patients' records (the case list) is a read
 * of each, which the organisation owning each record must find under its id (GET /api/v1/audit?entityId=…).
 */
export async function writeAuditEach(
  executor: DbExecutor,
  clock: Clock,
  context: RequestContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = clock.now();
  await executor
    .insert(auditEvents)
    .values(entries.map((entry) => ({ ...auditColumns(at, context, entry), details: entry.details ?? null })));
}

/**
 * The latest audit event of a record among `actions` (the ones that change it): when, by whom and of
 * which organisation (names as they are now), for a 412 that says who changed the record. Null when
 * none is recorded (a record imported or seeded before its audit trail).
 */
export async function lastAuditedChange(
  executor: DbExecutor,
  audited: { entity: string; entityId: string; actions: readonly string[] },
): Promise<{ at: Date; actorName: string | null; actorOrganizationName: string | null } | null> {
  if (audited.actions.length === 0) return null;
  const [row] = await executor
    .select({ at: auditEvents.at, actorName: users.name, actorOrganizationName: organizations.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditEvents.actorOrganizationId))
    .where(
      and(
        eq(auditEvents.entity, audited.entity),
        eq(auditEvents.entityId, audited.entityId),
        inArray(auditEvents.action, [...audited.actions]),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row ?? null;
}
