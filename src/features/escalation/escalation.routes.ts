/**
 * The emergency chain (CONTRACT §3 "Load sharing and emergencies"): a case's escalation at a
 * moment, its printable emergency contact card, acute events and their per-area summary, backup
 * hospitals and the per-area wait times.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { BinaryBody } from '../../platform/openapi.js';
import { access } from '../../platform/guard.js';
import { sendIdempotentBody } from '../../platform/route-replies.js';
import { caseRoles } from '../cases/case.routes.js';
import { createEscalationService, type EscalationService } from './escalation.service.js';
import { createEmergencyCardService, type EmergencyCardService } from './emergency-card.service.js';
import { createAcuteEventService, type AcuteEventService } from './acute-event.service.js';
import {
  AcuteEventAnalyticsQuery,
  AcuteEventListQuery,
  AcuteEventListResponse,
  AcuteEventResponse,
  AcuteEventSummaryResponse,
  AreaParams,
  BackupHospitalListResponse,
  BackupHospitalQuery,
  CardQuery,
  CaseParams,
  CreateAcuteEventRequest,
  EscalationQuery,
  EscalationResponse,
  EscalationSettingResponse,
  EscalationSettingsRequest,
  EscalationSettingsResponse,
} from './escalation.schema.js';

/** Those who read area statistics (as GET /api/v1/analytics/reliance). */
export const analyticsRoles = access.roles('admin', 'association_admin', 'center_coordinator', 'city_analyst');
const settingsEditors = access.roles('admin', 'association_admin');

export function escalationRoutes(
  app: FastifyInstance,
  deps: AppDeps,
  services: { escalation: EscalationService; cards: EmergencyCardService; acuteEvents: AcuteEventService },
) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { escalation, cards, acuteEvents } = services;
  const tags = ['escalation'];

  api.get(
    '/api/v1/cases/:id/escalation',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: '急変時の連絡順（主治医→副主治医→輪番の当番医→後方支援病院→119）と待ち時間',
        params: CaseParams,
        querystring: EscalationQuery,
        response: { 200: EscalationResponse },
      },
    },
    async (request) => escalation.escalation(requireActor(request.context), request.params.id, request.query),
  );

  api.get(
    '/api/v1/cases/:id/emergency-card.pdf',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: '緊急時連絡カード（PDF、A4 または名刺大。現在のチームと輪番表から作成）',
        params: CaseParams,
        querystring: CardQuery,
        response: {
          200: {
            description: 'PDF',
            content: { 'application/pdf': { schema: BinaryBody } },
          },
        },
      },
    },
    async (request, reply) => {
      const file = await cards.pdf(requireActor(request.context), request.params.id, request.query);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="${file.filename}"; filename*=UTF-8''${encodeURIComponent('緊急時連絡カード')}.pdf`,
        )
        .send(file.body);
    },
  );

  api.post(
    '/api/v1/cases/:id/acute-events',
    {
      config: { access: caseRoles, idempotent: true },
      schema: {
        tags,
        summary: '急変の記録（時刻・連絡した順・応答までの時間・入院の有無）',
        params: CaseParams,
        body: CreateAcuteEventRequest,
        response: { 201: AcuteEventResponse },
      },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) =>
        acuteEvents.create(requireActor(request.context), request.params.id, request.body, tx),
      ),
  );
  api.get(
    '/api/v1/cases/:id/acute-events',
    {
      config: { access: caseRoles },
      schema: {
        tags,
        summary: 'このケースの急変の記録（新しい順）',
        params: CaseParams,
        querystring: AcuteEventListQuery,
        response: { 200: AcuteEventListResponse },
      },
    },
    async (request) => acuteEvents.list(requireActor(request.context), request.params.id, request.query),
  );
  api.get(
    '/api/v1/analytics/acute-events',
    {
      config: { access: analyticsRoles },
      schema: {
        tags: ['analytics'],
        summary: '地域ごとの急変の集計（応答・入院・119番。10件未満は非表示）',
        querystring: AcuteEventAnalyticsQuery,
        response: { 200: AcuteEventSummaryResponse },
      },
    },
    async (request) => acuteEvents.summary(requireActor(request.context), request.query),
  );

  api.get(
    '/api/v1/backup-hospitals',
    {
      config: { access: access.anyRole },
      schema: {
        tags,
        summary: '後方支援病院（機能・受け持つ地域・一時受け入れ停止）',
        querystring: BackupHospitalQuery,
        response: { 200: BackupHospitalListResponse },
      },
    },
    async (request) => escalation.backupHospitals(requireActor(request.context), request.query),
  );

  api.get(
    '/api/v1/escalation-settings',
    {
      config: { access: access.anyRole },
      schema: { tags, summary: '地域ごとの応答待ち時間（分）と既定値', response: { 200: EscalationSettingsResponse } },
    },
    async () => escalation.settings(),
  );
  api.put(
    '/api/v1/escalation-settings/:areaCode',
    {
      config: { access: settingsEditors },
      schema: {
        tags,
        summary: '地域の応答待ち時間を設定する（医師会・管理者）',
        params: AreaParams,
        body: EscalationSettingsRequest,
        response: { 200: EscalationSettingResponse },
      },
    },
    async (request) => escalation.putSettings(requireActor(request.context), request.params.areaCode, request.body),
  );
}

/** Builds the services and registers the routes (called from src/server.ts). */
export function registerEscalation(app: FastifyInstance, deps: AppDeps) {
  const escalation = createEscalationService(deps);
  escalationRoutes(app, deps, {
    escalation,
    cards: createEmergencyCardService(deps, escalation),
    acuteEvents: createAcuteEventService(deps),
  });
}
