/**
 * The discharge-coordination API (cases, team, candidates, referrals, the Center's consultations, welfare links,
 * the team's message thread, discharge conferences) as typed calls and TanStack Query hooks. Components read and
 * change this data only through these hooks.
 */
import { useEffect, useRef } from 'react';
import {
  hashKey,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { allPages, newIdempotencyKey, request, wholePageLimit, type ApiError } from './client';
import { directoryKeys } from './directory';
import { subscribeCaseUpdated } from './live';
import type { Page } from './types';
import { teamRoles } from './case-codes';
import type {
  ConsultationStatus,
  ReferralStatus,
  TeamRole,
  WelfareLinkStatus,
  WelfareOrganizationKind,
} from './case-codes';
import { roleRequirements } from '../../../src/domain/cases/team-roles';
import type { OrganizationKind } from '../codes';
import type {
  CandidateList,
  CaseEvent,
  CaseListQuery,
  CaseMessage,
  CaseMessageList,
  CaseView,
  Conference,
  Consultation,
  ConsultationDetail,
  ConsultationQuery,
  CreateCaseRequest,
  FullCase,
  GeocodePlace,
  Referral,
  ReferralBox,
  RouteRequest,
  ScheduleConferenceRequest,
  SendReferralsRequest,
  Team,
  UpdateCaseRequest,
  UpdateConferenceRequest,
  WardBoundaryCollection,
  WelfareLink,
  CaseCreatedWarning,
} from './case-types';

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
const idempotent = (key: string) => ({ 'Idempotency-Key': key });
const path = (id: string) => encodeURIComponent(id);

/** A query string where a list repeats its name (`status=open&status=in_progress`). */
function repeatQuery(values: Record<string, string | readonly string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '') continue;
    for (const item of typeof value === 'string' ? [value] : value) params.append(key, item);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const casesApi = {
  list: (query: CaseListQuery & { cursor?: string | undefined; limit?: number }) =>
    request<Page<CaseView>>('GET', 'cases', { query }),
  get: (id: string) => request<CaseView>('GET', `cases/${path(id)}`),
  create: (body: CreateCaseRequest, key: string) =>
    request<FullCase & { warnings?: CaseCreatedWarning[] }>('POST', 'cases', { body, headers: idempotent(key) }),
  update: (id: string, version: number, body: UpdateCaseRequest) =>
    request<CaseView>('PATCH', `cases/${path(id)}`, { body, headers: ifMatch(version) }),
  route: (id: string, version: number, body: RouteRequest) =>
    request<CaseView>('POST', `cases/${path(id)}/route`, { body, headers: ifMatch(version) }),
  transfer: (id: string, version: number, body: { hospitalOrganizationId: string; note?: string }) =>
    request<CaseView>('POST', `cases/${path(id)}/transfer`, { body, headers: ifMatch(version) }),
  discharge: (id: string, version: number, body: { dischargedOn: string }) =>
    request<CaseView>('POST', `cases/${path(id)}/discharge`, { body, headers: ifMatch(version) }),
  outcome: (id: string, version: number, body: { outcome: string; on: string; note?: string }) =>
    request<CaseView>('PUT', `cases/${path(id)}/outcome`, { body, headers: ifMatch(version) }),
  cancel: (id: string, version: number, body: { reason: string }) =>
    request<CaseView>('POST', `cases/${path(id)}/cancel`, { body, headers: ifMatch(version) }),
  timeline: (id: string) => request<{ items: CaseEvent[] }>('GET', `cases/${path(id)}/timeline`),
  team: (id: string) => request<Team>('GET', `cases/${path(id)}/team`),
  candidates: (id: string, role: TeamRole, limit: number) =>
    request<CandidateList>('GET', `cases/${path(id)}/candidates`, { query: { role, limit } }),

  sendReferrals: (caseId: string, body: SendReferralsRequest, key: string) =>
    request<{ batchId: string; items: Referral[] }>('POST', `cases/${path(caseId)}/referrals`, {
      body,
      headers: idempotent(key),
    }),
  referrals: (
    box: ReferralBox,
    statuses: readonly ReferralStatus[],
    page: { caseId?: string; cursor?: string | undefined; limit: number },
  ) =>
    request<Page<Referral>>(
      'GET',
      `referrals${repeatQuery({ box, status: statuses, caseId: page.caseId, cursor: page.cursor, limit: String(page.limit) })}`,
    ),
  referral: (id: string) => request<Referral>('GET', `referrals/${path(id)}`),
  accept: (id: string) => request<Referral>('POST', `referrals/${path(id)}/accept`),
  decline: (id: string, body: { reasonCode: string; reason: string }) =>
    request<Referral>('POST', `referrals/${path(id)}/decline`, { body }),
  withdraw: (id: string) => request<Referral>('POST', `referrals/${path(id)}/withdraw`),
  postQuestion: (id: string, text: string, key: string) =>
    request<Referral>('POST', `referrals/${path(id)}/questions`, { body: { text }, headers: idempotent(key) }),

  centerConsultations: (query: ConsultationQuery, page: { cursor?: string | undefined; limit: number }) =>
    request<Page<Consultation>>(
      'GET',
      `center/consultations${repeatQuery({
        status: query.status,
        kind: query.kind,
        sort: query.sort,
        assigned: query.assigned,
        cursor: page.cursor,
        limit: String(page.limit),
      })}`,
    ),
  ownConsultations: (cursor: string | undefined) =>
    request<Page<Consultation>>('GET', 'consultations', { query: { cursor, limit: wholePageLimit } }),
  /** One case's consultations (its current one and any closed before it), for the hospital and the Center alike. */
  caseConsultations: (caseId: string) =>
    request<Page<Consultation>>('GET', 'consultations', { query: { caseId, limit: wholePageLimit } }),
  consultation: (id: string) => request<ConsultationDetail>('GET', `consultations/${path(id)}`),
  createConsultation: (body: { subject: string; body: string }, key: string) =>
    request<Consultation>('POST', 'consultations', { body, headers: idempotent(key) }),
  postConsultationMessage: (id: string, body: string, key: string) =>
    request<ConsultationDetail>('POST', `consultations/${path(id)}/messages`, {
      body: { body },
      headers: idempotent(key),
    }),
  centerCoordinators: () => request<{ items: { id: string; name: string }[] }>('GET', 'center/coordinators'),
  assignConsultation: (id: string, userId: string | null, version: number) =>
    request<Consultation>('POST', `consultations/${path(id)}/assign`, { body: { userId }, headers: ifMatch(version) }),
  closeConsultation: (id: string, event: 'close' | 'reopen', version: number) =>
    request<Consultation>('POST', `consultations/${path(id)}/${event}`, { headers: ifMatch(version) }),

  welfareLinks: (caseId: string, cursor: string | undefined) =>
    request<Page<WelfareLink>>('GET', `cases/${path(caseId)}/welfare-links`, {
      query: { cursor, limit: wholePageLimit },
    }),
  requestWelfareLink: (caseId: string, body: { organizationId: string; reason: string }, key: string) =>
    request<WelfareLink>('POST', `cases/${path(caseId)}/welfare-links`, { body, headers: idempotent(key) }),
  welfareInbox: (page: { status?: readonly WelfareLinkStatus[]; cursor?: string | undefined; limit: number }) =>
    request<Page<WelfareLink>>(
      'GET',
      `welfare-links${repeatQuery({ box: 'inbox', status: page.status, cursor: page.cursor, limit: String(page.limit) })}`,
    ),
  acknowledgeWelfareLink: (id: string, response: string) =>
    request<WelfareLink>('POST', `welfare-links/${path(id)}/acknowledge`, { body: { response } }),
  closeWelfareLink: (id: string, note: string) =>
    request<WelfareLink>('POST', `welfare-links/${path(id)}/close`, { body: note ? { note } : {} }),

  messages: (caseId: string, cursor: string | undefined) =>
    request<CaseMessageList>('GET', `cases/${path(caseId)}/messages`, { query: { cursor, limit: wholePageLimit } }),
  postMessage: (caseId: string, body: string, key: string) =>
    request<CaseMessage>('POST', `cases/${path(caseId)}/messages`, { body: { body }, headers: idempotent(key) }),

  conferences: (caseId: string, cursor: string | undefined) =>
    request<Page<Conference>>('GET', `cases/${path(caseId)}/conferences`, { query: { cursor, limit: wholePageLimit } }),
  scheduleConference: (caseId: string, body: ScheduleConferenceRequest, key: string) =>
    request<Conference>('POST', `cases/${path(caseId)}/conferences`, { body, headers: idempotent(key) }),
  updateConference: (id: string, version: number, body: UpdateConferenceRequest) =>
    request<Conference>('PATCH', `conferences/${path(id)}`, { body, headers: ifMatch(version) }),
  cancelConference: (id: string, version: number, reason: string) =>
    request<Conference>('POST', `conferences/${path(id)}/cancel`, {
      body: reason ? { reason } : {},
      headers: ifMatch(version),
    }),
  recordMinutes: (id: string, version: number, minutes: string) =>
    request<Conference>('PUT', `conferences/${path(id)}/minutes`, { body: { minutes }, headers: ifMatch(version) }),

  geocode: (q: string) => request<GeocodePlace>('GET', 'public/geocode', { query: { q } }),
  boundaries: () => request<WardBoundaryCollection>('GET', 'public/areas/boundaries'),
  organizationsOfKind: (kind: WelfareOrganizationKind | 'hospital' | 'coordination_center', areaCode?: string) =>
    request<Page<{ id: string; name: string; kind: string; address: string; areaName: string | null }>>(
      'GET',
      'organizations',
      { query: { kind, areaCode, limit: 200 } },
    ),
  /** One organisation of the kind, if any is registered. */
  anyOrganizationOfKind: (kind: OrganizationKind) =>
    request<Page<{ id: string }>>('GET', 'organizations', { query: { kind, limit: 1 } }),
};

export const caseKeys = {
  all: ['cases'] as const,
  list: (query: CaseListQuery) => ['cases', 'list', query] as const,
  /** Everything about one case: invalidated together after a change. */
  scope: (id: string) => ['case', id] as const,
  record: (id: string) => ['case', id, 'record'] as const,
  timeline: (id: string) => ['case', id, 'timeline'] as const,
  team: (id: string) => ['case', id, 'team'] as const,
  candidates: (id: string, role: TeamRole, limit: number) => ['case', id, 'candidates', role, limit] as const,
  welfare: (id: string) => ['case', id, 'welfare-links'] as const,
  messages: (id: string) => ['case', id, 'messages'] as const,
  conferences: (id: string) => ['case', id, 'conferences'] as const,
  caseReferrals: (id: string, box: ReferralBox) => ['case', id, 'referrals', box] as const,
  referrals: ['referrals'] as const,
  referralBox: (box: ReferralBox, statuses: readonly ReferralStatus[]) => ['referrals', box, statuses] as const,
  referral: (id: string) => ['referrals', 'one', id] as const,
  consultations: ['consultations'] as const,
  centerInbox: (query: ConsultationQuery) => ['consultations', 'center', query] as const,
  ownConsultations: ['consultations', 'own'] as const,
  consultation: (id: string) => ['consultations', 'one', id] as const,
  caseConsultations: (caseId: string) => ['consultations', 'case', caseId] as const,
  welfareInbox: ['welfare-links', 'inbox'] as const,
  openWelfareLinks: ['welfare-links', 'inbox', 'open'] as const,
  geocode: (q: string) => ['geocode', q] as const,
  boundaries: ['ward-boundaries'] as const,
  organizationsOfKind: (kind: string, areaCode: string | undefined) =>
    ['organizations', 'kind', kind, areaCode] as const,
  anyOrganizationOfKind: (kind: string) => ['organizations', 'any-of-kind', kind] as const,
};

/** After a change to a case: its record, team, timeline… and the lists that show it. */
function refreshCase(client: QueryClient, caseId: string) {
  void client.invalidateQueries({ queryKey: caseKeys.scope(caseId) });
  void client.invalidateQueries({ queryKey: caseKeys.all });
  void client.invalidateQueries({ queryKey: caseKeys.referrals });
  void client.invalidateQueries({ queryKey: caseKeys.consultations });
}

/**
 * Live updates of the discharge pages. The signed-in shell listens to GET /api/v1/events once (NotificationCenter);
 * each notification raises the unread count in the query cache. When it rises — a referral arrived, was accepted,
 * declined or questioned, a consultation or invitation came in — what these pages show is fetched again, so the
 * change appears without reloading (only the queries on screen are refetched).
 */
export function useRefreshOnNotification() {
  const client = useQueryClient();
  useEffect(() => {
    const unreadHash = hashKey(directoryKeys.unreadCount);
    let last = client.getQueryData<number>(directoryKeys.unreadCount);
    return client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.query.queryHash !== unreadHash) return;
      const count = event.query.state.data as number | undefined;
      if (typeof count === 'number' && typeof last === 'number' && count > last) {
        void client.invalidateQueries({ queryKey: ['case'] });
        void client.invalidateQueries({ queryKey: caseKeys.all });
        void client.invalidateQueries({ queryKey: caseKeys.referrals });
        void client.invalidateQueries({ queryKey: caseKeys.consultations });
        void client.invalidateQueries({ queryKey: caseKeys.welfareInbox });
      }
      last = count;
    });
  }, [client]);
}

