/** Sign-in, sign-out, two-factor enrolment and the current user (CONTRACT §2). */
import { usesSecureCookie } from '../../platform/config.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context.js';
import { requireActor } from '../../platform/context.js';
import { access, sessionCookieName } from '../../platform/guard.js';
import { toJstIso } from '../../platform/time.js';
import type { AuthService, SignedIn } from './auth.service.js';
import {
  ChangePasswordRequest,
  LoginRequest,
  MeResponse,
  MfaChallengeResponse,
  MfaConfirmRequest,
  MfaConfirmResponse,
  MfaEnrollRequest,
  MfaEnrollResponse,
  MfaLoginRequest,
  OkResponse,
  SignedInResponse,
} from './auth.schema.js';

export function authRoutes(app: FastifyInstance, deps: AppDeps, auth: AuthService) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const secureCookie = usesSecureCookie(deps.config);

  function sendSignedIn(reply: FastifyReply, result: SignedIn) {
    void reply.setCookie(sessionCookieName, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie,
      maxAge: deps.config.sessionMaxHours * 3600,
    });
    return reply.send({
      user: result.user,
      token: result.token,
      expiresAt: toJstIso(result.expiresAt),
      mfaEnrollmentRequired: result.user.isMfaRequired && !result.user.isMfaEnabled,
    });
  }

  api.post(
    '/api/v1/auth/login',
    {
      config: { access: access.public, rateLimited: true },
      schema: {
        tags: ['auth'],
        summary: 'ログイン',
        body: LoginRequest,
        response: { 200: SignedInResponse.or(MfaChallengeResponse) },
      },
    },
    async (request, reply) => {
      const result = await auth.login(request.context, request.body, request.headers['user-agent']);
      if (result.mfaRequired) return reply.send({ mfaRequired: true, challenge: result.challenge });
      return sendSignedIn(reply, result);
    },
  );

  api.post(
    '/api/v1/auth/mfa',
    {
      config: { access: access.public, rateLimited: true },
      schema: {
        tags: ['auth'],
        summary: '二要素認証の確認コードでログインを完了',
        body: MfaLoginRequest,
        response: { 200: SignedInResponse },
      },
    },
    async (request, reply) =>
      sendSignedIn(reply, await auth.completeMfaLogin(request.context, request.body, request.headers['user-agent'])),
  );

  api.post(
    '/api/v1/auth/logout',
    {
      config: { access: access.beforeMfa },
      schema: { tags: ['auth'], summary: 'ログアウト（サーバー側のセッションを終了）', response: { 200: OkResponse } },
    },
    async (request, reply) => {
      await auth.logout(requireActor(request.context));
      void reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.send({ ok: true as const });
    },
  );

  api.post(
    '/api/v1/auth/mfa/enroll',
    {
      config: { access: access.beforeMfa, rateLimited: true },
      schema: {
        tags: ['auth'],
        summary: '二要素認証（TOTP）の登録を開始',
        description:
          '初回は本文なし。すでに有効な場合（認証アプリの登録し直し）は currentPassword と code（いまの認証アプリのコード、またはリカバリーコード）が必要で、ないと 403 reauthentication_required、誤りは 403 reauthentication_failed（ログイン失敗と同じ回数制限）。',
        body: MfaEnrollRequest,
        response: { 200: MfaEnrollResponse },
      },
    },
    async (request) => auth.enrollMfa(requireActor(request.context), request.body ?? {}),
  );

  api.post(
    '/api/v1/auth/mfa/confirm',
    {
      config: { access: access.beforeMfa },
      schema: {
        tags: ['auth'],
        summary: '二要素認証の登録を確認コードで完了',
        body: MfaConfirmRequest,
        response: { 200: MfaConfirmResponse },
      },
    },
    async (request) => auth.confirmMfa(requireActor(request.context), request.body.code),
  );

  api.get(
    '/api/v1/me',
    {
      config: { access: access.beforeMfa },
      schema: { tags: ['auth'], summary: 'ログイン中の利用者', response: { 200: MeResponse } },
    },
    async (request) => auth.me(requireActor(request.context).actor),
  );

  api.post(
    '/api/v1/me/password',
    {
      config: { access: access.beforeMfa, rateLimited: true },
      schema: {
        tags: ['auth'],
        summary: '自分のパスワードを変更',
        body: ChangePasswordRequest,
        response: { 200: OkResponse },
      },
    },
    async (request) => {
      await auth.changePassword(requireActor(request.context), request.body);
      return { ok: true as const };
    },
  );
}
