/** GET /api/v1/audit — who read or changed what, when (admin; others only for records their organisation owns). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { listAuditEvents } from './audit.repository.js';
import { PageQuery, decodeCursor, pageOf } from '../../platform/pagination.js';
import { toJstIso } from '../../platform/time.js';
import { errors } from '../../platform/errors.js';

const AuditQuery = PageQuery.extend({
  entity: z.string().max(50).optional().describe('対象の種類（case, organization, user …）'),
  entityId: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
});

const AuditEventResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorOrganizationId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

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
      const cursor = decodeCursor(query.cursor, 'none', 'integer');
      const rows = await listAuditEvents(deps.database.db, {
        limit: query.limit,
        ...(actor.role !== 'admin' && actor.organizationId ? { ownerOrganizationId: actor.organizationId } : {}),
        ...(query.entity ? { entity: query.entity } : {}),
        ...(query.entityId ? { entityId: query.entityId } : {}),
        ...(query.actorUserId ? { actorUserId: query.actorUserId } : {}),
        ...(cursor ? { beforeId: Number(cursor.id) } : {}),
      });
      const page = pageOf(rows, query.limit, (row) => ({ key: null, id: String(row.event.id) }));
      return {
        items: page.items.map(({ event, actorName }) => ({
          id: event.id,
          at: toJstIso(event.at),
          actorUserId: event.actorUserId,
          actorName,
          actorOrganizationId: event.actorOrganizationId,
          actorRole: event.actorRole,
          action: event.action,
          entity: event.entity,
          entityId: event.entityId,
          ip: event.ip,
          requestId: event.requestId,
          details: event.details,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