/**
 * The slow poll of the case page's changing parts (thread, team): a safety net for when the live stream is down or
 * an event was missed. Changes normally arrive within a second through useLiveCase.
 */
export const caseFallbackPollMs = 60_000;

/** What to fetch again when a live case event says what changed (the timeline records every change). */
function changedParts(caseId: string, what: string): QueryKey[] {
  switch (what) {
    case 'messages':
      return [caseKeys.messages(caseId), caseKeys.timeline(caseId)];
    case 'conferences':
      return [caseKeys.conferences(caseId), caseKeys.timeline(caseId)];
    case 'team':
      return [
        caseKeys.record(caseId),
        caseKeys.team(caseId),
        [...caseKeys.scope(caseId), 'referrals'],
        caseKeys.timeline(caseId),
      ];
    case 'timeline':
      return [caseKeys.timeline(caseId)];
    default:
      return [caseKeys.scope(caseId)];
  }
}

/**
 * Live updates of one open case: a `case_updated` event of the stream (another person posted on the thread,
 * changed a conference…) fetches that part of the case again at once — only the queries on screen are refetched;
 * after the stream came back from a drop, the whole case is fetched again.
 * Notifications about the case (a referral accepted, a team change) refresh it through useRefreshOnNotification.
 */
export function useLiveCase(caseId: string) {
  const client = useQueryClient();
  useEffect(() => {
    if (!caseId) return;
    return subscribeCaseUpdated((event) => {
      if (event.type === 'resumed') {
        void client.invalidateQueries({ queryKey: caseKeys.scope(caseId) });
        return;
      }
      if (event.caseId !== caseId) return;
      for (const queryKey of changedParts(caseId, event.what)) void client.invalidateQueries({ queryKey });
    });
  }, [client, caseId]);
}

