/**
 * Area figures on the web side: the types mirroring src/features/area-analytics/area-analytics.schema.ts
 * (GET /api/v1/analytics/areas — supply against demand per area, where discharges get stuck, small groups
 * suppressed) and src/features/escalation/escalation.schema.ts AcuteEventSummaryResponse (GET
 * /api/v1/analytics/acute-events — acute events per ward, suppressed the same way), the calls over the one typed
 * client and the TanStack Query hooks of the 地域の分析 page.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request } from './client';
import type { TeamRole } from './case-codes';
import type { OrganizationKind, PatientGroup, Procedure } from '../codes';

// ---------- types ----------

/** The periods offered for 「最近の退院」 (the API takes 1–365 days, 90 by default). */
export const recentDaysChoices = [30, 90, 365] as const;
export type RecentDays = (typeof recentDaysChoices)[number];
export const defaultRecentDays: RecentDays = 90;

/** A count of people: `count` is null and `suppressed` true when it could reveal a small group. */
export type CountCell = { count: number | null; suppressed: boolean };

/** The organisation kinds whose acceptance capacity is broken out (src/features/area-analytics/area-supply.ts). */
export const capacityKinds = [
  'clinic',
  'hospital',
  'visiting_nursing',
  'visiting_rehab',
  'care_management',
  'home_dental',
  'home_pharmacy',
] as const satisfies readonly OrganizationKind[];
export type CapacityKind = (typeof capacityKinds)[number];

export type Capacity = {
  organizations: number;
  /** Organisations that declared an acceptance status. */
  reporting: number;
  accepting: number;
  limited: number;
  full: number;
  /** Free slots declared, fresh or stale. */
  freeSlots: number;
  /** Free slots declared within the freshness window. */
  freeSlotsFresh: number;
  /** Organisations whose declaration is stale (要確認). */
  stale: number;
  /** stale / reporting (0–1), null when nobody reports. */
  staleShare: number | null;
};

export type AreaSupply = {
  organizationsByKind: Record<OrganizationKind, number>;
  capabilities: {
    homeVisitClinics: number;
    homeCareSupportClinics: number;
    homeVisitOnlyClinics: number;
    available24h: number;
    clinics24h: number;
    visitingNursing24h: number;
    procedures: Record<Procedure, number>;
    groups: Record<PatientGroup, number>;
  };
  capacity: Capacity;
  capacityByKind: Record<CapacityKind, Capacity>;
};

export type OpenAndRecent = { open: CountCell; recent: CountCell };

/** The population figures given per area (src/features/area-analytics/area-population.ts). */
export type PopulationFigure = 'total' | 'aged65plus' | 'aged75plus' | 'careCertified';

/** Where population figures come from: 出典, licence, date and how sure they are. */
export type PopulationSource = {
  id: string;
  attribution: string;
  license: string;
  /** As the source gives it (the 介護保険事業状況報告: end of a fiscal year, the year estimated). */
  asOf: string;
  /** `primary-table` (read in the official table) or `secondary` (quoted by a third party, not verified). */
  confidence: string;
  note: string;
  figures: PopulationFigure[];
};

/** A rate per `per` people: null without a base; null and `suppressed` when its count is suppressed. */
export type RateCell = { value: number | null; suppressed: boolean };

export type AreaRates = {
  per: number;
  openCasesPerAged65plus: RateCell;
  recentlyDischargedPerAged65plus: RateCell;
  openCasesPerPopulation: RateCell;
  recentlyDischargedPerPopulation: RateCell;
};

export type AreaFigures = {
  areaCode: string;
  areaName: string;
  fullName: string;
  /** city | ward | district … */
  kind: string;
  parentCode: string | null;
  supply: AreaSupply;
  demand: {
    openCases: CountCell;
    recentlyDischarged: CountCell;
    procedures: Record<Procedure, OpenAndRecent>;
    groups: Record<PatientGroup, OpenAndRecent>;
    /** Null where the data has no figure (nothing is estimated). */
    population: Record<PopulationFigure, number | null> & { sources: PopulationSource[] };
    rates: AreaRates;
  };
  stuck: {
    openWithUnfilledRoles: CountCell;
    pastPlannedDischarge: CountCell;
    medianDaysOpen: number | null;
  };
  roles: Record<
    TeamRole,
    {
      supply: { organizations: number; accepting: number; freeSlotsFresh: number };
      demand: OpenAndRecent;
      unfilled: CountCell;
    }
  >;
};

