/** Schemas of the resource search (CONTRACT §3 Directory): professional and public. */
import { z } from 'zod';
import {
  availabilityStatuses,
  homeCareSupportClinicTypes,
  organizationKinds,
  patientGroups,
  procedures,
} from '../../domain/codes.js';
import { citizenNeedIds } from '../../domain/directory/citizen-needs.js';
import { queryNumber } from '../../platform/query-number.js';

/** A query parameter that may repeat (?group=a&group=b): always an array after parsing. */
const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((value: unknown) => (Array.isArray(value) ? (value as unknown[]) : [value]), z.array(item).max(20));

/** A query parameter that may repeat and may list several values (?need=a&need=b, ?need=a,b): an array after parsing. */
const listed = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value: unknown) =>
      (Array.isArray(value) ? (value as unknown[]) : [value]).flatMap((entry) =>
        typeof entry === 'string'
          ? entry
              .split(',')
              .map((part) => part.trim())
              .filter((part) => part !== '')
          : [entry],
      ),
    z.array(item).max(20),
  );

/** The `homeCareSupportClinic` values: the types (organization profile), and two shorthands for several of them. */
export const homeCareSupportClinicSearchValues = ['any', 'enhanced', ...homeCareSupportClinicTypes] as const;
export type HomeCareSupportClinicSearchValue = (typeof homeCareSupportClinicSearchValues)[number];

const searchFields = z.object({
  lat: queryNumber(
    z
      .number()
      .min(20, '緯度は日本国内（20〜46）で指定してください。')
      .max(46, '緯度は日本国内（20〜46）で指定してください。'),
  )
    .optional()
    .describe('緯度'),
  lng: queryNumber(
    z
      .number()
      .min(122, '経度は日本国内（122〜154）で指定してください。')
      .max(154, '経度は日本国内（122〜154）で指定してください。'),
  )
    .optional()
    .describe('経度'),
  near: z.string().trim().min(1).max(200).optional().describe('住所・郵便番号・区名（位置を特定して検索）'),
  areaCode: z
    .string()
    .regex(/^\d{5}$/, '地域コードは5桁の数字です。')
    .optional()
    .describe('地域コード（区内を探す。lat・lng や near とは同時に指定できません）'),
  radiusKm: queryNumber(z.number().gt(0, '半径は0より大きくしてください。').max(100, '半径は100km以下にしてください。'))
    .optional()
    .describe('半径 km（既定 10）'),
  kind: repeated(z.enum(organizationKinds))
    .optional()
    .describe(
      '種別（複数可: いずれか）。その種別のサービスを提供する組織: visiting_rehab は訪問リハビリを行う訪問看護ステーション・診療所・病院・介護サービス事業所（介護サービス 140 の事業所を含む）も。care_service は通所・入所・小規模多機能などの介護サービス事業所',
    ),
  group: repeated(z.enum(patientGroups)).optional().describe('対象（複数可: すべて満たす）'),
  procedure: repeated(z.enum(procedures)).optional().describe('医療処置（複数可: すべて満たす）'),
  available24h: z.enum(['true', 'false']).optional().describe('24時間対応のみ'),
  homeCareSupportClinic: repeated(z.enum(homeCareSupportClinicSearchValues))
    .optional()
    .describe(
      '在宅療養支援診療所のみ（複数可: いずれか）。any: 類型を問わない / enhanced: 機能強化型（単独型・連携型） / enhanced_single: 機能強化型（単独型） / enhanced_network: 機能強化型（連携型） / standard: 従来型',
    ),
  homeVisitOnly: z.enum(['true', 'false']).optional().describe('往診専門の診療所のみ'),
  accepting: z.enum(['true', 'false']).optional().describe('受入可（条件付き含む）のみ'),
  limit: queryNumber(z.number().int().min(1).max(500, '件数は500以下にしてください。')).default(50),
  cursor: z
    .string()
    .max(200)
    .optional()
    .describe('前のページの nextCursor（同じ条件のまま、続きの結果を読む。最初の 10,000 件まで）'),
});

/** One place per search, given in one way. */
function withOnePlace<T extends z.ZodType<z.output<typeof searchFields>>>(schema: T) {
  return (
    schema
      .refine((query) => (query.lat === undefined) === (query.lng === undefined), {
        message: '緯度と経度は両方指定してください。',
        path: ['lat'],
      })
      .refine((query) => query.lat !== undefined || query.areaCode !== undefined || query.near !== undefined, {
        message: '場所（lat と lng、near、または areaCode）を指定してください。',
        path: ['lat'],
      })
      // One place per search: a ward search and a search around a point answer different questions, so
      // neither is silently dropped when both are given.
      .refine((query) => query.areaCode === undefined || (query.lat === undefined && query.near === undefined), {
        message:
          '地域コード（areaCode）と地点（lat と lng、または near）は同時に指定できません。区内を探すときは areaCode だけ、地点の近くを探すときは lat と lng（または near）だけを指定してください。',
        path: ['areaCode'],
      })
      .refine((query) => query.lat === undefined || query.near === undefined, {
        message: '地点（lat と lng）と住所（near）は同時に指定できません。どちらか一方だけを指定してください。',
        path: ['near'],
      })
  );
}

export const SearchQuery = withOnePlace(searchFields);
export type SearchQuery = z.output<typeof SearchQuery>;

/**
 * The citizens' search: the same, and what is needed in everyday words (citizen-needs.ts). Several needs are met
 * by one organisation that meets each of them; beside kind, group or procedure, all of them must hold.
 */
