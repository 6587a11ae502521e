/**
 * Builds the generator's problem (src/domain/roster) from the database: the group's members and
 * their declarations, its rules, the fairness history of its previous published rosters and the
 * duties of neighbouring published rosters (they count for spacing and monthly caps).
 */
import type { DbExecutor } from '../../db/client.js';
import { addDays } from '../../domain/calendar/japanese-calendar.js';
import {
  shiftKinds,
  type FixedDuty,
  type PastRoster,
  type RosterMember,
  type RosterProblem,
  type RosterSettings,
  type ShiftKind,
} from '../../domain/roster/roster-types.js';
import { baseTargetsOf } from '../../domain/roster/generate-roster.js';
import * as repository from './rotation.repository.js';
import { rosterMemberOf, settingsOf } from './rotation.presenter.js';

const historyDays = 730;

const isShift = (value: string): value is ShiftKind => (shiftKinds as readonly string[]).includes(value);

/** Duties of the group's other published rosters close enough to matter for spacing and monthly caps. */
export async function fixedDutiesAround(
  executor: DbExecutor,
  groupId: string,
  range: { from: string; to: string; exceptRosterId: string | null; settings: RosterSettings },
): Promise<FixedDuty[]> {
  const margin = Math.max(range.settings.minDaysBetweenDuties, 31) + 1;
  const rows = await repository.publishedDutiesBetween(
    executor,
    groupId,
    addDays(range.from, -margin),
    addDays(range.to, margin),
    range.exceptRosterId,
  );
  return rows
    .filter((row) => row.date < range.from || row.date > range.to)
    .flatMap((row) =>
      isShift(row.shift) ? [{ organizationId: row.organizationId, date: row.date, shift: row.shift }] : [],
    );
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The members a roster was made with, as its stored input holds them (declarations read defensively). */
function storedMembers(input: unknown): RosterMember[] {
  const members = isRecord(input) && Array.isArray(input.members) ? input.members : [];
  return members.flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.organizationId !== 'string' || typeof entry.doctorCount !== 'number')
      return [];
    const numbers = (value: unknown) =>
      Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number') : [];
    const strings = (value: unknown) =>
      Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
    return [
      {
        organizationId: entry.organizationId,
        name: typeof entry.name === 'string' ? entry.name : '',
        doctorCount: entry.doctorCount,
        unavailableWeekdays: numbers(entry.unavailableWeekdays),
        unavailableDates: strings(entry.unavailableDates),
        unavailableShifts: strings(entry.unavailableShifts).filter(isShift),
        preferredWeekdays: numbers(entry.preferredWeekdays),
      },
    ];
  });
}

/** β per member as the roster's report stored it (fairness.ts `baseTargets`); null when it predates that. */
function storedBaseTargets(report: unknown): Map<string, Partial<Record<ShiftKind, number>>> | null {
  const fairness = isRecord(report) && isRecord(report.fairness) ? report.fairness : null;
  const clinics = fairness && Array.isArray(fairness.clinics) ? fairness.clinics : [];
  const found = new Map<string, Partial<Record<ShiftKind, number>>>();
  for (const clinic of clinics) {
    if (!isRecord(clinic) || typeof clinic.organizationId !== 'string' || !isRecord(clinic.baseTargets)) return null;
    const base = clinic.baseTargets;
    found.set(
      clinic.organizationId,
      Object.fromEntries(
        shiftKinds.flatMap((shift) => (typeof base[shift] === 'number' ? [[shift, base[shift]]] : [])),
      ),
    );
  }
  return found.size > 0 ? found : null;
}

/**
 * The group's published rosters of the last two years before `from`: what each clinic did against its fair
 * share β then — the one its report stored, or, for a roster made before reports held it, β computed again from
 * the roster's stored input (members and declarations, rules, shifts) and its duties.
 */
export async function historyBefore(
  executor: DbExecutor,
  groupId: string,
  from: string,
): Promise<{ history: PastRoster[]; ids: string[] }> {
  const past = await repository.publishedBefore(executor, groupId, addDays(from, -historyDays), from);
  const duties = await repository.dutiesOf(
    executor,
    past.map((roster) => roster.id),
  );
  const history = past.map((roster): PastRoster => {
    const input = isRecord(roster.input) ? roster.input : {};
    const members = storedMembers(input);
    const settings = settingsOf(input.settings);
    const own = duties
      .filter((duty) => duty.rosterId === roster.id)
      .flatMap((duty) => (isShift(duty.shift) ? [{ organizationId: duty.organizationId, shift: duty.shift }] : []));
    const base =
      storedBaseTargets(roster.report) ??
      baseTargetsOf(
        {
          from: roster.fromDate,
          to: roster.toDate,
          shifts: (Array.isArray(input.shifts) ? input.shifts : []).filter(
            (shift): shift is ShiftKind => typeof shift === 'string' && isShift(shift),
          ),
          members,
          unavailability: Array.isArray(input.unavailability)
            ? input.unavailability.filter(
                (entry): entry is { organizationId: string; date: string } =>
                  isRecord(entry) && typeof entry.organizationId === 'string' && typeof entry.date === 'string',
              )
            : [],
          settings,
          history: [],
          fixedDuties: [],
        },
        own,
      );
    return {
      members: members.map((member) => ({
        organizationId: member.organizationId,
        doctorCount: member.doctorCount,
        unavailableShifts: member.unavailableShifts,
        baseTargets: base.get(member.organizationId) ?? {},
      })),
      duties: own,
      weights: settings.shiftWeights,
    };
  });
  return { history, ids: past.map((roster) => roster.id) };
}

/**
 * The problem an existing roster answers, for checking changes (swaps): its period, shifts and
 * request, the CURRENT declarations of today's members (plus the members it was made with), and
 * its neighbours' duties.
 */
export async function problemOfRoster(executor: DbExecutor, roster: repository.RosterRow): Promise<RosterProblem> {
  const input = roster.input as {
    shifts?: string[];
    unavailability?: { organizationId: string; date: string }[];
    settings?: unknown;
    members?: RosterMember[];
  };
  const settings = settingsOf(input.settings);
  const current = (await repository.membersOf(executor, [roster.groupId])).map(rosterMemberOf);
  const currentIds = new Set(current.map((member) => member.organizationId));
  const former = (input.members ?? []).filter((member) => !currentIds.has(member.organizationId));
  return {
    from: roster.fromDate,
    to: roster.toDate,
    shifts: (input.shifts ?? []).filter(isShift),
    members: [...current, ...former],
    unavailability: input.unavailability ?? [],
    settings,
    history: [],
    fixedDuties: await fixedDutiesAround(executor, roster.groupId, {
      from: roster.fromDate,
      to: roster.toDate,
      exceptRosterId: roster.id,
      settings,
    }),
  };
}
