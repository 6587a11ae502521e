/** Referral routes (CONTRACT §3): send, inbox/outbox, accept, decline, withdraw, questions. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { sendIdempotentBody } from '../../platform/route-replies.js';
import { caseRoles } from '../cases/case.routes.js';
import { CaseIdParams } from '../cases/case.schema.js';
import type { ReferralService } from './referral.service.js';
import {
  DeclineRequest,
  ListReferralsQuery,
  QuestionRequest,
  ReferralIdParams,
  ReferralResponse,
  SendReferralsRequest,
  SendReferralsResponse,
} from './referral.schema.js';

export function referralRoutes(app: FastifyInstance, deps: AppDeps, referrals: ReferralService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/cases/:id/referrals',
    {
      config: { access: caseRoles, idempotent: true },
      schema: {
        tags: ['referrals'],
        summary: '1つの役割の紹介を複数の事業所へ同時に送る',
        params: CaseIdParams,
        body: SendReferralsRequest,
        response: { 201: SendReferralsResponse },
      },
    },
    async (request, reply) => {
      await referrals.refreshDirectory();
      return sendIdempotentBody(deps, request, reply, (tx) =>
        referrals.send(requireActor(request.context), request.params.id, request.body, tx),
      );
    },
  );

  api.get(
    '/api/v1/referrals',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['referrals'],
        summary: '受信箱・送信箱',
        querystring: ListReferralsQuery,
        response: { 200: z.object({ items: z.array(ReferralResponse), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => referrals.list(requireActor(request.context), request.query),
  );

  api.get(
    '/api/v1/referrals/:id',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['referrals'],
        summary: '紹介（受信側が開くと既読になる）',
        params: ReferralIdParams,
        response: { 200: ReferralResponse },
      },
    },
    async (request) => referrals.get(requireActor(request.context), request.params.id),
  );

  api.post(
    '/api/v1/referrals/:id/accept',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['referrals'],
        summary: '受諾（最初の受諾で役割が決まり、他は取り下げ）',
        params: ReferralIdParams,
        response: { 200: ReferralResponse },
      },
    },
    async (request) => referrals.accept(requireActor(request.context), request.params.id),
  );

  api.post(
    '/api/v1/referrals/:id/decline',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['referrals'],
        summary: '辞退（理由コードと説明）',
        params: ReferralIdParams,
        body: DeclineRequest,
        response: { 200: ReferralResponse },
      },
    },
    async (request) => referrals.decline(requireActor(request.context), request.params.id, request.body),
  );

  api.post(
    '/api/v1/referrals/:id/withdraw',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['referrals'],
        summary: '紹介を取り下げる（送った側）',
        params: ReferralIdParams,
        response: { 200: ReferralResponse },
      },
    },
    async (request) => referrals.withdraw(requireActor(request.context), request.params.id),
  );

  api.post(
    '/api/v1/referrals/:id/questions',
    {
      config: { access: caseRoles, idempotent: true },
      schema: {
        tags: ['referrals'],
        summary: '質問する（受信側）／質問に答える（送信側）',
        params: ReferralIdParams,
        body: QuestionRequest,
        response: { 201: ReferralResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        referrals.postQuestion(requireActor(request.context), request.params.id, request.body, tx),
      ),
  );
}
