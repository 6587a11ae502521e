/** The Center's batch assignment (CONTRACT §3: /matching/proposals) and its list of open cases. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { sendIdempotentBody, withEtag } from '../../platform/route-replies.js';
import { optionalIfMatch, requireIfMatch } from '../../platform/versioning.js';
import type { MatchingService } from './matching.service.js';
import {
  AdjustProposalRequest,
  CreateProposalRequest,
  ListProposalsQuery,
  OpenCasesQuery,
  OpenCasesResponse,
  ProposalIdParams,
  ProposalListResponse,
  ProposalResponse,
  SendProposalRequest,
} from './matching.schema.js';

const center = access.roles('center_coordinator');

export function matchingRoutes(app: FastifyInstance, deps: AppDeps, matching: MatchingService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/matching/open-cases',
    {
      config: { access: center },
      schema: {
        tags: ['matching'],
        summary: 'センターのケースのうち、指定した役割がまだ決まっていないもの',
        querystring: OpenCasesQuery,
        response: { 200: OpenCasesResponse },
      },
    },
    async (request) => matching.openCases(requireActor(request.context), request.query),
  );

  api.get(
    '/api/v1/matching/proposals',
    {
      config: { access: center },
      schema: {
        tags: ['matching'],
        summary: 'センターの割り当て案（新しい順。待機リストが自動で作った案を含む）',
        querystring: ListProposalsQuery,
        response: { 200: ProposalListResponse },
      },
    },
    async (request) => matching.list(requireActor(request.context), request.query),
  );

  api.post(
    '/api/v1/matching/proposals',
    {
      config: { access: center, idempotent: true },
      schema: {
        tags: ['matching'],
        summary: '一括割り当て案（最小費用流）を貪欲法（最寄り）と並べて作る',
        body: CreateProposalRequest,
        response: { 201: ProposalResponse },
      },
    },
    async (request, reply) => {
      await matching.refreshDirectory();
      return sendIdempotentBody(deps, request, reply, (tx) =>
        matching.create(requireActor(request.context), request.body, tx),
      );
    },
  );

  api.get(
    '/api/v1/matching/proposals/:id',
    {
      config: { access: center },
      schema: {
        tags: ['matching'],
        summary: '割り当て案',
        params: ProposalIdParams,
        response: { 200: ProposalResponse },
      },
    },
    async (request, reply) => withEtag(reply, matching.get(requireActor(request.context), request.params.id)),
  );

  api.patch(
    '/api/v1/matching/proposals/:id',
    {
      config: { access: center, ifMatch: 'required' },
      schema: {
        tags: ['matching'],
        summary: '割り当て案を手直しする（1行ずつ、対応可否と空きを確認）',
        params: ProposalIdParams,
        body: AdjustProposalRequest,
        response: { 200: ProposalResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        matching.adjust(requireActor(request.context), request.params.id, request.body, requireIfMatch(request)),
      ),
  );

  api.post(
    '/api/v1/matching/proposals/:id/send',
    {
      config: { access: center, idempotent: true, ifMatch: 'optional' },
      schema: {
        tags: ['matching'],
        summary:
          '割り当て案の紹介をまとめて送る（1件の割り当てにつき1件の紹介、すべて1つのトランザクション。If-Match を付けると、その版から変わっていれば 412）',
        params: ProposalIdParams,
        body: SendProposalRequest,
        response: { 200: ProposalResponse },
      },
    },
    async (request, reply) => {
      await matching.refreshDirectory();
      return sendIdempotentBody(
        deps,
        request,
        reply,
        (tx) =>
          matching.send(requireActor(request.context), request.params.id, request.body, tx, optionalIfMatch(request)),
        200,
      );
    },
  );
}
