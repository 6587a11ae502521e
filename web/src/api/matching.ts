/**
 * Matching on the web side: types mirroring src/features/matching (the Center's batch assignment and its open
 * cases), src/features/pairs (doctor pairs and their suggestions) and src/features/analytics/reliance, the calls
 * over the one typed client, and the TanStack Query hooks the pages under pages/matching use.
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, request, wholePageLimit } from './client';
import { useIdempotencyKey } from './cases';
import type { TeamRole } from './case-codes';
import type { PatientGroup, Procedure } from '../codes';
import type { Page } from './types';

// ---------- types ----------

/** The roles filled by a referral, in the order the Center usually fills them. */
export const referableRoles = [
  'primary_doctor',
  'secondary_doctor',
  'visiting_nurse',
  'care_manager',
  'home_visit_specialist',
  'visiting_rehab',
  'home_pharmacy',
  'home_dental',
] as const satisfies readonly TeamRole[];

export type OpenCase = {
  id: string;
  patientName: string;
  hospitalName: string;
  areaCode: string | null;
  areaName: string | null;
  plannedDischargeDate: string;
  groups: PatientGroup[];
  procedures: Procedure[];
  pendingReferrals: number;
  isLocated: boolean;
  hasReferralConsent: boolean;
};

export type ProposalMetrics = { maxLoad: number; gini: number; totalDistanceKm: number; assignedCount: number };

export type ProposalCase = {
  id: string;
  patientName: string | null;
  areaName: string | null;
  plannedDischargeDate: string | null;
};

export type ProposalAssignment = {
  caseId: string;
  organizationId: string;
  organizationName: string;
  distanceKm: number;
  case: ProposalCase;
  currentLoad: number;
  declaredCapacity: number | null;
  isPairDefault: boolean;
};

export type Proposal = {
  id: string;
  role: TeamRole;
  status: 'draft' | 'sent';
  source: 'center' | 'waitlist';
  trigger: { organizationId: string; organizationName: string } | null;
  caseIds: string[];
  assignments: ProposalAssignment[];
  unassigned: {
    caseId: string;
    reason: string;
    reasonCode?: string;
    reasonParams?: Record<string, unknown>;
    case: ProposalCase;
  }[];
  metrics: ProposalMetrics & { maxServable: number; bottleneck: number | null };
  baseline: {
    name: 'greedy_nearest';
    metrics: ProposalMetrics;
    assignments: { caseId: string; organizationId: string; organizationName: string; distanceKm: number }[];
  };
  difference: { maxLoad: number; gini: number; totalDistanceKm: number };
  referrals: { caseId: string; organizationId: string; referralId: string }[];
  createdAt: string;
  sentAt: string | null;
  version: number;
};

export type ProposalSummary = Pick<
  Proposal,
  'id' | 'role' | 'status' | 'source' | 'trigger' | 'createdAt' | 'sentAt'
> & { caseCount: number; assignedCount: number };

export type PairOrganization = {
  id: string;
  name: string;
  /** Public number. */
  phone: string | null;
  /** Number for professionals (absent from older servers). */
  professionalPhone?: string | null;
  address?: string;
};

export type DoctorPair = {
  id: string;
  areaCode: string;
  areaName: string;
  primary: PairOrganization;
  secondary: PairOrganization;
  distanceKm: number | null;
  status: 'active' | 'ended';
  source: string;
  createdAt: string;
  endedAt: string | null;
};

export type SuggestedClinic = {
  id: string;
  name: string;
  address: string;
  currentLoad: number;
  declaredCapacity: number | null;
};

export type UnpairedReason =
  'no_other_clinic' | 'none_within_distance' | 'no_shared_group' | 'partners_at_limit' | 'limit_zero';

export type PairSuggestions = {
  areaCode: string;
  maxDistanceKm: number;
  maxPairsPerClinic: number;
  wantingCount: number;
  activePairCount: number;
  pairs: {
    primary: SuggestedClinic;
    secondary: SuggestedClinic;
    distanceKm: number;
    isSecondPartner: boolean;
    /** The patient groups both clinics take (at least one; absent from older servers). */
    sharedGroups?: PatientGroup[];
    /** The reason in Japanese (shared groups and distance). */
    reason?: string;
  }[];
  unpaired: {
    organization: SuggestedClinic;
    /** The code of `message` (i18n/server-text.ts says it in English from it and `params`). */
    reason: UnpairedReason;
    message: string;
    params?: { maxDistanceKm: number; maxPairsPerClinic: number; nearestKm: number | null } | undefined;
    nearestKm: number | null;
  }[];
  rule: string;
  ruleCode?: string | undefined;
};

