/** Discharge conference routes (CONTRACT §3): schedule, read, change, cancel, minutes, calendar.ics. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { sendIdempotentBody, withEtag } from '../../platform/route-replies.js';
import { requireIfMatch } from '../../platform/versioning.js';
import { caseRoles } from '../cases/case.routes.js';
import { CaseIdParams } from '../cases/case.schema.js';
import type { ConferenceService } from './conference.service.js';
import {
  CancelConferenceRequest,
  ConferenceIdParams,
  ConferenceListQuery,
  ConferenceListResponse,
  ConferenceMinutesRequest,
  ConferenceResponse,
  ScheduleConferenceRequest,
  UpdateConferenceRequest,
} from './conference.schema.js';

export function conferenceRoutes(app: FastifyInstance, deps: AppDeps, conferences: ConferenceService) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['conferences'];

  api.post(
    '/api/v1/cases/:id/conferences',
    {
      config: { access: caseRoles, idempotent: true },
      schema: {
        tags,
        summary: '退院時カンファレンスを設定（参加者に案内を通知）',
        params: CaseIdParams,
        body: ScheduleConferenceRequest,
        response: { 201: ConferenceResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        withEtag(reply, conferences.schedule(requireActor(request.context), request.params.id, request.body, tx)),
      ),
  );

  api.get(
    '/api/v1/cases/:id/conferences',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: 'ケースの退院時カンファレンス（開始日時の順）',
        params: CaseIdParams,
        querystring: ConferenceListQuery,
        response: { 200: ConferenceListResponse },
      },
    },
    async (request) => conferences.listOfCase(requireActor(request.context), request.params.id, request.query),
  );

  api.get(
    '/api/v1/conferences/:id',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: '退院時カンファレンス',
        params: ConferenceIdParams,
        response: { 200: ConferenceResponse },
      },
    },
    async (request, reply) => withEtag(reply, conferences.get(requireActor(request.context), request.params.id)),
  );

  api.patch(
    '/api/v1/conferences/:id',
    {
      config: { access: caseRoles, ifMatch: 'required' },
      schema: {
        tags,
        summary: '日時・場所・参加者を変更（If-Match 必須。SEQUENCE が増え、参加者に通知）',
        params: ConferenceIdParams,
        body: UpdateConferenceRequest,
        response: { 200: ConferenceResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        conferences.update(requireActor(request.context), request.params.id, request.body, requireIfMatch(request)),
      ),
  );

  api.post(
    '/api/v1/conferences/:id/cancel',
    {
      config: { access: caseRoles, ifMatch: 'required' },
      schema: {
        tags,
        summary: '退院時カンファレンスを中止（参加者に通知）',
        params: ConferenceIdParams,
        body: CancelConferenceRequest,
        response: { 200: ConferenceResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        conferences.cancel(requireActor(request.context), request.params.id, request.body, requireIfMatch(request)),
      ),
  );

  api.put(
    '/api/v1/conferences/:id/minutes',
    {
      config: { access: caseRoles, ifMatch: 'required' },
      schema: {
        tags,
        summary: '議事録を記録（開始後。状態は開催済みになる）',
        params: ConferenceIdParams,
        body: ConferenceMinutesRequest,
        response: { 200: ConferenceResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        conferences.recordMinutes(
          requireActor(request.context),
          request.params.id,
          request.body,
          requireIfMatch(request),
        ),
      ),
  );

  api.get(
    '/api/v1/conferences/:id/calendar.ics',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: 'カレンダー登録用ファイル（iCalendar, RFC 5545, TZID=Asia/Tokyo）',
        params: ConferenceIdParams,
        response: {
          200: {
            description: 'iCalendar（添付ファイル）',
            content: { 'text/calendar': { schema: z.string().describe('RFC 5545') } },
          },
        },
      },
    },
    async (request, reply) => {
      const file = await conferences.calendar(requireActor(request.context), request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
}
