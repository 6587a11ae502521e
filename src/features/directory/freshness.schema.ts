/** Schemas of the association's list of members whose 受入状況 needs confirming (要確認). */
import { z } from 'zod';
import { organizationKinds } from '../../domain/codes.js';
import { PageQuery } from '../../platform/pagination.js';

export const staleSorts = ['oldest', 'name'] as const;
export type StaleSort = (typeof staleSorts)[number];

export const StaleQuery = PageQuery.extend({
  sort: z.enum(staleSorts).default('oldest').describe('並び順: oldest（回答が古い順。未登録が先）| name（名称順）'),
  kind: z.enum(organizationKinds).optional().describe('種別'),
  areaCode: z
    .string()
    .regex(/^\d{5}$/, '5桁の地域コードを指定してください。')
    .optional()
    .describe('区（地域コード）'),
});
export type StaleQuery = z.infer<typeof StaleQuery>;

export const StaleMemberResponse = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  areaCode: z.string().nullable(),
  phone: z.string().nullable(),
  availabilityStatus: z.string().nullable(),
  availabilityUpdatedAt: z.string().nullable(),
  ageDays: z.number().int().nullable(),
  lastRemindedAt: z
    .string()
    .nullable()
    .describe('最後に「受入状況の更新をお願いします」を通知した日時（毎朝9時の定時処理。同じ組織へは7日に1回まで）'),
});

export const StaleResponse = z.object({
  items: z.array(StaleMemberResponse),
  nextCursor: z.string().nullable(),
  staleAfterDays: z.number().int(),
});
