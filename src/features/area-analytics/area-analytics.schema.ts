/** Request and response of GET /api/v1/analytics/areas (the OpenAPI document comes from these). */
import { z } from 'zod';
import { organizationKinds, patientGroups, procedures, teamRoles } from '../../domain/codes.js';
import { capacityKinds } from './area-supply.js';

export const AreaAnalyticsQuery = z.object({
  recentDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .default(90)
    .describe('「最近の退院」とする日数（既定 90 日、最大 365 日）'),
});

const Cell = z
  .object({
    count: z.number().int().nullable().describe('人数（小さな集団になるときは null）'),
    suppressed: z.boolean().describe('秘匿したとき true'),
  })
  .describe('人数の集計: 1〜9人、または差し引きで1〜9人が分かる値は秘匿');

const Capacity = z.object({
  organizations: z.number().int(),
  reporting: z.number().int().describe('受入状況を登録している組織'),
  accepting: z.number().int(),
  limited: z.number().int(),
  full: z.number().int(),
  freeSlots: z.number().int().describe('登録された空き枠の合計（古い登録を含む）'),
  freeSlotsFresh: z.number().int().describe('鮮度の期間内に登録された空き枠の合計'),
  stale: z.number().int().describe('要確認（古い）登録の組織'),
  staleShare: z.number().nullable().describe('要確認の割合（0〜1、登録がなければ null）'),
});

const counts = <Key extends string>(keys: readonly [Key, ...Key[]]) => z.record(z.enum(keys), z.number().int());
const cells = <Key extends string>(keys: readonly [Key, ...Key[]]) =>
  z.record(z.enum(keys), z.object({ open: Cell, recent: Cell }));

const Supply = z.object({
  organizationsByKind: counts(organizationKinds),
  capabilities: z.object({
    homeVisitClinics: z.number().int().describe('在宅療養支援診療所または往診専門の診療所'),
    homeCareSupportClinics: z.number().int(),
    homeVisitOnlyClinics: z.number().int(),
    available24h: z.number().int(),
    clinics24h: z.number().int(),
    visitingNursing24h: z.number().int(),
    procedures: counts(procedures),
    groups: counts(patientGroups),
  }),
  capacity: Capacity,
  capacityByKind: z.record(z.enum(capacityKinds), Capacity),
});

const AreaFigures = z.object({
  areaCode: z.string(),
  areaName: z.string(),
  fullName: z.string(),
  kind: z.string().describe('city | ward | district …'),
  parentCode: z.string().nullable(),
  supply: Supply,
  demand: z.object({
    openCases: Cell.describe('調整中のケース（planning, coordinating）'),
    recentlyDischarged: Cell.describe('期間内に退院したケース'),
    procedures: cells(procedures),
    groups: cells(patientGroups),
    population: z.object({
      aged65plus: z.number().int().nullable(),
      aged75plus: z.number().int().nullable(),
    }),
  }),
  stuck: z.object({
    openWithUnfilledRoles: Cell.describe('必要な役割が決まっていない調整中のケース'),
    pastPlannedDischarge: Cell.describe('退院予定日を過ぎても調整中のケース'),
    medianDaysOpen: z.number().nullable().describe('役割が決まっていないケースの登録からの日数（中央値）'),
  }),
  roles: z.record(
    z.enum(teamRoles),
    z.object({
      supply: z.object({
        organizations: z.number().int().describe('この役割を担える種類の組織'),
        accepting: z.number().int().describe('うち受入可・条件付き（鮮度の期間内）'),
        freeSlotsFresh: z.number().int(),
      }),
      demand: z.object({ open: Cell, recent: Cell }),
      unfilled: Cell.describe('調整中でこの役割が未決定のケース'),
    }),
  ),
});

export const AreaAnalyticsResponse = z.object({
  asOf: z.string(),
  recentDays: z.number().int(),
  staleAfterDays: z.number().int(),
  suppression: z.object({ threshold: z.number().int(), appliesTo: z.string(), note: z.string() }),
  population: z.object({ isAvailable: z.boolean(), note: z.string() }),
  areaLevels: z.object({ kinds: z.array(z.string()), hasDistricts: z.boolean(), note: z.string() }),
  unlocated: z
    .object({ openCases: Cell, recentlyDischarged: Cell })
    .describe('自宅がどの地域にも入らないケース（市外・位置不明）'),
  areas: z.array(AreaFigures),
});
export type AreaAnalyticsResponse = z.infer<typeof AreaAnalyticsResponse>;