export const PublicSearchQuery = withOnePlace(
  searchFields.extend({
    need: listed(z.enum(citizenNeedIds))
      .optional()
      .describe(
        '必要なもの（市民向けの言葉。複数可: need=a&need=b または need=a,b。すべてを満たす事業所。consultation は地域包括支援センター）',
      ),
  }),
);
export type PublicSearchQuery = z.output<typeof PublicSearchQuery>;

const SearchAvailability = z.object({
  status: z.enum(availabilityStatuses),
  freeSlots: z.number().int().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  ageDays: z.number().int(),
  isStale: z.boolean().describe('要確認（更新から一定日数以上）'),
});

export const SearchResponse = z.object({
  origin: z
    .object({
      lat: z.number(),
      lng: z.number(),
      areaCode: z.string().nullable(),
      label: z.string().nullable(),
      precision: z.string().nullable(),
      basis: z
        .enum(['point', 'place', 'area'])
        .describe(
          'point: 指定された lat・lng / place: near を町丁目・郵便番号の位置に特定 / area: 区（areaCode、または near が区までしか特定できなかったとき）の代表地点',
        ),
      town: z
        .string()
        .nullable()
        .describe(
          'basis が area のとき、代表地点の町丁目名（区内の町丁目代表点の緯度・経度それぞれの中央値に最も近い町丁目。区の幾何学的な重心ではなく、人の住む市街地の中心）。それ以外は null',
        ),
    })
    .describe('距離を測る起点'),
  items: z.array(
    z.object({
      organization: z.object({
        id: z.string(),
        name: z.string(),
        kind: z.enum(organizationKinds),
        address: z.string(),
        lat: z.number(),
        lng: z.number(),
        areaCode: z.string().nullable(),
        phone: z.string().nullable(),
        homeCareSupportClinic: z
          .enum(homeCareSupportClinicTypes)
          .nullable()
          .describe('在宅療養支援診療所の類型（そうでなければ null）'),
        isHomeVisitOnly: z.boolean().describe('往診専門'),
      }),
      distanceKm: z.number(),
      admitsPatients: z
        .boolean()
        .describe(
          '患者・利用者を受け入れる種別か。false（地域包括支援センターなどの相談窓口、医師会、市）は受入状況を持たず availability は常に null で、受入状況で絞り込まれず並べられない',
        ),
      availability: SearchAvailability.nullable().describe('受入状況（未登録、または受け入れない種別では null）'),
      capabilities: z.object({
        groups: z.array(z.enum(patientGroups)),
        procedures: z.array(z.enum(procedures)),
        available24h: z.boolean(),
      }),
      isDemoProfile: z.boolean().describe('対応能力がデモ用の値'),
      isDemoAvailability: z.boolean().describe('受入状況がデモ用の値'),
    }),
  ),
  nextCursor: z
    .string()
    .nullable()
    .describe('続きの結果があるとき、次のページを読む cursor（同じ条件で指定する）。なければ null'),
  staleAfterDays: z.number().int(),
  unregisteredKinds: z
    .array(z.enum(organizationKinds))
    .describe('指定された種別のうち、登録された組織が（場所・条件によらず）一つもないもの。結果が空の理由を伝えるため'),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const KindCountsResponse = z.object({
  items: z
    .array(z.object({ kind: z.enum(organizationKinds), count: z.number().int() }))
    .describe('種別ごとに、検索の kind で見つかる組織の数（位置が登録された組織。場所・条件によらない）'),
});

const PublicSearchItem = z.object({
  organization: SearchResponse.shape.items.element.shape.organization,
  distanceKm: z.number(),
  admitsPatients: SearchResponse.shape.items.element.shape.admitsPatients,
  availability: z
    .object({
      status: z.enum(availabilityStatuses),
      updatedAt: z.string(),
      ageDays: z.number().int(),
      isStale: z.boolean(),
    })
    .nullable(),
  capabilities: SearchResponse.shape.items.element.shape.capabilities,
  isDemoProfile: z.boolean().describe('対応能力がデモ用の値'),
  isDemoAvailability: z.boolean().describe('受入状況がデモ用の値'),
});

export const PublicSearchResponse = z.object({
  origin: SearchResponse.shape.origin,
  items: z.array(PublicSearchItem),
  nextCursor: SearchResponse.shape.nextCursor,
  staleAfterDays: z.number().int(),
  unregisteredKinds: SearchResponse.shape.unregisteredKinds,
  supportCenters: z
    .object({
      basis: z
        .enum(['area', 'nearest'])
        .describe('area: 場所の区を受け持つセンター / nearest: 区にセンターがないため最寄りのセンター'),
      areaCode: z.string().nullable().describe('場所の区（地域コード）'),
      items: z.array(PublicSearchItem).describe('近い順。半径・受入状況の条件によらない'),
    })
    .nullable()
    .describe(
      '種別に community_support_center（地域包括支援センター）を含む検索のとき、場所の相談先となるセンター（半径によらない）。それ以外は null',
    ),
});

export const GeocodeQuery = z.object({ q: z.string().trim().min(1).max(200).describe('住所・郵便番号・区名') });
export const GeocodeResponse = z.object({
  lat: z.number(),
  lng: z.number(),
  precision: z.enum(['machiaza', 'oaza', 'ward', 'postal_code']),
  areaCode: z.string().nullable(),
  label: z.string(),
});
