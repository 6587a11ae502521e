/** Request and response schemas of sign-in, two-factor and the current user. */
import { z } from 'zod';
import { organizationKinds, roles } from '../../domain/codes.js';

export const LoginRequest = z.strictObject({
  email: z.string().trim().min(3).max(254).describe('メールアドレス'),
  password: z.string().min(1).max(256).describe('パスワード'),
});

export const MeResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  organizationId: z.uuid().nullable(),
  organizationName: z.string().nullable(),
  organizationKind: z.enum(organizationKinds).nullable().describe('所属組織の種別（メニューの出し分けに使う）'),
  isMfaEnabled: z.boolean().describe('二要素認証が有効か'),
  isMfaRequired: z.boolean().describe('この役割では二要素認証が必須か'),
  mustChangePassword: z.boolean(),
});

export const SignedInResponse = z.object({
  user: MeResponse,
  token: z.string().describe('Bearer トークン（Cookie と同じセッション）'),
  expiresAt: z.string().describe('セッションの最長有効期限'),
  mfaEnrollmentRequired: z.boolean().describe('二要素認証の登録が必要（登録まで他の操作は不可）'),
});

export const MfaChallengeResponse = z.object({
  mfaRequired: z.literal(true),
  challenge: z.string().describe('POST /api/v1/auth/mfa に渡す値（5分間有効）'),
});

/**
 * A code as typed: NFKC first, so that full-width digits and letters from a Japanese IME
 * (４６３７０１, ＡＢＣＤ－…) count as the ASCII ones; spaces (also the full-width one) are ignored.
 */
const typedCode = z
  .string()
  .max(100)
  .transform((value) => value.normalize('NFKC').replace(/\s/g, ''));

export const MfaLoginRequest = z.strictObject({
  challenge: z.string().min(10).max(200),
  code: typedCode
    .pipe(z.string().min(6).max(20))
    .describe('認証アプリの6桁のコード、またはリカバリーコード（全角も可）'),
});

export const MfaEnrollResponse = z.object({
  otpauthUri: z.string(),
  secret: z.string().describe('認証アプリに手入力する場合の鍵'),
  qrCodeDataUrl: z.string().describe('QR コード（data URL, PNG）'),
});

/**
 * Re-authentication for a new authenticator when two-factor is already on (none needed at first
 * enrolment): the current password and a code of the current authenticator, or a recovery code.
 */
export const MfaEnrollRequest = z
  .strictObject({
    currentPassword: z.string().min(1).max(256).optional().describe('現在のパスワード（二要素認証が有効な場合は必須）'),
    code: typedCode
      .pipe(z.string().min(6).max(20))
      .optional()
      .describe('いまの認証アプリの6桁のコード、またはリカバリーコード（二要素認証が有効な場合は必須）'),
  })
  .nullish();

export const MfaConfirmRequest = z.strictObject({
  code: typedCode
    .pipe(z.string().regex(/^\d{6}$/, '6桁の数字を入力してください。'))
    .describe('認証アプリの6桁のコード（全角も可）'),
});

export const MfaConfirmResponse = z.object({
  recoveryCodes: z.array(z.string()).describe('一度だけ表示されるリカバリーコード（10個）'),
});

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const OkResponse = z.object({ ok: z.literal(true) });
