/** GET /api/v1/audit — who read or changed what, when (admin; others only for records their organisation owns). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { caseHospitalsByIds, listAuditEvents, organizationsByIds, usersByIds } from './audit.repository.js';
import { PageQuery, decodeCursor, pageOf } from '../../platform/pagination.js';
import { toJstIso } from '../../platform/time.js';
import { errors } from '../../platform/errors.js';
import { auditEntities } from '../../platform/audit.js';
import { findCaseWithRelation } from '../cases/case.repository.js';
import { factsOf } from '../cases/case-access.js';
import { caseAccessLevel } from '../../domain/policies/case-policy.js';

const isoDate = z.iso.date('日付は YYYY-MM-DD の形式で、実在する日付を指定してください。');

const AuditQuery = PageQuery.extend({
  entity: z.enum(auditEntities).optional().describe('対象の種類（case, organization, user …）'),
  entityId: z.string().max(100).optional(),
  action: z.string().max(50).optional().describe('操作（create, update, login_failed …）'),
  actorUserId: z.uuid().optional(),
  actor: z.string().trim().min(1).max(100).optional().describe('操作者の氏名・メールアドレスの一部'),
  from: isoDate.optional().describe('この日（Asia/Tokyo）以降'),
  to: isoDate.optional().describe('この日（Asia/Tokyo）以前'),
});

/** What the record a row is about is called — for users, organisations and cases; never a patient's name. */
const AuditTarget = z.object({
  kind: z.enum(['user', 'organization', 'case']),
  /** The user's or organisation's name (null for a case, and when the record no longer exists). */
  name: z.string().nullable(),
  /** A user's e-mail. */
  email: z.string().nullable(),
  /** A user's current role. */
  role: z.string().nullable(),
  /** A user's organisation; a case's responsible hospital. */
  organizationName: z.string().nullable(),
  /** The caller may open the record (GET /api/v1/cases/:id would answer). */
  canOpen: z.boolean(),
});

const AuditEventResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorOrganizationId: z.string().nullable(),
  actorOrganizationName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  target: AuditTarget.nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string | null): value is string => value !== null && uuidPattern.test(value);

/** The first instant of a Tokyo calendar date, and of the day after it. */
const jstStartOf = (date: string) => new Date(`${date}T00:00:00+09:00`);
const jstEndOf = (date: string) => new Date(jstStartOf(date).getTime() + 24 * 60 * 60 * 1000);

export function auditRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit',
    {
      config: { access: access.anyRole },
      schema: {
        tags: ['audit'],
        summary: '監査ログ（新しい順）',
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditEventResponse), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { actor } = requireActor(request.context);
      const query = request.query;
      if (actor.role !== 'admin' && !actor.organizationId) throw errors.forbidden();
      if (query.from && query.to && query.from > query.to) {
        throw errors.validation([{ path: 'to', message: '終了日は開始日以降の日付を指定してください。' }]);
      }
      const cursor = decodeCursor(query.cursor, 'none', 'integer');
      const db = deps.database.db;
      const rows = await listAuditEvents(db, {
        limit: query.limit,
        ...(actor.role !== 'admin' && actor.organizationId ? { ownerOrganizationId: actor.organizationId } : {}),
        ...(query.entity ? { entity: query.entity } : {}),
        ...(query.entityId ? { entityId: query.entityId } : {}),
        ...(query.action ? { action: query.action } : {}),
        ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
        ...(query.actor ? { actorText: query.actor } : {}),
        ...(query.from ? { from: jstStartOf(query.from) } : {}),
        ...(query.to ? { before: jstEndOf(query.to) } : {}),
        ...(cursor ? { beforeId: Number(cursor.id) } : {}),
      });
      const page = pageOf(rows, query.limit, (row) => ({ key: null, id: String(row.event.id) }));

      // The names of the records the page is about, each looked up once.
      const idsOf = (entity: string) => [
        ...new Set(
          page.items
            .filter(({ event }) => event.entity === entity)
            .map(({ event }) => event.entityId)
            .filter(isUuid),
        ),
      ];
      const organizationIds = [
        ...new Set([
          ...idsOf('organization'),
          ...page.items.map(({ event }) => event.actorOrganizationId).filter(isUuid),
        ]),
      ];
      const caseIds = idsOf('case');
      const [namedUsers, namedOrganizations, caseHospitals, openableCases] = await Promise.all([
        usersByIds(db, idsOf('user')),
        organizationsByIds(db, organizationIds),
        caseHospitalsByIds(db, caseIds),
        // Whether the caller may open each case: the case policy itself (admins hold no case access).
        Promise.all(
          caseIds.map(async (caseId) => {
            if (!actor.organizationId) return null;
            const found = await findCaseWithRelation(db, caseId, actor.organizationId);
            return found && caseAccessLevel(actor, factsOf(found.row, found.relation)) !== 'none' ? caseId : null;
          }),
        ),
      ]);
      const userById = new Map(namedUsers.map((user) => [user.id, user]));
      const organizationNameById = new Map(namedOrganizations.map((row) => [row.id, row.name]));
      const hospitalByCase = new Map(caseHospitals.map((row) => [row.id, row.hospitalName]));
      const openable = new Set(openableCases.filter((id) => id !== null));

      const targetOf = (entity: string, entityId: string | null): z.infer<typeof AuditTarget> | null => {
        if (!isUuid(entityId)) return null;
        const none = { name: null, email: null, role: null, organizationName: null, canOpen: false };
        if (entity === 'user') {
          const user = userById.get(entityId);
          return user
            ? {
                kind: 'user',
                ...none,
                name: user.name,
                email: user.email,
                role: user.role,
                organizationName: user.organizationName,
              }
            : { kind: 'user', ...none };
        }
        if (entity === 'organization') {
          return { kind: 'organization', ...none, name: organizationNameById.get(entityId) ?? null };
        }
        if (entity === 'case') {
          return {
            kind: 'case',
            ...none,
            organizationName: hospitalByCase.get(entityId) ?? null,
            canOpen: openable.has(entityId),
          };
        }
        return null;
      };

      return {
        items: page.items.map(({ event, actorName }) => ({
          id: event.id,
          at: toJstIso(event.at),
          actorUserId: event.actorUserId,
          actorName,
          actorOrganizationId: event.actorOrganizationId,
          actorOrganizationName: event.actorOrganizationId
            ? (organizationNameById.get(event.actorOrganizationId) ?? null)
            : null,
          actorRole: event.actorRole,
          action: event.action,
          entity: event.entity,
          entityId: event.entityId,
          target: targetOf(event.entity, event.entityId),
          ip: event.ip,
          requestId: event.requestId,
          details: event.details,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
