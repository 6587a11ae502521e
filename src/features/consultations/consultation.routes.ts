/** The Center's inbox and the professionals' consultation desk (相談窓口). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { sendIdempotentBody } from '../../platform/route-replies.js';
import { requireIfMatch } from '../../platform/versioning.js';
import type { ConsultationService } from './consultation.service.js';
import {
  ConsultationDetailResponse,
  ConsultationListResponse,
  ConsultationResponse,
  CoordinatorListResponse,
  ListConsultationsQuery,
} from './consultation.schema.js';

const IdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });
const professionals = access.roles('hospital_liaison', 'center_coordinator', 'provider', 'association_admin');

export function consultationRoutes(app: FastifyInstance, deps: AppDeps, consultations: ConsultationService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  for (const url of ['/api/v1/center/consultations', '/api/v1/consultations']) {
    api.get(
      url,
      {
        config: { access: professionals },
        schema: {
          tags: ['center'],
          summary: '相談の一覧（センターは受付箱、他は自組織の相談）',
          querystring: ListConsultationsQuery,
          response: { 200: ConsultationListResponse },
        },
      },
      async (request) => consultations.list(requireActor(request.context), request.query),
    );
  }

  api.post(
    '/api/v1/consultations',
    {
      config: { access: access.roles('hospital_liaison', 'provider', 'association_admin'), idempotent: true },
      schema: {
        tags: ['center'],
        summary: '相談窓口に相談する（患者に結びつかない一般の相談）',
        body: z.strictObject({ subject: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(4000) }),
        response: { 201: ConsultationResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        consultations.createGeneral(requireActor(request.context), request.body, tx),
      ),
  );

  api.get(
    '/api/v1/consultations/:id',
    {
      config: { access: professionals },
      schema: {
        tags: ['center'],
        summary: '相談とそのやり取り',
        params: IdParams,
        response: { 200: ConsultationDetailResponse },
      },
    },
    async (request) => consultations.get(requireActor(request.context), request.params.id),
  );

  api.post(
    '/api/v1/consultations/:id/messages',
    {
      config: { access: professionals, idempotent: true },
      schema: {
        tags: ['center'],
        summary: '相談に書き込む（センターは回答、相談者は返信）',
        params: IdParams,
        body: z.strictObject({ body: z.string().trim().min(1).max(4000) }),
        response: { 201: ConsultationDetailResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        consultations.postMessage(requireActor(request.context), request.params.id, request.body, tx),
      ),
  );

  api.post(
    '/api/v1/consultations/:id/assign',
    {
      config: { access: access.roles('center_coordinator'), ifMatch: 'required' },
      schema: {
        tags: ['center'],
        summary: '担当の調整員を割り当てる',
        description: 'If-Match（相談の version）が必要です（ないと 428、古いと 412）。',
        params: IdParams,
        body: z.strictObject({ userId: z.uuid().nullable() }),
        response: { 200: ConsultationResponse },
      },
    },
    async (request) =>
      consultations.assign(requireActor(request.context), request.params.id, request.body, requireIfMatch(request)),
  );

  api.get(
    '/api/v1/center/coordinators',
    {
      config: { access: access.roles('center_coordinator') },
      schema: {
        tags: ['center'],
        summary: 'センターの調整員（相談の担当者に選べる人）',
        response: { 200: CoordinatorListResponse },
      },
    },
    async (request) => ({ items: await consultations.coordinators(requireActor(request.context)) }),
  );

  for (const event of ['close', 'reopen'] as const) {
    api.post(
      `/api/v1/consultations/:id/${event}`,
      {
        config: { access: professionals, ifMatch: 'required' },
        schema: {
          tags: ['center'],
          summary: event === 'close' ? '相談を終了（If-Match 必須）' : '相談を再開（If-Match 必須）',
          params: IdParams,
          response: { 200: ConsultationResponse },
        },
      },
      async (request) =>
        consultations.close(requireActor(request.context), request.params.id, event, requireIfMatch(request)),
    );
  }
}
