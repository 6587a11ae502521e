/** Rotation groups, rosters and swaps (CONTRACT §3 "Load sharing and emergencies"). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { sendIdempotentBody, withEtag } from '../../platform/route-replies.js';
import { requireIfMatch } from '../../platform/versioning.js';
import { createRotationGroupService, type RotationGroupService } from './rotation-group.service.js';
import { createRosterService, type RosterService } from './roster.service.js';
import { createSwapService, type SwapService } from './swap.service.js';
import {
  AcceptSwapRequest,
  AdjustDutyRequest,
  CalendarQuery,
  CreateRotationGroupRequest,
  CreateSwapRequest,
  DutyParams,
  GenerateRosterRequest,
  GroupListQuery,
  IdParams,
  MemberDeclarationRequest,
  MemberDeclarationResponse,
  MemberParams,
  MonthQuery,
  RosterListQuery,
  RosterListResponse,
  RosterMonthResponse,
  RosterResponse,
  RotationGroupListResponse,
  RotationGroupResponse,
  SwapListQuery,
  SwapListResponse,
  SwapParams,
  SwapReasonRequest,
  SwapResponse,
  UpdateRotationGroupRequest,
} from './rotation.schema.js';

/** Association admins run rotations, member clinics take part, the system admin sees all; services scope each record. */
export const rotationRoles = access.roles('admin', 'association_admin', 'provider');
const tags = ['rotations'];

