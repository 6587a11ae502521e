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

/** The group's published rosters of the last two years before `from`: what each clinic did against its share. */
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
  const history = past.map((roster) => {
    const input = roster.input as { members?: { organizationId?: unknown; doctorCount?: unknown }[] };
    const members = (input.members ?? []).flatMap((member) =>
      typeof member.organizationId === 'string' && typeof member.doctorCount === 'number'
        ? [{ organizationId: member.organizationId, doctorCount: member.doctorCount }]
        : [],
    );
    return {
      members,
      duties: duties
        .filter((duty) => duty.rosterId === roster.id)
        .flatMap((duty) => (isShift(duty.shift) ? [{ organizationId: duty.organizationId, shift: duty.shift }] : [])),
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
