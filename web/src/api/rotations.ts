/**
 * Rotations (輪番) on the web side: types mirroring src/features/rotations/rotation.schema.ts and
 * rotation.presenter.ts (groups, member declarations, rosters with their fairness report, duties, swaps), the calls
 * over the one typed client and the TanStack Query hooks the pages use.
 */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, type ApiError } from './client';
import type { Page } from './types';
import { useIdempotencyKey } from './cases';

// ---------- types ----------

export const shiftKinds = ['weeknight', 'holiday_day', 'holiday_night'] as const;
export type ShiftKind = (typeof shiftKinds)[number];

/** Within one date: the day shift before the night shifts (mirrors shiftOrder of src/domain/roster). */
export const shiftOrder: Record<ShiftKind, number> = { holiday_day: 0, weeknight: 1, holiday_night: 2 };

export type RosterSettings = {
  minDaysBetweenDuties: number;
  maxDutiesPerMonth: number;
  shiftWeights: Record<ShiftKind, number>;
  includeNationalHolidays: boolean;
  yearEnd: { isEnabled: boolean; fromMonthDay: string; toMonthDay: string };
  times: { dayStart: string; nightStart: string; workdayMorning: string };
};

export type MemberDeclaration = {
  doctorCount: number;
  unavailableWeekdays: number[];
  unavailableDates: string[];
  unavailableShifts: ShiftKind[];
  preferredWeekdays: number[];
  note: string | null;
};

export type GroupMember = MemberDeclaration & {
  organization: { id: string; name: string; kind: string; phone: string | null; areaCode: string | null };
};