export type Concentration = {
  areaCode: string;
  areaName: string;
  /** `city_whole` when the server composed the name (「岡山市全体」), with the city's name in the params; null for a ward. */
  areaNameCode?: string | null | undefined;
  areaNameParams?: { name: string } | null | undefined;
  patients: number | null;
  organizations: number | null;
  top1Share: number | null;
  top3Share: number | null;
  hhi: number | null;
  isSuppressed: boolean;
};

export type Reliance = {
  role: TeamRole;
  areaCode: string | null;
  asOf: string;
  suppressBelow: number;
  suppressionNote: string;
  hhiNote: string;
  areas: Concentration[];
  overCapacity: {
    organizationId: string;
    name: string;
    kind: string;
    areaCode: string | null;
    areaName: string | null;
    declaredCapacity: number;
    /** Home patients: an organisation is listed only from the threshold (10) up. */
    load: number;
    utilisation: number;
  }[];
  trend: { month: string; areas: Concentration[] }[];
};

// ---------- calls ----------

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
const idempotent = (key: string) => ({ 'Idempotency-Key': key });
const path = (id: string) => encodeURIComponent(id);

export const matchingApi = {
  openCases: (query: { role: TeamRole; from?: string | undefined; to?: string | undefined }) =>
    request<{ role: TeamRole; items: OpenCase[] }>('GET', 'matching/open-cases', { query }),
  proposals: (query: { status?: 'draft' | 'sent' | undefined; cursor?: string | undefined; limit: number }) =>
    request<Page<ProposalSummary>>('GET', 'matching/proposals', { query }),
  proposal: (id: string) => request<Proposal>('GET', `matching/proposals/${path(id)}`),
  propose: (body: { role: TeamRole; caseIds: string[] }, key: string) =>
    request<Proposal>('POST', 'matching/proposals', { body, headers: idempotent(key) }),
  adjust: (id: string, version: number, changes: { caseId: string; organizationId: string | null }[]) =>
    request<Proposal>('PATCH', `matching/proposals/${path(id)}`, { body: { changes }, headers: ifMatch(version) }),
  send: (id: string, version: number, body: { respondWithinBusinessDays: number; message: string }, key: string) =>
    request<Proposal>('POST', `matching/proposals/${path(id)}/send`, {
      body,
      headers: { ...idempotent(key), ...ifMatch(version) },
    }),

  pairs: (query: {
    areaCode?: string | undefined;
    organizationId?: string | undefined;
    status: 'active' | 'ended';
    cursor?: string | undefined;
  }) => request<Page<DoctorPair>>('GET', 'doctor-pairs', { query: { ...query, limit: wholePageLimit } }),
  suggestions: (query: {
    areaCode: string;
    maxDistanceKm?: number | undefined;
    maxPairsPerClinic?: number | undefined;
  }) => request<PairSuggestions>('GET', 'doctor-pairs/suggestions', { query }),
  savePairs: (
    pairs: { areaCode: string; primaryOrganizationId: string; secondaryOrganizationId: string }[],
    key: string,
  ) => request<{ items: DoctorPair[] }>('POST', 'doctor-pairs/bulk', { body: { pairs }, headers: idempotent(key) }),
  endPair: (id: string) => request<DoctorPair>('POST', `doctor-pairs/${path(id)}/end`),

  reliance: (query: { role: TeamRole; areaCode?: string | undefined }) =>
    request<Reliance>('GET', 'analytics/reliance', { query }),
};

export const matchingKeys = {
  all: ['matching'] as const,
  openCases: (role: TeamRole, from: string, to: string) => ['matching', 'open-cases', role, from, to] as const,
  proposals: ['matching', 'proposals'] as const,
  proposal: (id: string) => ['matching', 'proposal', id] as const,
  pairs: (areaCode: string, status: 'active' | 'ended') => ['doctor-pairs', areaCode, status] as const,
  ownPairs: (organizationId: string, status: 'active' | 'ended') =>
    ['doctor-pairs', 'organization', organizationId, status] as const,
  suggestions: (areaCode: string, maxDistanceKm: number | undefined, maxPairsPerClinic: number | undefined) =>
    ['doctor-pairs', 'suggestions', areaCode, maxDistanceKm ?? null, maxPairsPerClinic ?? null] as const,
  reliance: (role: TeamRole) => ['reliance', role] as const,
};