/**
 * One Idempotency-Key per attempt: the same body sent again (a retry after a lost answer) reuses the key, so the
 * server creates nothing twice; a changed body gets a fresh key. Call `reset()` after success.
 */
export function useIdempotencyKey() {
  const last = useRef<{ key: string; body: string } | null>(null);
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (last.current?.body === text) return last.current.key;
      const key = newIdempotencyKey();
      last.current = { key, body: text };
      return key;
    },
    reset() {
      last.current = null;
    },
  };
}

// ---------- cases ----------

export function useCaseList(query: CaseListQuery) {
  return useQuery({ queryKey: caseKeys.list(query), queryFn: () => casesApi.list({ ...query, limit: 100 }) });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.record(id), queryFn: () => casesApi.get(id), enabled: id !== '' });
}

export function useCaseTimeline(id: string, enabled: boolean) {
  return useQuery({ queryKey: caseKeys.timeline(id), queryFn: () => casesApi.timeline(id), enabled });
}

export function useCaseTeam(id: string, options: { enabled?: boolean; refetchInterval?: number | false } = {}) {
  return useQuery({
    queryKey: caseKeys.team(id),
    queryFn: () => casesApi.team(id),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval ?? false,
  });
}

/** The first `limit` candidates (20, then up to 100 on request); the shorter list stays shown while more load. */
export function useCandidates(id: string, role: TeamRole, enabled: boolean, limit = 20) {
  return useQuery({
    queryKey: caseKeys.candidates(id, role, limit),
    queryFn: () => casesApi.candidates(id, role, limit),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCreateCase() {
  const client = useQueryClient();
  return useMutation<
    FullCase & { warnings?: CaseCreatedWarning[] },
    ApiError,
    { body: CreateCaseRequest; key: string }
  >({
    mutationFn: (input) => casesApi.create(input.body, input.key),
    onSuccess: (created) => {
      client.setQueryData(caseKeys.record(created.id), created);
      void client.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}

type CaseChange<Body> = { version: number; body: Body };

/** A change of the case record with If-Match (PATCH, route, transfer, discharge, outcome, cancel). */
function useCaseChange<Body>(id: string, run: (id: string, version: number, body: Body) => Promise<CaseView>) {
  const client = useQueryClient();
  return useMutation<CaseView, ApiError, CaseChange<Body>>({
    mutationFn: (input) => run(id, input.version, input.body),
    onSuccess: (view) => {
      client.setQueryData(caseKeys.record(id), view);
      refreshCase(client, id);
    },
  });
}

export const useUpdateCase = (id: string) => useCaseChange(id, casesApi.update);
export const useRouteCase = (id: string) => useCaseChange(id, casesApi.route);
export const useTransferCase = (id: string) => useCaseChange(id, casesApi.transfer);
export const useDischargeCase = (id: string) => useCaseChange(id, casesApi.discharge);
export const useRecordOutcome = (id: string) => useCaseChange(id, casesApi.outcome);
export const useCancelCase = (id: string) => useCaseChange(id, casesApi.cancel);

// ---------- referrals ----------

export function useSendReferrals(caseId: string) {
  const client = useQueryClient();
  return useMutation<{ batchId: string; items: Referral[] }, ApiError, { body: SendReferralsRequest; key: string }>({
    mutationFn: (input) => casesApi.sendReferrals(caseId, input.body, input.key),
    onSuccess: () => refreshCase(client, caseId),
    // 409 referral_pending: someone else asked one of them meanwhile; the team shows it as 回答待ち again.
    onError: (error) => {
      if (error.specificCode === 'referral_pending') refreshCase(client, caseId);
    },
  });
}

/** A box of referrals, newest first, 50 at a time (「さらに表示」 loads the next page). */
export function useReferralBox(box: ReferralBox, statuses: readonly ReferralStatus[]) {
  return useInfiniteQuery({
    queryKey: caseKeys.referralBox(box, statuses),
    queryFn: ({ pageParam }) => casesApi.referrals(box, statuses, { cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The caller's referrals of one case (a receiver finds its own referral from the case page). */
export function useCaseReferrals(caseId: string, box: ReferralBox, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.caseReferrals(caseId, box),
    // One case's referrals are few (a handful per role): one page of the largest size holds them.
    queryFn: () => casesApi.referrals(box, [], { caseId, limit: 500 }),
    enabled,
  });
}

export function useReferral(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: caseKeys.referral(id),
    queryFn: () => casesApi.referral(id),
    enabled: (options.enabled ?? true) && id !== '',
  });
}

function useReferralChange<Input>(run: (input: Input) => Promise<Referral>) {
  const client = useQueryClient();
  return useMutation<Referral, ApiError, Input>({
    mutationFn: run,
    onSuccess: (referral) => {
      client.setQueryData(caseKeys.referral(referral.id), (old: Referral | undefined) => ({
        ...referral,
        messages: referral.messages ?? old?.messages,
      }));
      refreshCase(client, referral.caseId);
    },
  });
}

export const useAcceptReferral = () => useReferralChange((id: string) => casesApi.accept(id));
export const useDeclineReferral = () =>
  useReferralChange((input: { id: string; reasonCode: string; reason: string }) =>
    casesApi.decline(input.id, { reasonCode: input.reasonCode, reason: input.reason }),
  );
export const useWithdrawReferral = () => useReferralChange((id: string) => casesApi.withdraw(id));
export const usePostReferralQuestion = () =>
  useReferralChange((input: { id: string; text: string; key: string }) =>
    casesApi.postQuestion(input.id, input.text, input.key),
  );

// ---------- the Center and the consultation desk ----------

/** The Center's inbox in the chosen order, 50 at a time (「さらに表示」 loads the next page). */
export function useCenterInbox(query: ConsultationQuery) {
  return useInfiniteQuery({
    queryKey: caseKeys.centerInbox(query),
    queryFn: ({ pageParam }) => casesApi.centerConsultations(query, { cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/**
 * What the caller's organisation asked, whole: the desk shows the newest on top, and the API
 * gives them oldest first, so only the whole list puts the question just asked at the top.
 */
export function useOwnConsultations() {
  return useQuery({
    queryKey: caseKeys.ownConsultations,
    queryFn: async () => ({
      items: (await allPages(casesApi.ownConsultations)).flatMap((page) => page.items),
    }),
  });
}

/**
 * A case's consultations with the Center, oldest first (a case has a handful at most: one page holds them); the case
 * page links to the thread of the last one. Empty for whoever is neither the case's hospital nor the Center.
 */
export function useCaseConsultations(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.caseConsultations(caseId),
    queryFn: () => casesApi.caseConsultations(caseId),
    enabled,
  });
}

export function useConsultation(id: string) {
  return useQuery({
    queryKey: caseKeys.consultation(id),
    queryFn: () => casesApi.consultation(id),
    enabled: id !== '',
  });
}

export function useCreateConsultation() {
  const client = useQueryClient();
  return useMutation<Consultation, ApiError, { body: { subject: string; body: string }; key: string }>({
    mutationFn: (input) => casesApi.createConsultation(input.body, input.key),
    onSuccess: () => void client.invalidateQueries({ queryKey: caseKeys.consultations }),
  });
}

export function usePostConsultationMessage(id: string) {
  const client = useQueryClient();
  return useMutation<ConsultationDetail, ApiError, { body: string; key: string }>({
    mutationFn: (input) => casesApi.postConsultationMessage(id, input.body, input.key),
    onSuccess: (detail) => {
      client.setQueryData(caseKeys.consultation(id), detail);
      void client.invalidateQueries({ queryKey: caseKeys.consultations });
    },
  });
}

export function useAssignConsultation() {
  const client = useQueryClient();
  return useMutation<Consultation, ApiError, { id: string; userId: string | null; version: number }>({
    mutationFn: (input) => casesApi.assignConsultation(input.id, input.userId, input.version),
    onSuccess: () => void client.invalidateQueries({ queryKey: caseKeys.consultations }),
  });
}

/** The Center's coordinators, to assign a consultation to (Center users only). */
export function useCenterCoordinators(enabled: boolean) {
  return useQuery({
    queryKey: [...caseKeys.consultations, 'coordinators'],
    queryFn: () => casesApi.centerCoordinators(),
    enabled,
    staleTime: 60_000,
  });
}

export function useCloseConsultation() {
  const client = useQueryClient();
  return useMutation<Consultation, ApiError, { id: string; event: 'close' | 'reopen'; version: number }>({
    mutationFn: (input) => casesApi.closeConsultation(input.id, input.event, input.version),
    // After a 412 too: the page shows what the other person did, and the next click sends the new version.
    onSettled: () => void client.invalidateQueries({ queryKey: caseKeys.consultations }),
  });
}

export const consultationStatusFilters: Record<'active' | 'all', readonly ConsultationStatus[] | undefined> = {
  active: ['open', 'in_progress', 'answered'],
  all: undefined,
};

// ---------- welfare links ----------

const openWelfareLinkStatuses: readonly WelfareLinkStatus[] = ['requested', 'acknowledged'];

/** A case's welfare links, whole (a handful per case; the case page lists them all). */
export function useCaseWelfareLinks(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.welfare(caseId),
    queryFn: async () => ({
      items: (await allPages((cursor) => casesApi.welfareLinks(caseId, cursor))).flatMap((page) => page.items),
    }),
    enabled,
  });
}

/** The links addressed to the caller's organisation, newest first, 50 at a time. */
export function useWelfareInbox() {
  return useInfiniteQuery({
    queryKey: caseKeys.welfareInbox,
    queryFn: ({ pageParam }) => casesApi.welfareInbox({ cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** The links to the caller's organisation still open, whole: the referral inbox counts them. */
export function useOpenWelfareLinks() {
  return useQuery({
    queryKey: caseKeys.openWelfareLinks,
    queryFn: async () => ({
      items: (
        await allPages((cursor) =>
          casesApi.welfareInbox({ status: openWelfareLinkStatuses, cursor, limit: wholePageLimit }),
        )
      ).flatMap((page) => page.items),
    }),
  });
}

export function useRequestWelfareLink(caseId: string) {
  const client = useQueryClient();
  return useMutation<WelfareLink, ApiError, { body: { organizationId: string; reason: string }; key: string }>({
    mutationFn: (input) => casesApi.requestWelfareLink(caseId, input.body, input.key),
    onSuccess: () => refreshCase(client, caseId),
  });
}

export function useWelfareLinkChange() {
  const client = useQueryClient();
  return useMutation<WelfareLink, ApiError, { id: string; action: 'acknowledge' | 'close'; text: string }>({
    mutationFn: (input) =>
      input.action === 'acknowledge'
        ? casesApi.acknowledgeWelfareLink(input.id, input.text)
        : casesApi.closeWelfareLink(input.id, input.text),
    onSuccess: (link) => {
      void client.invalidateQueries({ queryKey: caseKeys.welfareInbox });
      refreshCase(client, link.caseId);
    },
  });
}

// ---------- the team's message thread ----------

/**
 * The whole thread, oldest first. A care team reads a patient's thread as one record, in order
 * (the latest beside the reply box), and opening it marks every message read — so it shows every
 * message rather than a page of the newest: a thread stays well below a page of 500, and longer
 * ones are followed page by page. Live: a new message arrives through useLiveCase (the case
 * page); a slow poll is the safety net.
 */
export function useCaseMessages(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.messages(caseId),
    queryFn: async (): Promise<CaseMessageList> => {
      const pages = await allPages((cursor) => casesApi.messages(caseId, cursor));
      return {
        items: pages.flatMap((page) => page.items),
        nextCursor: null,
        // Still unread after the reading (the last page's count), and what the reading marked read.
        unreadCount: pages[pages.length - 1]?.unreadCount ?? 0,
        newlyRead: pages.reduce((sum, page) => sum + page.newlyRead, 0),
      };
    },
    enabled,
    refetchInterval: caseFallbackPollMs,
  });
}

export function usePostCaseMessage(caseId: string) {
  const client = useQueryClient();
  return useMutation<CaseMessage, ApiError, { body: string; key: string }>({
    mutationFn: (input) => casesApi.postMessage(caseId, input.body, input.key),
    onSuccess: () => void client.invalidateQueries({ queryKey: caseKeys.messages(caseId) }),
  });
}

// ---------- discharge conferences ----------

/** A case's conferences, whole (a few per case; the case page and its summary list them all). */
export function useCaseConferences(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.conferences(caseId),
    queryFn: async () => ({
      items: (await allPages((cursor) => casesApi.conferences(caseId, cursor))).flatMap((page) => page.items),
    }),
    enabled,
  });
}

/** The answer of a conference change, shown at once in the case's list (before the list is fetched again). */
function showConference(client: QueryClient, caseId: string, conference: Conference) {
  client.setQueryData<{ items: Conference[] }>(caseKeys.conferences(caseId), (list) => {
    if (!list) return list;
    const isKnown = list.items.some((item) => item.id === conference.id);
    return {
      ...list,
      items: isKnown
        ? list.items.map((item) => (item.id === conference.id ? conference : item))
        : [...list.items, conference],
    };
  });
}

export function useScheduleConference(caseId: string) {
  const client = useQueryClient();
  return useMutation<Conference, ApiError, { body: ScheduleConferenceRequest; key: string }>({
    mutationFn: (input) => casesApi.scheduleConference(caseId, input.body, input.key),
    onSuccess: (conference) => {
      showConference(client, caseId, conference);
      refreshCase(client, caseId);
    },
  });
}

export type ConferenceChange =
  | { action: 'update'; id: string; version: number; body: UpdateConferenceRequest }
  | { action: 'cancel'; id: string; version: number; reason: string }
  | { action: 'minutes'; id: string; version: number; minutes: string };

export function useConferenceChange(caseId: string) {
  const client = useQueryClient();
  return useMutation<Conference, ApiError, ConferenceChange>({
    mutationFn: (input) => {
      switch (input.action) {
        case 'update':
          return casesApi.updateConference(input.id, input.version, input.body);
        case 'cancel':
          return casesApi.cancelConference(input.id, input.version, input.reason);
        case 'minutes':
          return casesApi.recordMinutes(input.id, input.version, input.minutes);
      }
    },
    onSuccess: (conference) => {
      showConference(client, caseId, conference);
      refreshCase(client, caseId);
    },
  });
}

// ---------- places and organisations for the forms ----------

export function useWardBoundaryShapes() {
  return useQuery({ queryKey: caseKeys.boundaries, queryFn: casesApi.boundaries, staleTime: Infinity });
}

export function useOrganizationsOfKind(
  kind: WelfareOrganizationKind | 'hospital' | 'coordination_center' | '',
  areaCode: string | undefined,
  enabled = true,
) {
  return useQuery({
    queryKey: caseKeys.organizationsOfKind(kind, areaCode),
    queryFn: () => casesApi.organizationsOfKind(kind === '' ? 'hospital' : kind, areaCode),
    enabled: enabled && kind !== '',
    staleTime: 5 * 60_000,
  });
}

/**
 * The team roles no organisation in the directory can fill yet: every kind that could fill them has none registered
 * (the reference data hold no dental clinic or pharmacy, for one). Unknown while a count is loading.
 */
export function useRolesWithoutOrganizations(): ReadonlySet<TeamRole> {
  const kinds = [...new Set(teamRoles.flatMap((role) => roleRequirements[role].kinds))];
  const counts = useQueries({
    queries: kinds.map((kind) => ({
      queryKey: caseKeys.anyOrganizationOfKind(kind),
      queryFn: () => casesApi.anyOrganizationOfKind(kind),
      staleTime: 5 * 60_000,
    })),
  });
  const isRegistered = new Map(kinds.map((kind, index) => [kind, counts[index]?.data?.items.length]));
  return new Set(
    teamRoles.filter((role) => roleRequirements[role].kinds.every((kind) => isRegistered.get(kind) === 0)),
  );
}

export function useGeocode() {
  return useMutation<GeocodePlace, ApiError, string>({ mutationFn: casesApi.geocode });
}
