/** GET /api/v1/public/contacts: the consultation desks a citizen can be pointed to when a provider has no phone. */
import { z } from 'zod';

export const PublicContact = z.object({
  id: z.string(),
  kind: z
    .enum(['coordination_center', 'community_support_center'])
    .describe('地域ケア総合推進センター、または地域包括支援センター'),
  name: z.string(),
  address: z.string(),
  areaCode: z.string().nullable().describe('所在地の区（地域包括支援センターは担当する区の目安）'),
  phone: z.string().nullable().describe('公開の電話番号（登録がなければ null。推測して補わない）'),
  source: z.object({
    id: z.string(),
    attribution: z.string().describe('出典'),
    license: z.string().nullable(),
    asOf: z.string().nullable().describe('データの時点（YYYY-MM または YYYY-MM-DD）'),
  }),
  updatedAt: z.string().describe('この記録を最後に更新した日時（出典に時点がないときの日付）'),
});

export const PublicContactsResponse = z.object({
  items: z.array(PublicContact).describe('センターが先、続いて区の順の地域包括支援センター'),
});

export type PublicContactsResponse = z.infer<typeof PublicContactsResponse>;
