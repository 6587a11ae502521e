/** Doctor pairs (CONTRACT §3: POST/GET /doctor-pairs), ending a pair, bulk save and suggestions. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { sendIdempotentBody } from '../../platform/route-replies.js';
import type { PairService } from './pair.service.js';
import {
  BulkCreatePairsRequest,
  CreatePairRequest,
  ListPairsQuery,
  PairIdParams,
  PairListResponse,
  PairResponse,
  SuggestionsQuery,
  SuggestionsResponse,
} from './pair.schema.js';

const pairEditors = access.roles('admin', 'association_admin');

export function pairRoutes(app: FastifyInstance, deps: AppDeps, pairs: PairService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/doctor-pairs',
    {
      config: { access: access.anyRole },
      schema: {
        tags: ['doctor-pairs'],
        summary: '主治医・副主治医のペア（地域・診療所で絞り込み）',
        querystring: ListPairsQuery,
        response: { 200: PairListResponse },
      },
    },
    async (request) => pairs.list(requireActor(request.context), request.query),
  );

  api.get(
    '/api/v1/doctor-pairs/suggestions',
    {
      config: { access: access.roles('association_admin', 'admin', 'center_coordinator') },
      schema: {
        tags: ['doctor-pairs'],
        summary: 'ペアの提案（パートナーのいない在宅医療の診療所をすべて組にする）',
        querystring: SuggestionsQuery,
        response: { 200: SuggestionsResponse },
      },
    },
    async (request) => pairs.suggestions(requireActor(request.context), request.query),
  );

  api.post(
    '/api/v1/doctor-pairs',
    {
      config: { access: pairEditors, idempotent: true },
      schema: {
        tags: ['doctor-pairs'],
        summary: 'ペアを登録する',
        body: CreatePairRequest,
        response: { 201: PairResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) => pairs.create(requireActor(request.context), request.body, tx)),
  );

  api.post(
    '/api/v1/doctor-pairs/bulk',
    {
      config: { access: pairEditors, idempotent: true },
      schema: {
        tags: ['doctor-pairs'],
        summary: '確認した提案をまとめて登録する（すべて登録するか、何も登録しない）',
        body: BulkCreatePairsRequest,
        response: { 201: z.object({ items: z.array(PairResponse) }) },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        pairs.createMany(requireActor(request.context), request.body, tx),
      ),
  );

  api.post(
    '/api/v1/doctor-pairs/:id/end',
    {
      config: { access: pairEditors },
      schema: {
        tags: ['doctor-pairs'],
        summary: 'ペアを解消する',
        params: PairIdParams,
        response: { 200: PairResponse },
      },
    },
    async (request) => pairs.end(requireActor(request.context), request.params.id),
  );
}
