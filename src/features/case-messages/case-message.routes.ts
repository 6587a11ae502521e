/** The team's message thread of a case (CONTRACT §3: GET|POST /api/v1/cases/:id/messages). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { sendIdempotentBody } from '../../platform/route-replies.js';
import { caseRoles } from '../cases/case.routes.js';
import { CaseIdParams } from '../cases/case.schema.js';
import type { CaseMessageService } from './case-message.service.js';
import {
  CaseMessageListQuery,
  CaseMessageListResponse,
  CaseMessageResponse,
  PostCaseMessageRequest,
} from './case-message.schema.js';

export function caseMessageRoutes(app: FastifyInstance, deps: AppDeps, messages: CaseMessageService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/cases/:id/messages',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['messages'],
        summary: 'チームのスレッド（取得すると既読になる）',
        params: CaseIdParams,
        querystring: CaseMessageListQuery,
        response: { 200: CaseMessageListResponse },
      },
    },
    async (request) => messages.list(requireActor(request.context), request.params.id, request.query),
  );

  api.post(
    '/api/v1/cases/:id/messages',
    {
      config: { access: caseRoles, idempotent: true },
      schema: {
        tags: ['messages'],
        summary: 'チームのスレッドに投稿（チーム・病院・センターに通知）',
        params: CaseIdParams,
        body: PostCaseMessageRequest,
        response: { 201: CaseMessageResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        messages.post(requireActor(request.context), request.params.id, request.body, tx),
      ),
  );
}