export type RotationGroup = {
  id: string;
  name: string;
  areaCode: string;
  areaName: string | null;
  associationId: string | null;
  settings: RosterSettings;
  members: GroupMember[];
  permissions: { canManage: boolean };
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type RotationGroupSummary = {
  id: string;
  name: string;
  areaCode: string;
  memberCount: number;
  doctorCount: number;
  permissions: { canManage: boolean };
  version: number;
};

export type CreateGroupRequest = {
  name: string;
  areaCode: string;
  memberOrganizationIds: string[];
  settings?: Partial<RosterSettings>;
};

export type UpdateGroupRequest = {
  name?: string;
  memberOrganizationIds?: string[];
  settings?: Partial<RosterSettings>;
};

export const rosterStatuses = ['draft', 'published', 'discarded'] as const;
export type RosterStatus = (typeof rosterStatuses)[number];

export type RosterSummary = {
  id: string;
  groupId: string;
  groupName: string;
  from: string;
  to: string;
  status: RosterStatus;
  shifts: ShiftKind[];
  objective: number | null;
  lowerBound: number | null;
  version: number;
  createdAt: string;
  publishedAt: string | null;
};

export type Duty = {
  id: string;
  date: string;
  shift: ShiftKind;
  shiftLabel: string;
  organizationId: string;
  organizationName: string;
  startsAt: string;
  endsAt: string;
};

type ShiftNumbers = Partial<Record<ShiftKind, number>>;

export type ClinicFairness = {
  organizationId: string;
  organizationName: string | null;
  doctorCount: number;
  share: number;
  counts: ShiftNumbers;
  targets: ShiftNumbers;
  carryOver: ShiftNumbers;
  /** Rosters made before these were reported lack them. */
  shareTargets?: ShiftNumbers;
  /** Requested shifts it cannot take in the period: target 0, its share of the burden moved to the others. */
  cannotTake?: ShiftKind[];
  /** The most duties the spacing rule, the monthly cap and its declarations let it take in the period. */
  capacity?: number | null;
  /** Its share by doctors was above `capacity`: aimed at `capacity`, the rest shared by the other clinics. */
  isCapacityBound?: boolean;
  burden: number;
  targetBurden: number;
};

export type Fairness = {
  objective?: number;
  shifts?: ShiftKind[];
  weights?: ShiftNumbers;
  slotCounts?: ShiftNumbers;
  clinics: ClinicFairness[];
  maxBurdenDeviation?: number;
  definition: string;
  lowerBound: number | null;
  lowerBoundStatus: string | null;
  ratio: number | null;
  gap: number | null;
  flowObjective: number | null;
  isRealised: boolean | null;
  /** Duties adjusted by hand in the draft (the figures are after them). */
  adjustedCount?: number;
};

export type Roster = RosterSummary & {
  areaCode: string;
  timezone: string;
  settings: RosterSettings;
  duties: Duty[];
  fairness: Fairness;
  solver: { method?: string; generateMs?: number; lowerBoundMs?: number | null } | null;
  permissions: { canManage: boolean };
};

/** One day of GET rosters/:id/calendar: its kind under the group's rules, its holiday's name and its duties. */
export type CalendarDay = {
  date: string;
  weekday: number;
  dayKind: 'working_day' | 'saturday' | 'sunday' | 'national_holiday' | 'year_end';
  isDayOff: boolean;
  holidayName: string | null;
  isInMonth: boolean;
  isInPeriod: boolean;
  duties: Duty[];
};

/** A month of a roster as weeks from Sunday (GET rosters/:id/calendar?month=YYYY-MM). */
export type RosterMonth = {
  rosterId: string;
  groupId: string;
  groupName: string;
  status: RosterStatus;
  from: string;
  to: string;
  month: string;
  previousMonth: string | null;
  nextMonth: string | null;
  weeks: CalendarDay[][];
};

export type GenerateRosterRequest = {
  from: string;
  to: string;
  shifts: ShiftKind[];
  unavailability: { organizationId: string; date: string }[];
};

export const swapStatuses = ['requested', 'accepted', 'approved', 'rejected', 'declined', 'withdrawn'] as const;
export type SwapStatus = (typeof swapStatuses)[number];
export const openSwapStatuses: readonly SwapStatus[] = ['requested', 'accepted'];

export type Swap = {
  id: string;
  rosterId: string;
  status: SwapStatus;
  duty: Duty | null;
  counterDuty: Duty | null;
  requestingOrganization: { id: string; name: string } | null;
  /** The clinic asked (while requested / declined) or the one that accepted; null = asked the whole group. */
  otherOrganization: { id: string; name: string } | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type CreateSwapRequest = {
  dutyId: string;
  targetOrganizationId?: string;
  counterDutyId?: string;
  note?: string;
};

export type SwapAction = 'accept' | 'decline' | 'withdraw' | 'approve' | 'reject';

// ---------- calls ----------

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
const idempotent = (key: string) => ({ 'Idempotency-Key': key });
const path = (id: string) => encodeURIComponent(id);

export const rotationsApi = {
  groups: (areaCode?: string) =>
    request<Page<RotationGroupSummary>>('GET', 'rotation-groups', { query: { areaCode, limit: 200 } }),
  group: (id: string) => request<RotationGroup>('GET', `rotation-groups/${path(id)}`),
  createGroup: (body: CreateGroupRequest, key: string) =>
    request<RotationGroup>('POST', 'rotation-groups', { body, headers: idempotent(key) }),
  updateGroup: (id: string, version: number, body: UpdateGroupRequest) =>
    request<RotationGroup>('PATCH', `rotation-groups/${path(id)}`, { body, headers: ifMatch(version) }),
  /** `version` is the group's: a declaration changes the group. */
  declare: (groupId: string, organizationId: string, version: number, body: MemberDeclaration) =>
    request<DeclaredMember>('PUT', `rotation-groups/${path(groupId)}/members/${path(organizationId)}`, {
      body,
      headers: ifMatch(version),
    }),
  groupRosters: (groupId: string, status?: RosterStatus) =>
    request<Page<RosterSummary>>('GET', `rotation-groups/${path(groupId)}/rosters`, {
      query: { status, limit: 100 },
    }),
  generate: (groupId: string, body: GenerateRosterRequest, key: string) =>
    request<Roster>('POST', `rotation-groups/${path(groupId)}/rosters`, { body, headers: idempotent(key) }),
  roster: (id: string) => request<Roster>('GET', `rosters/${path(id)}`),
  month: (id: string, month: string) =>
    request<RosterMonth>('GET', `rosters/${path(id)}/calendar`, { query: { month } }),
  publish: (id: string, version: number) =>
    request<Roster>('POST', `rosters/${path(id)}/publish`, { headers: ifMatch(version) }),
  discard: (id: string, version: number) =>
    request<Roster>('POST', `rosters/${path(id)}/discard`, { headers: ifMatch(version) }),
  adjustDuty: (id: string, dutyId: string, version: number, organizationId: string) =>
    request<Roster>('PATCH', `rosters/${path(id)}/duties/${path(dutyId)}`, {
      body: { organizationId },
      headers: ifMatch(version),
    }),
  swaps: (rosterId: string) => request<Page<Swap>>('GET', `rosters/${path(rosterId)}/swaps`, { query: { limit: 200 } }),
  requestSwap: (rosterId: string, body: CreateSwapRequest, key: string) =>
    request<Swap>('POST', `rosters/${path(rosterId)}/swaps`, { body, headers: idempotent(key) }),
  actOnSwap: (rosterId: string, swapId: string, action: SwapAction, body: Record<string, string>) =>
    request<Swap>('POST', `rosters/${path(rosterId)}/swaps/${path(swapId)}/${action}`, { body }),
};

/** The iCalendar of a roster: one clinic's duties, or everyone's (managers) when no clinic is given. */
export function calendarUrl(rosterId: string, organizationId?: string): string {
  const query = organizationId ? `?organizationId=${encodeURIComponent(organizationId)}` : '';
  return `/api/v1/rosters/${path(rosterId)}/calendar.ics${query}`;
}

// ---------- hooks ----------

export const rotationKeys = {
  all: ['rotations'] as const,
  groups: (areaCode: string | undefined) => ['rotations', 'groups', areaCode ?? ''] as const,
  group: (id: string) => ['rotations', 'group', id] as const,
  groupRosters: (id: string) => ['rotations', 'group', id, 'rosters'] as const,
  roster: (id: string) => ['rotations', 'roster', id] as const,
  month: (id: string, month: string) => ['rotations', 'roster', id, 'calendar', month] as const,
  swaps: (rosterId: string) => ['rotations', 'roster', rosterId, 'swaps'] as const,
};

export function useRotationGroups(areaCode?: string) {
  return useQuery({ queryKey: rotationKeys.groups(areaCode), queryFn: () => rotationsApi.groups(areaCode) });
}

export function useRotationGroup(id: string) {
  return useQuery({ queryKey: rotationKeys.group(id), queryFn: () => rotationsApi.group(id), enabled: id !== '' });
}

export function useGroupRosters(groupId: string) {
  return useQuery({
    queryKey: rotationKeys.groupRosters(groupId),
    queryFn: () => rotationsApi.groupRosters(groupId),
    enabled: groupId !== '',
  });
}

/** The rosters of several groups at once (a clinic's own duties across its groups). */
export function useRostersOfGroups(groupIds: readonly string[]) {
  return useQueries({
    queries: groupIds.map((groupId) => ({
      queryKey: rotationKeys.groupRosters(groupId),
      queryFn: () => rotationsApi.groupRosters(groupId),
    })),
  });
}

export function useRosters(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: rotationKeys.roster(id), queryFn: () => rotationsApi.roster(id) })),
  });
}

