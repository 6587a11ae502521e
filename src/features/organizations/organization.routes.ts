/** Organisation directory routes (CONTRACT §3 Directory). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { sendIdempotentBody, withEtag } from '../../platform/route-replies.js';
import { requireIfMatch } from '../../platform/versioning.js';
import { errors } from '../../platform/errors.js';
import { schemaValidationFailure } from '../../platform/error-handler.js';
import type { ActorContext } from '../../platform/context.js';
import type { OrganizationService } from './organization.service.js';
import {
  CreateOrganizationRequest,
  ListOrganizationsQuery,
  OrganizationChangeResponse,
  OrganizationIdParams,
  OrganizationListResponse,
  OrganizationResponse,
  UpdateAvailabilityRequest,
  UpdateOrganizationRequest,
} from './organization.schema.js';

export function organizationRoutes(app: FastifyInstance, deps: AppDeps, organizations: OrganizationService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /**
   * A body the schema refused (the route attaches its validation error): answered 400 with the
   * schema's problems and, beside them, those the service would find in the fields it accepted — all
   * of a form's problems in one answer, not one per round trip.
   */
  async function refuseWithEveryProblem(
    error: Error | undefined,
    context: ActorContext,
    id: string | null,
    body: unknown,
  ): Promise<void> {
    if (!error) return;
    const failure = schemaValidationFailure(error);
    if (!failure || failure.context !== 'body') throw error;
    const more = await organizations.problemsBesideSchema(context, id, body, failure.details);
    throw errors.validation([...failure.details, ...more], failure.message);
  }

  api.get(
    '/api/v1/organizations',
    {
      config: { access: access.anyRole },
      schema: {
        tags: ['directory'],
        summary: '組織の一覧・検索',
        querystring: ListOrganizationsQuery,
        response: { 200: OrganizationListResponse },
      },
    },
    async (request) => organizations.list(requireActor(request.context), request.query),
  );

  api.get(
    '/api/v1/organizations/:id',
    {
      config: { access: access.anyRole },
      schema: {
        tags: ['directory'],
        summary: '組織',
        params: OrganizationIdParams,
        response: { 200: OrganizationResponse },
      },
    },
    async (request, reply) => withEtag(reply, organizations.get(requireActor(request.context), request.params.id)),
  );

  api.post(
    '/api/v1/organizations',
    {
      config: { access: access.roles('admin'), idempotent: true },
      attachValidation: true,
      schema: {
        tags: ['admin'],
        summary: '組織を登録',
        body: CreateOrganizationRequest,
        response: { 201: OrganizationChangeResponse },
      },
    },
    async (request, reply) => {
      await refuseWithEveryProblem(request.validationError, requireActor(request.context), null, request.body);
      return sendIdempotentBody(deps, request, reply, (tx) =>
        withEtag(reply, organizations.create(requireActor(request.context), request.body, tx)),
      );
    },
  );

  api.patch(
    '/api/v1/organizations/:id',
    {
      config: {
        access: access.roles('admin', 'association_admin', 'provider', 'hospital_liaison', 'center_coordinator'),
        ifMatch: 'required',
      },
      attachValidation: true,
      schema: {
        tags: ['directory'],
        summary: '組織の情報・対応能力・訪問範囲を変更（If-Match 必須）',
        params: OrganizationIdParams,
        body: UpdateOrganizationRequest,
        response: { 200: OrganizationChangeResponse },
      },
    },
    async (request, reply) => {
      await refuseWithEveryProblem(
        request.validationError,
        requireActor(request.context),
        request.params.id,
        request.body,
      );
      const expectedVersion = requireIfMatch(request);
      return withEtag(
        reply,
        organizations.update(requireActor(request.context), request.params.id, request.body, expectedVersion),
      );
    },
  );

  api.put(
    '/api/v1/organizations/:id/availability',
    {
      config: {
        access: access.roles('admin', 'association_admin', 'provider', 'hospital_liaison', 'center_coordinator'),
        ifMatch: 'required',
      },
      schema: {
        tags: ['directory'],
        summary: '受入状況を更新（If-Match 必須）',
        params: OrganizationIdParams,
        body: UpdateAvailabilityRequest,
        response: { 200: OrganizationResponse },
      },
    },
    async (request, reply) => {
      const expectedVersion = requireIfMatch(request);
      return withEtag(
        reply,
        organizations.updateAvailability(
          requireActor(request.context),
          request.params.id,
          request.body,
          expectedVersion,
        ),
      );
    },
  );
}