export function rotationRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { groups: RotationGroupService; rosters: RosterService; swaps: SwapService },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { groups, rosters, swaps } = services;
  const config = { access: rotationRoles };
  /** Creating POSTs run under the request's Idempotency-Key; changes of a group or roster need If-Match. */
  const creating = { ...config, idempotent: true };
  const versioned = { ...config, ifMatch: 'required' as const };

  api.post(
    '/api/v1/rotation-groups',
    {
      config: creating,
      schema: {
        tags,
        summary: '輪番グループを作る（医師会）',
        body: CreateRotationGroupRequest,
        response: { 201: RotationGroupResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) => groups.create(requireActor(request.context), request.body, tx)),
  );
  api.get(
    '/api/v1/rotation-groups',
    {
      config,
      schema: {
        tags,
        summary: '輪番グループの一覧（医師会: 管理するもの、診療所: 参加しているもの）',
        querystring: GroupListQuery,
        response: { 200: RotationGroupListResponse },
      },
    },
    async (request) => groups.list(requireActor(request.context), request.query),
  );
  api.get(
    '/api/v1/rotation-groups/:id',
    {
      config,
      schema: {
        tags,
        summary: '輪番グループ（会員・医師数・担当できない日・規則）',
        params: IdParams,
        response: { 200: RotationGroupResponse },
      },
    },
    async (request, reply) => withEtag(reply, groups.get(requireActor(request.context), request.params.id)),
  );
  api.patch(
    '/api/v1/rotation-groups/:id',
    {
      config: versioned,
      schema: {
        tags,
        summary: '輪番グループを変更する（If-Match）',
        params: IdParams,
        body: UpdateRotationGroupRequest,
        response: { 200: RotationGroupResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        groups.update(requireActor(request.context), request.params.id, requireIfMatch(request), request.body),
      ),
  );
  api.put(
    '/api/v1/rotation-groups/:id/members/:organizationId',
    {
      config: versioned,
      schema: {
        tags,
        summary: '会員の申告（医師数・担当できない曜日/日/当番・希望）。If-Match はグループの版',
        params: MemberParams,
        body: MemberDeclarationRequest,
        response: { 200: MemberDeclarationResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        groups.declare(
          requireActor(request.context),
          request.params.id,
          request.params.organizationId,
          requireIfMatch(request),
          request.body,
        ),
      ),
  );
  api.get(
    '/api/v1/rotation-groups/:id/rosters',
    {
      config,
      schema: {
        tags,
        summary: 'グループの輪番表の一覧',
        params: IdParams,
        querystring: RosterListQuery,
        response: { 200: RosterListResponse },
      },
    },
    async (request) => rosters.listOfGroup(requireActor(request.context), request.params.id, request.query),
  );
  api.post(
    '/api/v1/rotation-groups/:id/rosters',
    {
      config: creating,
      schema: {
        tags,
        summary: '輪番表を自動作成する（下書き）。作れないときは 422 と理由',
        params: IdParams,
        body: GenerateRosterRequest,
        response: { 201: RosterResponse },
      },
    },
    async (request, reply) => {
      const work = await rosters.prepareGenerate(requireActor(request.context), request.params.id, request.body);
      return sendIdempotentBody(deps, request, reply, work);
    },
  );
  api.get(
    '/api/v1/rosters/:id',
    {
      config,
      schema: {
        tags,
        summary: '輪番表（当番・公平性・下限との差）',
        params: IdParams,
        response: { 200: RosterResponse },
      },
    },
    async (request, reply) => withEtag(reply, rosters.get(requireActor(request.context), request.params.id)),
  );
  api.post(
    '/api/v1/rosters/:id/publish',
    {
      config: versioned,
      schema: {
        tags,
        summary: '輪番表を公開する（If-Match、会員に通知）',
        params: IdParams,
        response: { 200: RosterResponse },
      },
    },
    async (request, reply) =>
      withEtag(reply, rosters.publish(requireActor(request.context), request.params.id, requireIfMatch(request))),
  );
  api.post(
    '/api/v1/rosters/:id/discard',
    {
      config: versioned,
      schema: {
        tags,
        summary: '下書きの輪番表を破棄する（If-Match）',
        params: IdParams,
        response: { 200: RosterResponse },
      },
    },
    async (request, reply) =>
      withEtag(reply, rosters.discard(requireActor(request.context), request.params.id, requireIfMatch(request))),
  );
  api.patch(
    '/api/v1/rosters/:id/duties/:dutyId',
    {
      // The rules checked again: 422 duty_breaks_rules.
      config: { ...versioned, errorStatuses: [422] },
      schema: {
        tags,
        summary: '下書きの当番を別の参加診療所に調整する（医師会、If-Match は輪番表の版、規則を再確認）',
        params: DutyParams,
        body: AdjustDutyRequest,
        response: { 200: RosterResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        rosters.adjustDuty(
          requireActor(request.context),
          request.params.id,
          request.params.dutyId,
          requireIfMatch(request),
          request.body,
        ),
      ),
  );
  api.get(
    '/api/v1/rosters/:id/calendar',
    {
      config,
      schema: {
        tags,
        summary: '月のカレンダー（週ごと・休日の種類・祝日名・当番）',
        params: IdParams,
        querystring: MonthQuery,
        response: { 200: RosterMonthResponse },
      },
    },
    async (request) => rosters.month(requireActor(request.context), request.params.id, request.query.month),
  );
  api.get(
    '/api/v1/rosters/:id/calendar.ics',
    {
      config,
      schema: {
        tags,
        summary: '当番の iCalendar（RFC 5545、TZID=Asia/Tokyo）',
        params: IdParams,
        querystring: CalendarQuery,
        response: {
          200: {
            description: 'iCalendar（添付ファイル）',
            content: { 'text/calendar': { schema: z.string().describe('RFC 5545') } },
          },
        },
      },
    },
    async (request, reply) => {
      const file = await rosters.calendar(
        requireActor(request.context),
        request.params.id,
        request.query.organizationId,
      );
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );
  api.get(
    '/api/v1/rosters/:id/swaps',
    {
      config,
      schema: {
        tags,
        summary: '交代依頼の一覧',
        params: IdParams,
        querystring: SwapListQuery,
        response: { 200: SwapListResponse },
      },
    },
    async (request) => swaps.list(requireActor(request.context), request.params.id, request.query),
  );
  api.post(
    '/api/v1/rosters/:id/swaps',
    {
      config: creating,
      schema: {
        tags,
        summary: '当番の交代を依頼する',
        params: IdParams,
        body: CreateSwapRequest,
        response: { 201: SwapResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        swaps.request(requireActor(request.context), request.params.id, request.body, tx),
      ),
  );
  api.post(
    '/api/v1/rosters/:id/swaps/:swapId/accept',
    {
      // A duty given in exchange that breaks the group's rules: 422 swap_breaks_rules.
      config: { ...config, errorStatuses: [422] },
      schema: {
        tags,
        summary: '交代を引き受ける（規則を確認）',
        params: SwapParams,
        body: AcceptSwapRequest,
        response: { 200: SwapResponse },
      },
    },
    async (request) =>
      swaps.act(requireActor(request.context), request.params.id, request.params.swapId, 'accept', request.body),
  );
  for (const [event, summary] of [
    ['decline', '交代依頼を辞退する'],
    ['withdraw', '交代依頼を取り下げる'],
    ['approve', '交代を承認する（規則を再確認、担当を入れ替え）'],
    ['reject', '交代を却下する'],
  ] as const) {
    api.post(
      `/api/v1/rosters/:id/swaps/:swapId/${event}`,
      {
        // Approving checks the rules again: 422 swap_breaks_rules.
        config: event === 'approve' ? { ...config, errorStatuses: [422] } : config,
        schema: {
          tags,
          summary,
          params: SwapParams,
          body: SwapReasonRequest.optional(),
          response: { 200: SwapResponse },
        },
      },
      async (request) =>
        swaps.act(requireActor(request.context), request.params.id, request.params.swapId, event, {
          reason: request.body?.reason,
        }),
    );
  }
}

/** Builds the services and registers the routes (called from src/server.ts). */
export function registerRotations(app: FastifyInstance, deps: AppDeps) {
  rotationRoutes(app, deps, {
    groups: createRotationGroupService(deps),
    rosters: createRosterService(deps),
    swaps: createSwapService(deps),
  });
}
