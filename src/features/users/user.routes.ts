/** User administration (CONTRACT §3 Administration). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access } from '../../platform/guard.js';
import { sendIdempotentBody, withEtag } from '../../platform/route-replies.js';
import { requireIfMatch } from '../../platform/versioning.js';
import type { UserService } from './user.service.js';
import {
  CreateUserRequest,
  ListUsersQuery,
  UpdateUserRequest,
  UserIdParams,
  UserListResponse,
  UserResponse,
} from './user.schema.js';

const managers = access.roles('admin', 'association_admin');

export function userRoutes(app: FastifyInstance, deps: AppDeps, users: UserService) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/users',
    {
      config: { access: managers, idempotent: true },
      schema: { tags: ['admin'], summary: '利用者を作成', body: CreateUserRequest, response: { 201: UserResponse } },
    },
    async (request, reply) =>
      sendIdempotentBody(deps, request, reply, (tx) => users.create(requireActor(request.context), request.body, tx)),
  );

  api.get(
    '/api/v1/users',
    {
      config: { access: managers },
      schema: {
        tags: ['admin'],
        summary: '利用者の一覧',
        querystring: ListUsersQuery,
        response: { 200: UserListResponse },
      },
    },
    async (request) => users.list(requireActor(request.context), request.query),
  );

  api.get(
    '/api/v1/users/:id',
    {
      config: { access: managers },
      schema: { tags: ['admin'], summary: '利用者', params: UserIdParams, response: { 200: UserResponse } },
    },
    async (request, reply) => withEtag(reply, users.get(requireActor(request.context), request.params.id)),
  );

  api.patch(
    '/api/v1/users/:id',
    {
      config: { access: managers, ifMatch: 'required' },
      schema: {
        tags: ['admin'],
        summary: '利用者を変更（無効化・役割・パスワード再設定・二要素認証リセット）',
        params: UserIdParams,
        body: UpdateUserRequest,
        response: { 200: UserResponse },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        users.update(requireActor(request.context), request.params.id, request.body, requireIfMatch(request)),
      ),
  );
}