// ---------- hooks: batch assignment ----------

export function useOpenCases(role: TeamRole, from: string, to: string) {
  return useQuery({
    queryKey: matchingKeys.openCases(role, from, to),
    queryFn: () => matchingApi.openCases({ role, from, to }),
    placeholderData: keepPreviousData,
  });
}

/** The Center's proposals, newest first: the ten latest, then ten more at a time (「さらに表示」). */
export function useProposals() {
  return useInfiniteQuery({
    queryKey: matchingKeys.proposals,
    queryFn: ({ pageParam }) => matchingApi.proposals({ cursor: pageParam, limit: 10 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useProposal(id: string | null) {
  return useQuery({
    queryKey: matchingKeys.proposal(id ?? ''),
    queryFn: () => matchingApi.proposal(id ?? ''),
    enabled: id !== null,
  });
}

export function usePropose() {
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  return useMutation({
    mutationFn: (body: { role: TeamRole; caseIds: string[] }) => matchingApi.propose(body, idempotency.keyFor(body)),
    onSuccess: (proposal) => {
      idempotency.reset();
      client.setQueryData(matchingKeys.proposal(proposal.id), proposal);
      void client.invalidateQueries({ queryKey: matchingKeys.proposals });
    },
  });
}

export function useAdjustProposal(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; changes: { caseId: string; organizationId: string | null }[] }) =>
      matchingApi.adjust(id, input.version, input.changes),
    onSuccess: (proposal) => client.setQueryData(matchingKeys.proposal(id), proposal),
    onError: () => client.invalidateQueries({ queryKey: matchingKeys.proposal(id) }),
  });
}

export function useSendProposal(id: string) {
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  return useMutation({
    mutationFn: ({ version, ...body }: { respondWithinBusinessDays: number; message: string; version: number }) =>
      matchingApi.send(id, version, body, idempotency.keyFor({ id, version, ...body })),
    onSuccess: (proposal) => {
      idempotency.reset();
      client.setQueryData(matchingKeys.proposal(id), proposal);
      void client.invalidateQueries({ queryKey: matchingKeys.all });
    },
  });
}

// ---------- hooks: doctor pairs ----------

/** The pairs an organisation is part of (a clinic reads only its own: the server narrows GET /doctor-pairs so). */
export function useOwnPairs(organizationId: string | null, status: 'active' | 'ended') {
  return useQuery({
    queryKey: matchingKeys.ownPairs(organizationId ?? '', status),
    queryFn: async () => ({
      items: (
        await allPages((cursor) => matchingApi.pairs({ organizationId: organizationId ?? '', status, cursor }))
      ).flatMap((page) => page.items),
    }),
    enabled: organizationId !== null,
  });
}

/** One area's pairs, whole: the page counts them and an area holds far fewer than a page of 500. */
export function useDoctorPairs(areaCode: string, status: 'active' | 'ended') {
  return useQuery({
    queryKey: matchingKeys.pairs(areaCode, status),
    queryFn: async () => ({
      items: (await allPages((cursor) => matchingApi.pairs({ areaCode, status, cursor }))).flatMap(
        (page) => page.items,
      ),
    }),
    enabled: areaCode !== '',
  });
}

export function usePairSuggestions(areaCode: string, maxDistanceKm?: number, maxPairsPerClinic?: number) {
  return useQuery({
    queryKey: matchingKeys.suggestions(areaCode, maxDistanceKm, maxPairsPerClinic),
    queryFn: () => matchingApi.suggestions({ areaCode, maxDistanceKm, maxPairsPerClinic }),
    enabled: areaCode !== '',
    placeholderData: keepPreviousData,
  });
}

export function useSavePairs() {
  const client = useQueryClient();
  const idempotency = useIdempotencyKey();
  return useMutation({
    mutationFn: (pairs: { areaCode: string; primaryOrganizationId: string; secondaryOrganizationId: string }[]) =>
      matchingApi.savePairs(pairs, idempotency.keyFor(pairs)),
    onSuccess: () => {
      idempotency.reset();
      void client.invalidateQueries({ queryKey: ['doctor-pairs'] });
    },
  });
}

export function useEndPair() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => matchingApi.endPair(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['doctor-pairs'] }),
  });
}

// ---------- hooks: reliance ----------

export function useReliance(role: TeamRole) {
  return useQuery({
    queryKey: matchingKeys.reliance(role),
    queryFn: () => matchingApi.reliance({ role }),
    placeholderData: keepPreviousData,
  });
}
