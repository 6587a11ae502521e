/** Discharge case routes (CONTRACT §3 Discharge coordination). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { sendIdempotentBody, withEtag } from '../../platform/route-replies.js';
import { requireIfMatch } from '../../platform/versioning.js';
import type { CaseService } from './case.service.js';
import {
  CancelRequest,
  CaseEventResponse,
  CaseIdParams,
  CaseListResponse,
  CaseViewResponse,
  CaseCreatedResponse,
  CreateCaseRequest,
  DischargeRequest,
  ListCasesQuery,
  OutcomeRequest,
  RouteRequest,
  TransferRequest,
  UpdateCaseRequest,
} from './case.schema.js';

/** Roles that take part in discharge coordination (admins, the association and the city do not see patients). */
export const caseRoles = access.roles('hospital_liaison', 'center_coordinator', 'provider');

export function caseRoutes(app: FastifyInstance, deps: AppDeps, cases: CaseService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/cases',
    {
      config: { access: access.roles('hospital_liaison'), idempotent: true },
      schema: {
        tags: ['cases'],
        summary: '退院支援ケースを登録',
        body: CreateCaseRequest,
        response: { 201: CaseCreatedResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        withEtag(reply, cases.create(requireActor(request.context), request.body, tx)),
      ),
  );

  api.get(
    '/api/v1/cases',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['cases'],
        summary: 'ケースの一覧（見られるものだけ）',
        querystring: ListCasesQuery,
        response: { 200: CaseListResponse },
      },
    },
    async (request) => cases.list(requireActor(request.context), request.query),
  );

  api.get(
    '/api/v1/cases/:id',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['cases'],
        summary: 'ケース（権限に応じて全体または最小限）',
        params: CaseIdParams,
        response: { 200: CaseViewResponse },
      },
    },
    async (request, reply) => withEtag(reply, cases.get(requireActor(request.context), request.params.id)),
  );

  api.patch(
    '/api/v1/cases/:id',
    {
      config: { access: caseRoles, ifMatch: 'required' },
      schema: {
        tags: ['cases'],
        summary: 'ケースを変更（If-Match 必須）',
        params: CaseIdParams,
        body: UpdateCaseRequest,
        response: { 200: CaseViewResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        cases.update(requireActor(request.context), request.params.id, request.body, requireIfMatch(request)),
      ),
  );

  const actions = [
    { path: 'route', summary: '調整の方法を選ぶ（直接／センター）', body: RouteRequest, run: cases.route },
    { path: 'transfer', summary: '転院（後方支援病院などへ引き継ぐ）', body: TransferRequest, run: cases.transfer },
    { path: 'discharge', summary: '退院を記録', body: DischargeRequest, run: cases.discharge },
    { path: 'cancel', summary: 'ケースを中止', body: CancelRequest, run: cases.cancel },
  ] as const;
  for (const action of actions) {
    api.post(
      `/api/v1/cases/:id/${action.path}`,
      {
        config: { access: caseRoles, ifMatch: 'required' },
        schema: {
          tags: ['cases'],
          summary: `${action.summary}（If-Match 必須）`,
          params: CaseIdParams,
          body: action.body,
          response: { 200: CaseViewResponse },
        },
      },
      async (request, reply) => {
        const run = action.run as (
          context: ReturnType<typeof requireActor>,
          id: string,
          body: unknown,
          version: number,
        ) => ReturnType<CaseService['get']>;
        return withEtag(
          reply,
          run(requireActor(request.context), request.params.id, request.body, requireIfMatch(request)),
        );
      },
    );
  }

  api.put(
    '/api/v1/cases/:id/outcome',
    {
      config: { access: caseRoles, ifMatch: 'required' },
      schema: {
        tags: ['cases'],
        summary: '退院後の転帰を記録（If-Match 必須）',
        params: CaseIdParams,
        body: OutcomeRequest,
        response: { 200: CaseViewResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        cases.recordOutcome(requireActor(request.context), request.params.id, request.body, requireIfMatch(request)),
      ),
  );

  api.get(
    '/api/v1/cases/:id/timeline',
    {
      config: { access: caseRoles },
      schema: {
        tags: ['cases'],
        summary: 'ケースの経過記録',
        params: CaseIdParams,
        response: { 200: z.object({ items: z.array(CaseEventResponse) }) },
      },
    },
    async (request) => cases.timeline(requireActor(request.context), request.params.id),
  );
}
