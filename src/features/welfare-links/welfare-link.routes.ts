/** Welfare link routes (CONTRACT §3): request, list per case, the window's inbox, acknowledge, close. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { sendIdempotentBody } from '../../platform/route-replies.js';
import { caseRoles } from '../cases/case.routes.js';
import { CaseIdParams } from '../cases/case.schema.js';
import type { WelfareLinkService } from './welfare-link.service.js';
import {
  AcknowledgeWelfareLinkRequest,
  CaseWelfareLinksQuery,
  CloseWelfareLinkRequest,
  CreateWelfareLinkRequest,
  ListWelfareLinksQuery,
  WelfareLinkIdParams,
  WelfareLinkListResponse,
  WelfareLinkResponse,
} from './welfare-link.schema.js';

export function welfareLinkRoutes(app: FastifyInstance, deps: AppDeps, links: WelfareLinkService) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['welfare-links'];

  api.post(
    '/api/v1/cases/:id/welfare-links',
    {
      config: { access: caseRoles, idempotent: true },
      schema: {
        tags,
        summary: '福祉の連携を依頼（福祉事務所・保健所・社会福祉協議会・地域包括支援センター）',
        params: CaseIdParams,
        body: CreateWelfareLinkRequest,
        response: { 201: WelfareLinkResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        links.request(requireActor(request.context), request.params.id, request.body, tx),
      ),
  );

  api.get(
    '/api/v1/cases/:id/welfare-links',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: 'ケースの福祉の連携（古い順）',
        params: CaseIdParams,
        querystring: CaseWelfareLinksQuery,
        response: { 200: WelfareLinkListResponse },
      },
    },
    async (request) => links.listOfCase(requireActor(request.context), request.params.id, request.query),
  );

  api.get(
    '/api/v1/welfare-links',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: '自分の組織あての福祉の連携（受信箱、新しい順）',
        querystring: ListWelfareLinksQuery,
        response: { 200: WelfareLinkListResponse },
      },
    },
    async (request) => links.inbox(requireActor(request.context), request.query),
  );

  api.post(
    '/api/v1/welfare-links/:id/acknowledge',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: '福祉の連携を受け付ける（連携先の組織）',
        params: WelfareLinkIdParams,
        body: AcknowledgeWelfareLinkRequest,
        response: { 200: WelfareLinkResponse },
      },
    },
    async (request) => links.acknowledge(requireActor(request.context), request.params.id, request.body),
  );

  api.post(
    '/api/v1/welfare-links/:id/close',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: '福祉の連携を終了する（連携先、またはケースを調整する病院・センター）',
        params: WelfareLinkIdParams,
        body: CloseWelfareLinkRequest,
        response: { 200: WelfareLinkResponse },
      },
    },
    async (request) => links.close(requireActor(request.context), request.params.id, request.body),
  );
}
