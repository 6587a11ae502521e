/** Schemas of the user administration endpoints. */
import { z } from 'zod';
import { organizationKinds, roles } from '../../domain/codes.js';
import { PageQuery } from '../../platform/pagination.js';

export const UserResponse = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  organizationId: z.uuid().nullable(),
  organizationName: z.string().nullable(),
  organizationKind: z.enum(organizationKinds).nullable().describe('所属組織の種別（選べる役割はこれで決まる）'),
  disabled: z.boolean(),
  isMfaEnabled: z.boolean(),
  isDemo: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type UserResponse = z.infer<typeof UserResponse>;

export const CreateUserRequest = z.strictObject({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('メールアドレスの形式が正しくありません。')),
  name: z.string().trim().min(1).max(100).describe('氏名'),
  role: z.enum(roles).describe('役割'),
  organizationId: z
    .uuid()
    .nullable()
    .optional()
    .describe('所属組織（admin は組織に所属しないため省略か null。ほかの役割は必須で、役割に合う種別の組織）'),
  password: z.string().max(256).describe('初期パスワード（13文字以上）'),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    role: z.enum(roles).optional(),
    disabled: z.boolean().optional().describe('true で無効化（全セッションを終了）'),
    password: z.string().max(256).optional().describe('パスワードの再設定（次回ログイン時に変更を求める）'),
    resetMfa: z.literal(true).optional().describe('二要素認証をリセット（端末紛失時）'),
  })
  .refine((value) => Object.values(value).some((entry) => entry !== undefined), {
    message: '変更する項目を1つ以上指定してください。',
  });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const ListUsersQuery = PageQuery.extend({
  q: z.string().max(100).optional().describe('氏名・メールアドレスの一部'),
  organizationId: z.uuid().optional(),
});

export const UserIdParams = z.object({ id: z.uuid('ID の形式が正しくありません。') });

export const UserListResponse = z.object({ items: z.array(UserResponse), nextCursor: z.string().nullable() });