export function useRoster(id: string) {
  return useQuery({ queryKey: rotationKeys.roster(id), queryFn: () => rotationsApi.roster(id), enabled: id !== '' });
}

export function useRosterMonth(id: string, month: string) {
  return useQuery({
    queryKey: rotationKeys.month(id, month),
    queryFn: () => rotationsApi.month(id, month),
    placeholderData: keepPreviousData,
  });
}

export function useSwaps(rosterId: string, enabled = true) {
  return useQuery({
    queryKey: rotationKeys.swaps(rosterId),
    queryFn: () => rotationsApi.swaps(rosterId),
    enabled: enabled && rosterId !== '',
  });
}

export function useCreateGroup() {
  const client = useQueryClient();
  const key = useIdempotencyKey();
  return useMutation<RotationGroup, ApiError, CreateGroupRequest>({
    mutationFn: (body) => rotationsApi.createGroup(body, key.keyFor(body)),
    onSuccess: (group) => {
      key.reset();
      client.setQueryData(rotationKeys.group(group.id), group);
      void client.invalidateQueries({ queryKey: rotationKeys.all });
    },
  });
}

export function useUpdateGroup(id: string) {
  const client = useQueryClient();
  return useMutation<RotationGroup, ApiError, { version: number; body: UpdateGroupRequest }>({
    mutationFn: (input) => rotationsApi.updateGroup(id, input.version, input.body),
    onSuccess: (group) => {
      client.setQueryData(rotationKeys.group(id), group);
      void client.invalidateQueries({ queryKey: rotationKeys.all });
    },
  });
}

