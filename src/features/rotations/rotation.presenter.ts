/** Rotation rows → API objects, explicitly; stored jsonb (settings, declarations) read defensively. */
import { toJstIso } from '../../platform/time.js';
import {
  defaultRosterSettings,
  shiftKinds,
  shiftLabels,
  type RosterMember,
  type RosterSettings,
  type ShiftKind,
} from '../../domain/roster/roster-types.js';
import type { SwapStatus } from '../../domain/roster/roster-state.js';
import type { DutyRow, GroupRow, MemberRow, RosterRow, SwapRow } from './rotation.repository.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((entry): entry is number => typeof entry === 'number') : [];
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
const shifts = (value: unknown): ShiftKind[] =>
  strings(value).filter((entry): entry is ShiftKind => (shiftKinds as readonly string[]).includes(entry));

/** The group's rules: stored values over the defaults. */
export function settingsOf(stored: unknown): RosterSettings {
  const value = isRecord(stored) ? stored : {};
  const weights = isRecord(value.shiftWeights) ? value.shiftWeights : {};
  const yearEnd = isRecord(value.yearEnd) ? value.yearEnd : {};
  const times = isRecord(value.times) ? value.times : {};
  const numberOr = (entry: unknown, fallback: number) => (typeof entry === 'number' ? entry : fallback);
  const stringOr = (entry: unknown, fallback: string) => (typeof entry === 'string' ? entry : fallback);
  const defaults = defaultRosterSettings;
  return {
    minDaysBetweenDuties: numberOr(value.minDaysBetweenDuties, defaults.minDaysBetweenDuties),
    maxDutiesPerMonth: numberOr(value.maxDutiesPerMonth, defaults.maxDutiesPerMonth),
    shiftWeights: {
      weeknight: numberOr(weights.weeknight, defaults.shiftWeights.weeknight),
      holiday_day: numberOr(weights.holiday_day, defaults.shiftWeights.holiday_day),
      holiday_night: numberOr(weights.holiday_night, defaults.shiftWeights.holiday_night),
    },
    includeNationalHolidays:
      typeof value.includeNationalHolidays === 'boolean'
        ? value.includeNationalHolidays
        : defaults.includeNationalHolidays,
    yearEnd: {
      isEnabled: typeof yearEnd.isEnabled === 'boolean' ? yearEnd.isEnabled : defaults.yearEnd.isEnabled,
      fromMonthDay: stringOr(yearEnd.fromMonthDay, defaults.yearEnd.fromMonthDay),
      toMonthDay: stringOr(yearEnd.toMonthDay, defaults.yearEnd.toMonthDay),
    },
    times: {
      dayStart: stringOr(times.dayStart, defaults.times.dayStart),
      nightStart: stringOr(times.nightStart, defaults.times.nightStart),
      workdayMorning: stringOr(times.workdayMorning, defaults.times.workdayMorning),
    },
  };
}

export type Declaration = Omit<RosterMember, 'organizationId' | 'name' | 'doctorCount'> & { note: string | null };

export function declarationOf(preferences: unknown): Declaration {
  const value = isRecord(preferences) ? preferences : {};
  return {
    unavailableWeekdays: numbers(value.unavailableWeekdays),
    unavailableDates: strings(value.unavailableDates),
    unavailableShifts: shifts(value.unavailableShifts),
    preferredWeekdays: numbers(value.preferredWeekdays),
    note: typeof value.note === 'string' ? value.note : null,
  };
}

export function rosterMemberOf(member: MemberRow): RosterMember {
  const declaration = declarationOf(member.preferences);
  return {
    organizationId: member.organizationId,
    name: member.name,
    doctorCount: member.doctorCount,
    unavailableWeekdays: declaration.unavailableWeekdays,
    unavailableDates: declaration.unavailableDates,
    unavailableShifts: declaration.unavailableShifts,
    preferredWeekdays: declaration.preferredWeekdays,
  };
}

export function presentMember(member: MemberRow) {
  return {
    organization: {
      id: member.organizationId,
      name: member.name,
      kind: member.kind,
      phone: member.phone,
      areaCode: member.areaCode,
    },
    doctorCount: member.doctorCount,
    ...declarationOf(member.preferences),
  };
}

