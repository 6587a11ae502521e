/** Schemas of the team's message thread of a case (CONTRACT §3: GET|POST /api/v1/cases/:id/messages). */
import { z } from 'zod';
import { PageQuery } from '../../platform/pagination.js';

export const PostCaseMessageRequest = z.strictObject({
  body: z.string().trim().min(1, 'メッセージを入力してください。').max(4000).describe('本文'),
});
export type PostCaseMessageRequest = z.infer<typeof PostCaseMessageRequest>;

export const CaseMessageResponse = z.object({
  id: z.string(),
  body: z.string(),
  authorName: z.string().nullable(),
  authorOrganizationName: z.string().nullable(),
  authorOrganizationId: z.string().nullable(),
  createdAt: z.string(),
  isMine: z.boolean().describe('自分の投稿か'),
  readBy: z
    .array(
      z.object({
        userId: z.string(),
        name: z.string(),
        organizationName: z.string().nullable(),
        readAt: z.string(),
      }),
    )
    .describe('既読にした人（投稿者を除く）'),
  unreadOrganizations: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .describe(
      'このスレッドの組織のうち、まだ誰も読んでいない組織（投稿者の組織を除く。今の病院・在宅チーム・センター・福祉の連携先）',
    ),
});
export type CaseMessageResponse = z.infer<typeof CaseMessageResponse>;

export const CaseMessageListQuery = PageQuery;
export type CaseMessageListQuery = z.infer<typeof CaseMessageListQuery>;

export const CaseMessageListResponse = z.object({
  items: z.array(CaseMessageResponse).describe('投稿順（古い順）'),
  nextCursor: z.string().nullable().describe('次のページ（より新しい投稿）のカーソル。最後のページは null'),
  unreadCount: z
    .number()
    .int()
    .describe('この取得で既読にした後の未読件数（どのページの取得でもスレッド全体が既読になるため、通常は 0）'),
  newlyRead: z.number().int().describe('この取得で既読になった件数（取得の前に未読だった件数）'),
});