/** A saved declaration: the member, and its published duties on the days it now declared unavailable. */
export type DeclaredMember = GroupMember & { dutiesToHandOver: { date: string; shift: ShiftKind; reason: string }[] };

export function useDeclareMember(groupId: string) {
  const client = useQueryClient();
  return useMutation<DeclaredMember, ApiError, { organizationId: string; version: number; body: MemberDeclaration }>({
    mutationFn: (input) => rotationsApi.declare(groupId, input.organizationId, input.version, input.body),
    onSuccess: () => void client.invalidateQueries({ queryKey: rotationKeys.group(groupId) }),
  });
}

export function useGenerateRoster(groupId: string) {
  const client = useQueryClient();
  const key = useIdempotencyKey();
  return useMutation<Roster, ApiError, GenerateRosterRequest>({
    mutationFn: (body) => rotationsApi.generate(groupId, body, key.keyFor(body)),
    onSuccess: (roster) => {
      key.reset();
      client.setQueryData(rotationKeys.roster(roster.id), roster);
      void client.invalidateQueries({ queryKey: rotationKeys.groupRosters(groupId) });
    },
  });
}

export function useRosterChange(id: string) {
  const client = useQueryClient();
  return useMutation<Roster, ApiError, { event: 'publish' | 'discard'; version: number }>({
    mutationFn: (input) =>
      input.event === 'publish' ? rotationsApi.publish(id, input.version) : rotationsApi.discard(id, input.version),
    onSuccess: (roster) => {
      client.setQueryData(rotationKeys.roster(id), roster);
      void client.invalidateQueries({ queryKey: rotationKeys.roster(id) });
      void client.invalidateQueries({ queryKey: rotationKeys.groupRosters(roster.groupId) });
    },
  });
}

/** The association hands one duty of a draft to another member clinic (調整; the rules checked again on the server). */
export function useAdjustDuty(id: string) {
  const client = useQueryClient();
  return useMutation<Roster, ApiError, { dutyId: string; version: number; organizationId: string }>({
    mutationFn: (input) => rotationsApi.adjustDuty(id, input.dutyId, input.version, input.organizationId),
    onSuccess: (roster) => {
      client.setQueryData(rotationKeys.roster(id), roster);
      // Its month calendars (under the roster's key) follow.
      void client.invalidateQueries({ queryKey: rotationKeys.roster(id) });
      void client.invalidateQueries({ queryKey: rotationKeys.groupRosters(roster.groupId) });
    },
  });
}

export function useRequestSwap(rosterId: string) {
  const client = useQueryClient();
  const key = useIdempotencyKey();
  return useMutation<Swap, ApiError, CreateSwapRequest>({
    mutationFn: (body) => rotationsApi.requestSwap(rosterId, body, key.keyFor(body)),
    onSuccess: () => {
      key.reset();
      void client.invalidateQueries({ queryKey: rotationKeys.swaps(rosterId) });
    },
  });
}

export function useSwapAction(rosterId: string) {
  const client = useQueryClient();
  return useMutation<Swap, ApiError, { swapId: string; action: SwapAction; body?: Record<string, string> }>({
    mutationFn: (input) => rotationsApi.actOnSwap(rosterId, input.swapId, input.action, input.body ?? {}),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: rotationKeys.swaps(rosterId) });
      // An approved swap hands the duties over: the roster (and its calendar) changes.
      void client.invalidateQueries({ queryKey: rotationKeys.roster(rosterId) });
    },
  });
}