export function presentGroup(
  group: GroupRow,
  members: MemberRow[],
  options: { areaName: string | null; canManage: boolean },
) {
  return {
    id: group.id,
    name: group.name,
    areaCode: group.areaCode,
    areaName: options.areaName,
    associationId: group.associationId,
    settings: settingsOf(group.settings),
    members: members.map(presentMember),
    permissions: { canManage: options.canManage },
    version: group.version,
    createdAt: toJstIso(group.createdAt),
    updatedAt: toJstIso(group.updatedAt),
  };
}

export function presentDuty(duty: DutyRow) {
  return {
    id: duty.id,
    date: duty.date,
    shift: duty.shift as ShiftKind,
    shiftLabel: shiftLabels[duty.shift as ShiftKind] ?? duty.shift,
    organizationId: duty.organizationId,
    organizationName: duty.organizationName,
    startsAt: toJstIso(duty.startsAt),
    endsAt: toJstIso(duty.endsAt),
  };
}

const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

export function presentRosterSummary(roster: RosterRow, groupName: string) {
  const input = record(roster.input);
  const report = record(roster.report);
  return {
    id: roster.id,
    groupId: roster.groupId,
    groupName,
    from: roster.fromDate,
    to: roster.toDate,
    status: roster.status,
    shifts: shifts(input.shifts),
    objective: typeof report.objective === 'number' ? report.objective : null,
    lowerBound: typeof report.lowerBound === 'number' ? report.lowerBound : null,
    version: roster.version,
    createdAt: toJstIso(roster.createdAt),
    publishedAt: roster.publishedAt ? toJstIso(roster.publishedAt) : null,
  };
}

export function presentRoster(
  roster: RosterRow,
  options: { groupName: string; areaCode: string; duties: DutyRow[]; names: Map<string, string>; canManage: boolean },
) {
  const report = record(roster.report);
  const fairness = record(report.fairness);
  const clinics = Array.isArray(fairness.clinics) ? fairness.clinics.filter(isRecord) : [];
  const input = record(roster.input);
  return {
    ...presentRosterSummary(roster, options.groupName),
    areaCode: options.areaCode,
    timezone: typeof input.timezone === 'string' ? input.timezone : 'Asia/Tokyo',
    settings: settingsOf(input.settings),
    duties: options.duties.map(presentDuty),
    fairness: {
      ...fairness,
      definition:
        'F = Σ_t w(t) × Σ_c (x(c,t) − τ(c,t))²、τ(c,t) = β(c,t) − 前回までの差、' +
        'β(c,t) = 医師数の比で分けた当番数（担当できない当番は 0 でその負担を他の当番へ、規則で担当できる回数が上限）',
      lowerBound: report.lowerBound ?? null,
      lowerBoundStatus: report.lowerBoundStatus ?? null,
      ratio: report.ratio ?? null,
      gap: report.gap ?? null,
      flowObjective: report.flowObjective ?? null,
      isRealised: report.isRealised ?? null,
      /** Duties of the draft the association handed to another clinic by hand (the figures are after them). */
      adjustedCount: Array.isArray(report.adjustments) ? report.adjustments.length : 0,
      clinics: clinics.map((clinic) => ({
        ...clinic,
        organizationName: options.names.get(String(clinic.organizationId)) ?? null,
      })),
    },
    solver: report.solver ?? null,
    permissions: { canManage: options.canManage },
  };
}

export function presentSwap(swap: SwapRow, duties: Map<string, DutyRow>, names: Map<string, string>) {
  const duty = duties.get(swap.dutyId);
  const counter = swap.counterDutyId ? duties.get(swap.counterDutyId) : undefined;
  const organization = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  return {
    id: swap.id,
    rosterId: swap.rosterId,
    status: swap.status as SwapStatus,
    duty: duty ? presentDuty(duty) : null,
    counterDuty: counter ? presentDuty(counter) : null,
    requestingOrganization: organization(swap.requestingOrganizationId),
    /** The clinic asked (while requested / declined) or the one that accepted. */
    otherOrganization: organization(swap.acceptingOrganizationId),
    note: swap.note,
    version: swap.version,
    createdAt: toJstIso(swap.createdAt),
    updatedAt: toJstIso(swap.updatedAt),
  };
}
