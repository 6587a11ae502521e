/**
 * Notifications: list with unread count, read receipts, and the live stream GET /api/v1/events (SSE):
 * `ready`, `notification` and `case_updated` (case-events.ts); `session_ended` just before the server
 * closes a stream whose session ended (logout, password change or reset, account disabled, expiry).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { PageQuery } from '../../platform/pagination.js';
import { toJstIso } from '../../platform/time.js';
import { TextParamsSchema } from '../../platform/text-params.js';
import type { NotificationService } from './notification.service.js';

const NotificationResponse = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  params: TextParamsSchema.nullable().describe(
    'title・body の値（kind ごと）。英語などで表示するため。古い通知では null（title・body を表示）',
  ),
  link: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const ListQuery = PageQuery.extend({ unread: z.enum(['true', 'false']).optional().describe('未読のみ') });
const UnreadResponse = z.object({ unreadCount: z.number().int() });

const keepAliveMs = 25_000;

export function notificationRoutes(app: FastifyInstance, notifications: NotificationService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/notifications',
    {
      config: { access: access.anyRole },
      schema: {
        tags: ['notifications'],
        summary: '通知の一覧（未読数つき）',
        querystring: ListQuery,
        response: {
          200: z.object({
            items: z.array(NotificationResponse),
            nextCursor: z.string().nullable(),
            unreadCount: z.number().int(),
          }),
        },
      },
    },
    async (request) => notifications.list(requireActor(request.context), request.query),
  );

  api.post(
    '/api/v1/notifications/:id/read',
    {
      config: { access: access.anyRole },
      schema: {
        tags: ['notifications'],
        summary: '通知を既読にする',
        params: z.object({ id: z.uuid() }),
        response: { 200: UnreadResponse },
      },
    },
    async (request) => notifications.markRead(requireActor(request.context), request.params.id),
  );

  api.post(
    '/api/v1/notifications/read-all',
    {
      config: { access: access.anyRole },
      schema: { tags: ['notifications'], summary: 'すべての通知を既読にする', response: { 200: UnreadResponse } },
    },
    async (request) => notifications.markAllRead(requireActor(request.context)),
  );

  api.get(
    '/api/v1/events',
    {
      // A stream stays open for hours: it must not hold one of the admission places.
      config: { access: access.anyRole, admission: false },
      schema: {
        tags: ['notifications'],
        summary: '通知とケース更新のライブ配信（Server-Sent Events）',
        response: {
          200: {
            description:
              'イベント: ready（未読数）・notification（通知）・case_updated（ケースの変更）・session_ended（この後に閉じる）。data は JSON',
            content: { 'text/event-stream': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const context = requireActor(request.context);
      const unreadCount = await notifications.unreadCount(context);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      const write = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      write('ready', { unreadCount, at: toJstIso(new Date()) });
      const unsubscribe = notifications.subscribe(
        context,
        {
          notification: (signal) =>
            write('notification', { ...signal, createdAt: toJstIso(new Date(signal.createdAt)) }),
          // "This case changed" (its id and what), so that an open case page fetches it again.
          caseUpdated: (event) => write('case_updated', event),
        },
        (reason) => {
          // The client learns why: after `session_ended` it must sign in again rather than reconnect.
          if (reason === 'session_ended') write('session_ended', { at: toJstIso(new Date()) });
          raw.end();
        },
      );
      const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), keepAliveMs);
      const close = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      request.raw.on('close', close);
      raw.on('close', close);
    },
  );
}