export type AreaAnalytics = {
  asOf: string;
  recentDays: number;
  staleAfterDays: number;
  suppression: { threshold: number; appliesTo: string; note: string };
  population: { isAvailable: boolean; note: string; sources: (PopulationSource & { areaCodes: string[] })[] };
  areaLevels: { kinds: string[]; hasDistricts: boolean; note: string };
  /** Cases whose home is in no known area (outside the city, or not located). */
  unlocated: { openCases: CountCell; recentlyDischarged: CountCell };
  areas: AreaFigures[];
};

/** The roles that can answer an acute call first (119 is not the team's answer). */
export const answeringRoles = ['primary_doctor', 'secondary_doctor', 'on_duty', 'backup_hospital'] as const;
export type AnsweringRole = (typeof answeringRoles)[number];

/** One ward's acute events (or the total, areaCode null): each count null when suppressed; 0 is shown. */
export type AcuteEventAreaSummary = {
  areaCode: string | null;
  areaName: string | null;
  events: number | null;
  responded: number | null;
  respondedBy: Record<AnsweringRole, number | null>;
  admissions: number | null;
  reached119: number | null;
  /** Only from 10 recorded answers up, where the number of events is shown. */
  medianMinutesToAnswer: number | null;
  isSuppressed: boolean;
};

export type AcuteEventSummary = {
  from: string;
  to: string;
  suppressBelow: number;
  suppressionNote: string;
  /** Every ward, whatever it holds. */
  areas: AcuteEventAreaSummary[];
  /** Every event of the period, those of no ward included. */
  total: AcuteEventAreaSummary;
};

/** A count of the acute-event summary as the count cells of the area figures read it. */
export const countCellOf = (count: number | null): CountCell => ({ count, suppressed: count === null });

// ---------- calls and hooks ----------

export const analyticsApi = {
  areas: (query: { recentDays: number }) => request<AreaAnalytics>('GET', 'analytics/areas', { query }),
  acuteEvents: (query: { from: string; to: string }) =>
    request<AcuteEventSummary>('GET', 'analytics/acute-events', { query }),
};

export const analyticsKeys = {
  areas: (recentDays: number) => ['analytics', 'areas', recentDays] as const,
  acuteEvents: (from: string, to: string) => ['analytics', 'acute-events', from, to] as const,
};

/** YYYY-MM-DD moved by whole days (calendar arithmetic, no time zone involved). */
export function shiftDate(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * The acute-event period of the figures shown: the same days as 「最近の退院」 of the area figures — from `recentDays`
 * before the date of their `asOf` (Asia/Tokyo, as the server gives it) to that date.
 */
export function acutePeriodOf(figures: Pick<AreaAnalytics, 'asOf' | 'recentDays'>): { from: string; to: string } {
  const to = figures.asOf.slice(0, 10);
  return { from: shiftDate(to, -figures.recentDays), to };
}

/** The acute events per ward for a period (null: not yet known). */
export function useAcuteEventSummary(period: { from: string; to: string } | null) {
  return useQuery({
    queryKey: analyticsKeys.acuteEvents(period?.from ?? '', period?.to ?? ''),
    queryFn: () => analyticsApi.acuteEvents(period ?? { from: '', to: '' }),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
}

/** The area figures for a period; the previous period's figures stay on screen while the next one loads. */
export function useAreaAnalytics(recentDays: number) {
  return useQuery({
    queryKey: analyticsKeys.areas(recentDays),
    queryFn: () => analyticsApi.areas({ recentDays }),
    placeholderData: keepPreviousData,
  });
}
