/** Request and response of GET /api/v1/analytics/areas (the OpenAPI document comes from these). */
import { z } from 'zod';
import { queryNumber } from '../../platform/query-number.js';
import { organizationKinds, patientGroups, procedures, teamRoles } from '../../domain/codes.js';
import { capacityKinds } from './area-supply.js';
import { populationFigures } from './area-population.js';

export const AreaAnalyticsQuery = z.object({
  recentDays: queryNumber(z.number().int().min(1).max(365))
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

const PopulationSource = z.object({
  id: z.string(),
  attribution: z.string().describe('出典（表示するとおり）'),
  license: z.string(),
  asOf: z.string().describe('データの時点（介護保険事業状況報告は年度末。年度は表に記載がなく推定）'),
  confidence: z.string().describe('primary-table（公的な表で確認）| secondary（二次資料の引用値、原資料で未確認）'),
  note: z.string(),
  figures: z.array(z.enum(populationFigures)).describe('この出典による値'),
});

const Rate = z
  .object({
    value: z.number().nullable().describe('率（人口1万人あたり）。人口が分からないとき、または秘匿したとき null'),
    suppressed: z.boolean().describe('もとの人数を秘匿したため率も秘匿したとき true'),
  })
  .describe('人数の率: 秘匿した人数からは計算しない');

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
    population: z
      .object({
        aged65plus: z
          .number()
          .int()
          .nullable()
          .describe('65歳以上（市を保険者とする介護保険の第1号被保険者数、年度末）。データにない地域は null'),
        aged75plus: z
          .number()
          .int()
          .nullable()
          .describe('75歳以上（同、75〜84歳と85歳以上の和）。データにない地域は null'),
        total: z.number().int().nullable().describe('総人口（国勢調査2020、二次資料）。データにない地域は null'),
        careCertified: z
          .number()
          .int()
          .nullable()
          .describe('要介護（要支援）認定者（同、年度末）。データにない地域は null'),
        sources: z.array(PopulationSource).describe('値ごとの出典と時点'),
      })
      .describe('地域の人口（推計・按分はしない）'),
    rates: z
      .object({
        per: z.number().int().describe('何人あたりの率か（10000）'),
        openCasesPerAged65plus: Rate.describe('調整中のケース / 65歳以上'),
        recentlyDischargedPerAged65plus: Rate.describe('期間内に退院したケース / 65歳以上'),
        openCasesPerPopulation: Rate.describe('調整中のケース / 総人口'),
        recentlyDischargedPerPopulation: Rate.describe('期間内に退院したケース / 総人口'),
      })
      .describe('需要の率（人口1万人あたり）'),
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
        organizations: z
          .number()
          .int()
          .describe(
            'この役割の候補になりうる組織（マッチングと同じ条件 team-roles.ts canFillRole: 種類、役割に必要な処置（訪問リハ: リハビリテーション）、医師・訪問看護は対象の登録。患者ごとの条件・受入不可は含まない）',
          ),
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
  population: z.object({
    isAvailable: z.boolean().describe('人口の値がある地域があるとき true'),
    note: z.string().describe('どの値が、どの地域について、いつの時点で、どの出典からあるか'),
    sources: z.array(PopulationSource.extend({ areaCodes: z.array(z.string()) })),
  }),
  areaLevels: z.object({ kinds: z.array(z.string()), hasDistricts: z.boolean(), note: z.string() }),
  unlocated: z
    .object({ openCases: Cell, recentlyDischarged: Cell })
    .describe('自宅がどの地域にも入らないケース（市外・位置不明）'),
  areas: z.array(AreaFigures),
});
export type AreaAnalyticsResponse = z.infer<typeof AreaAnalyticsResponse>;
