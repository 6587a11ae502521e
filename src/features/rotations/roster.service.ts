/**
 * Rosters (輪番表): generation for a period (src/domain/roster: deterministic, every hard rule kept,
 * fairness reported against the HiGHS lower bound of the flow part), review, publication with a
 * notice to every member clinic, discarding a draft, and each clinic's duties as iCalendar.
 * A roster is saved whole or not at all: an infeasible input answers 422 with the reasons.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { errors, type ErrorDetail } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/notifications.js';
import { assertVersion } from '../../platform/versioning.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { InvalidTransitionError } from '../../domain/cases/state-machine.js';
import { addDays, dayOfWeek } from '../../domain/calendar/japanese-calendar.js';
import { classifyDay, shiftInterval } from '../../domain/roster/calendar-slots.js';
import { generateRoster } from '../../domain/roster/generate-roster.js';
import { nextRosterStatus, type RosterEvent, type RosterStatus } from '../../domain/roster/roster-state.js';
import { canSeeRoster } from '../../domain/roster/rotation-policy.js';
import { tokyoCalendar, type TokyoEvent } from '../../domain/calendar/icalendar.js';
import { shiftLabels, type ShiftKind } from '../../domain/roster/roster-types.js';
import * as repository from './rotation.repository.js';
import { loadGroup, type LoadedGroup } from './rotation-group.service.js';
import { presentDuty, presentRoster, presentRosterSummary, rosterMemberOf, settingsOf } from './rotation.presenter.js';
import { fixedDutiesAround, historyBefore, problemOfRoster } from './roster-problem.js';
import { swapViolations } from '../../domain/roster/swap-rules.js';
import { adjustedReport } from '../../domain/roster/adjust-report.js';
import { flowLowerBound } from './lower-bound.js';
import type { GenerateRosterRequest } from './rotation.schema.js';
import { japaneseDate, jstDate } from '../../platform/time.js';

export type LoadedRoster = { roster: repository.RosterRow; group: LoadedGroup };

/** A roster the caller may see (drafts: managers only). */
export async function loadRoster(
  executor: DbExecutor,
  context: ActorContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedRoster> {
  const roster = await repository.findRoster(executor, id, options);
  if (!roster) throw errors.notFound('指定された輪番表が見つかりません。');
  const group = await loadGroup(executor, context, roster.groupId).catch(() => {
    throw errors.notFound('指定された輪番表が見つかりません。');
  });
  if (!canSeeRoster(context.actor, group.facts, roster.status))
    throw errors.notFound('指定された輪番表が見つかりません。');
  return { roster, group };
}

function checkTimezone(timezone: string): void {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    throw errors.badRequest('unknown_timezone', `タイムゾーン「${timezone}」は存在しません（例: Asia/Tokyo）。`);
  }
  if (resolved !== 'Asia/Tokyo' && resolved !== 'Japan')
    throw errors.badRequest(
      'unsupported_timezone',
      `輪番表は日本時間（Asia/Tokyo）で作成します。タイムゾーン「${timezone}」には対応していません。`,
    );
}

/** The last day a period starting on `from` may have: two years minus a day. */
export function latestEnd(from: string): string {
  const year = Number(from.slice(0, 4)) + 2;
  const sameDay = from.slice(5) === '02-29' ? `${year}-03-01` : `${year}${from.slice(4)}`;
  return addDays(sameDay, -1);
}

function transitionOrThrow(status: string, event: RosterEvent): RosterStatus {
  try {
    return nextRosterStatus(status as RosterStatus, event);
  } catch (error) {
    if (error instanceof InvalidTransitionError) throw errors.invalidTransition(error.message);
    throw error;
  }
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export function createRosterService(deps: AppDeps) {
  const { database, clock } = deps;

  async function present(executor: DbExecutor, loaded: LoadedRoster) {
    const duties = await repository.dutiesOf(executor, [loaded.roster.id]);
    const names = new Map(loaded.group.members.map((member) => [member.organizationId, member.name]));
    for (const duty of duties) names.set(duty.organizationId, duty.organizationName);
    return presentRoster(loaded.roster, {
      groupName: loaded.group.group.name,
      areaCode: loaded.group.group.areaCode,
      duties,
      names,
      canManage: loaded.group.canManage,
    });
  }

  /** Everything that does not write: checks, the solve and the bound (kept out of the transaction). */
  async function prepare(context: ActorContext, groupId: string, input: GenerateRosterRequest) {
    checkTimezone(input.timezone);
    if (input.from > input.to) throw errors.badRequest('invalid_period', '期間の初日は最終日以前にしてください。');
    // Last month's duties may be recorded afterwards; a period ended more than a year ago is a typing slip (2000年…).
    const earliestEnd = addDays(jstDate(clock.now()), -366);
    if (input.to < earliestEnd)
      throw errors.badRequest(
        'period_in_past',
        `1年以上前に終わった期間の輪番表は作成できません（最終日は ${japaneseDate(earliestEnd)} 以降にしてください）。`,
      );
    if (input.to > latestEnd(input.from))
      throw errors.badRequest(
        'period_too_long',
        `輪番表の期間は2年以内にしてください（${japaneseDate(input.from)} からは ${japaneseDate(latestEnd(input.from))} まで）。`,
      );
    const { group, members, problemParts } = await database.transaction(async (tx) => {
      const loaded = await loadGroup(tx, context, groupId);
      if (!loaded.canManage) throw errors.forbidden('この輪番グループの輪番表を作成する権限がありません。');
      const settings = settingsOf(loaded.group.settings);
      return {
        group: loaded.group,
        members: loaded.members,
        problemParts: {
          settings,
          history: await historyBefore(tx, groupId, input.from),
          fixedDuties: await fixedDutiesAround(tx, groupId, {
            from: input.from,
            to: input.to,
            exceptRosterId: null,
            settings,
          }),
        },
      };
    });
    const memberIds = new Set(members.map((member) => member.organizationId));
    const problems: ErrorDetail[] = [];
    input.unavailability.forEach((entry, index) => {
      if (!memberIds.has(entry.organizationId))
        problems.push({
          path: `unavailability.${index}.organizationId`,
          message: 'この診療所は輪番グループに参加していません。',
        });
      else if (entry.date < input.from || entry.date > input.to)
        problems.push({ path: `unavailability.${index}.date`, message: `${japaneseDate(entry.date)} は期間外です。` });
    });
    if (problems.some((problem) => problem.path.endsWith('organizationId')))
      throw errors.badRequest(
        'organization_not_in_group',
        'グループに参加していない診療所が指定されています。',
        problems,
      );
    if (problems.length > 0) throw errors.validation(problems);

    const problem = {
      from: input.from,
      to: input.to,
      shifts: input.shifts,
      members: members.map(rosterMemberOf),
      unavailability: input.unavailability,
      settings: problemParts.settings,
      history: problemParts.history.history,
      fixedDuties: problemParts.fixedDuties,
    };
    const started = performance.now();
    const result = generateRoster(problem);
    const generateMs = Math.round(performance.now() - started);
    if (result.kind === 'infeasible') {
      const [first] = result.reasons;
      const lead = result.isProven
        ? 'この条件を満たす輪番表はありません。'
        : '輪番表を作成できませんでした（条件を満たす輪番表が存在しないとは限りません）。';
      throw errors.unprocessable(
        result.isProven ? 'roster_infeasible' : 'roster_not_found',
        `${lead}${first?.message ?? ''}${result.reasons.length > 1 ? `（ほか${result.reasons.length - 1}件）` : ''}`,
        result.reasons.map((reason) => ({
          path: `${reason.from}${reason.shift ? `/${reason.shift}` : ''}`,
          message: reason.message,
          code: reason.kind,
          params: reason.params,
        })),
      );
    }
    const bound = await flowLowerBound(result.flow.problem, result.flow.quotas);
    const objective = result.fairness.objective;
    const lowerBound = bound.value === null ? null : round(bound.value);
    const report = {
      fairness: result.fairness,
      objective,
      flowObjective: round(result.flow.objective),
      lowerBound,
      lowerBoundStatus: bound.status,
      ...(bound.status === 'unavailable' ? { lowerBoundReason: bound.reason } : {}),
      gap: lowerBound === null ? null : round(objective - lowerBound),
      ratio:
        lowerBound === null ? null : lowerBound > 1e-9 ? round(objective / lowerBound) : objective <= 1e-9 ? 1 : null,
      isRealised: result.flow.isRealised,
      solver: {
        method:
          'convex min-cost flow (counts) + constructive date assignment with ejection chains, count repair and local search',
        generateMs,
        lowerBoundMs: bound.status === 'optimal' ? bound.solveMs : null,
        lpColumns: bound.status === 'optimal' ? bound.columns : null,
        lpRows: bound.status === 'optimal' ? bound.rows : null,
        ...result.stats,
      },
    };
    const storedInput = {
      shifts: input.shifts,
      unavailability: input.unavailability,
      timezone: 'Asia/Tokyo',
      settings: problem.settings,
      members: problem.members,
      historyRosterIds: problemParts.history.ids,
      fixedDutyCount: problem.fixedDuties.length,
    };
    return { group, groupVersion: group.version, result, report, storedInput };
  }

  async function generate(context: ActorContext, groupId: string, input: GenerateRosterRequest) {
    const prepared = await prepare(context, groupId, input);
    return async (tx: Tx) => {
      const loaded = await loadGroup(tx, context, groupId, { forUpdate: true });
      if (loaded.group.version !== prepared.groupVersion)
        throw errors.conflict('group_changed', '作成中に輪番グループの内容が変わりました。もう一度作成してください。');
      const overlapping = await repository.overlappingRosters(tx, groupId, input.from, input.to);
      const [clash] = overlapping;
      if (clash)
        throw errors.badRequest(
          'roster_overlaps',
          `期間が既存の輪番表（${japaneseDate(clash.fromDate)}〜${japaneseDate(clash.toDate)}、${clash.status === 'draft' ? '下書き' : '公開済み'}）と重なっています。` +
            (clash.status === 'draft' ? '下書きを破棄してから作り直してください。' : ''),
        );
      const id = randomUUID();
      const now = clock.now();
      const settings = settingsOf(prepared.storedInput.settings);
      await repository.insertRoster(tx, {
        id,
        groupId,
        fromDate: input.from,
        toDate: input.to,
        status: 'draft',
        input: prepared.storedInput,
        report: prepared.report,
        createdByUserId: context.actor.userId,
        createdAt: now,
      });
      await repository.insertDuties(
        tx,
        prepared.result.duties.map((duty) => ({
          id: randomUUID(),
          rosterId: id,
          date: duty.date,
          shift: duty.shift,
          organizationId: duty.organizationId,
          ...shiftInterval(duty.date, duty.shift, settings),
        })),
      );
      await writeAudit(tx, clock, context, {
        action: 'create',
        entity: 'roster',
        entityId: id,
        ownerOrganizationId: loaded.group.associationId,
        details: {
          groupId,
          from: input.from,
          to: input.to,
          duties: prepared.result.duties.length,
          objective: prepared.report.objective,
        },
      });
      const roster = await repository.findRoster(tx, id);
      if (!roster) throw errors.notFound();
      return present(tx, { roster, group: loaded });
    };
  }

  async function listOfGroup(
    context: ActorContext,
    groupId: string,
    query: { limit: number; cursor?: string | undefined; status?: string | undefined },
  ) {
    return database.transaction(async (tx) => {
      const loaded = await loadGroup(tx, context, groupId);
      const cursor = decodeCursor(query.cursor, 'text');
      const rows = await repository.rostersOfGroup(tx, groupId, {
        status: loaded.canManage ? query.status : 'published',
        limit: query.limit,
        after: cursor ? { from: cursor.key, id: cursor.id } : undefined,
      });
      const page = pageOf(rows, query.limit, (row) => ({ key: row.fromDate, id: row.id }));
      return {
        items: page.items.map((row) => presentRosterSummary(row, loaded.group.name)),
        nextCursor: page.nextCursor,
      };
    });
  }

  async function get(context: ActorContext, id: string) {
    return database.transaction(async (tx) => present(tx, await loadRoster(tx, context, id)));
  }

  async function change(context: ActorContext, id: string, version: number, event: RosterEvent) {
    return database.transaction(async (tx) => {
      const loaded = await loadRoster(tx, context, id, { forUpdate: true });
      if (!loaded.group.canManage) throw errors.forbidden('この輪番表を変更する権限がありません。');
      assertVersion(version, loaded.roster.version);
      const status = transitionOrThrow(loaded.roster.status, event);
      const now = clock.now();
      await repository.updateRoster(tx, id, {
        status,
        version: loaded.roster.version + 1,
        ...(event === 'publish' ? { publishedAt: now } : {}),
      });
      await writeAudit(tx, clock, context, {
        action: event,
        entity: 'roster',
        entityId: id,
        ownerOrganizationId: loaded.group.group.associationId,
        details: { from: loaded.roster.fromDate, to: loaded.roster.toDate },
      });
      if (event === 'publish') {
        for (const member of loaded.group.members) {
          await notify(tx, clock, {
            recipientOrganizationId: member.organizationId,
            kind: 'roster_published',
            title: `輪番表が公開されました（${loaded.group.group.name}）`,
            body: `${japaneseDate(loaded.roster.fromDate)}〜${japaneseDate(loaded.roster.toDate)} の当番をご確認ください。カレンダー（.ics）も取り込めます。`,
            params: { groupName: loaded.group.group.name, from: loaded.roster.fromDate, to: loaded.roster.toDate },
            link: `/rotations/rosters/${id}`,
            entity: 'roster',
            entityId: id,
          });
        }
      }
      const roster = await repository.findRoster(tx, id);
      if (!roster) throw errors.notFound();
      return present(tx, { roster, group: loaded.group });
    });
  }

  /**
   * The association hands one duty of a DRAFT to another member clinic (調整): every rule checked again against the
   * members' current declarations, the period's own unavailability and the neighbouring published rosters — only a
   * rule the draft kept may not be broken (422 `duty_breaks_rules`, each broken rule with its code and values). The
   * report follows the duties (adjust-report.ts). A published roster changes only by swaps.
   */
  async function adjustDuty(
    context: ActorContext,
    id: string,
    dutyId: string,
    version: number,
    input: { organizationId: string },
  ) {
    return database.transaction(async (tx) => {
      const loaded = await loadRoster(tx, context, id, { forUpdate: true });
      if (!loaded.group.canManage) throw errors.forbidden('この輪番表を調整する権限がありません。');
      if (loaded.roster.status !== 'draft')
        throw errors.invalidTransition(
          '調整できるのは下書きの輪番表だけです。公開後の変更は当番の交代の手続きで行ってください。',
        );
      assertVersion(version, loaded.roster.version);
      const duty = await repository.findDuty(tx, dutyId);
      if (duty?.rosterId !== id) throw errors.notFound('指定された当番はこの輪番表にありません。');
      if (!loaded.group.facts.memberOrganizationIds.includes(input.organizationId))
        throw errors.badRequest('organization_not_in_group', 'この診療所は輪番グループに参加していません。', [
          { path: 'organizationId', message: 'この診療所は輪番グループに参加していません。' },
        ]);
      if (duty.organizationId !== input.organizationId) {
        const problem = await problemOfRoster(tx, loaded.roster);
        const duties = (await repository.dutiesOf(tx, [id])).map((entry) => ({
          date: entry.date,
          shift: entry.shift as ShiftKind,
          organizationId: entry.organizationId,
        }));
        const violations = swapViolations(problem, duties, [
          { date: duty.date, shift: duty.shift as ShiftKind, toOrganizationId: input.organizationId },
        ]);
        if (violations.length > 0)
          throw errors.unprocessable(
            'duty_breaks_rules',
            `この当番の調整は輪番の規則に反します: ${violations[0]?.message ?? ''}`,
            violations.map((violation) => ({
              path: `${violation.date}${violation.shift ? `/${violation.shift}` : ''}`,
              message: violation.message,
              code: `rule_${violation.rule}`,
              params: violation.params,
            })),
          );
        await repository.setDutyOrganization(tx, duty.id, input.organizationId);
        await repository.updateRoster(tx, id, {
          version: loaded.roster.version + 1,
          report: adjustedReport(loaded.roster.report, {
            date: duty.date,
            shift: duty.shift as ShiftKind,
            fromOrganizationId: duty.organizationId,
            toOrganizationId: input.organizationId,
          }),
        });
        await writeAudit(tx, clock, context, {
          action: 'update',
          entity: 'roster',
          entityId: id,
          ownerOrganizationId: loaded.group.group.associationId,
          details: {
            dutyId: duty.id,
            date: duty.date,
            shift: duty.shift,
            from: duty.organizationId,
            to: input.organizationId,
          },
        });
      }
      const roster = await repository.findRoster(tx, id);
      if (!roster) throw errors.notFound();
      return present(tx, { roster, group: loaded.group });
    });
  }

  /** The duties as RFC 5545 (one clinic's, or all with names): stable UIDs, swapped-away duties CANCELLED. */
  async function calendar(context: ActorContext, id: string, organizationId: string | undefined) {
    return database.transaction(async (tx) => {
      const loaded = await loadRoster(tx, context, id);
      const isMember = loaded.group.facts.memberOrganizationIds.includes(organizationId ?? '');
      // Whoever sees the roster sees every duty in it: one member's duties are only a filter.
      if (organizationId && !isMember) throw errors.notFound('この診療所はグループに参加していません。');
      const duties = await repository.dutiesOf(tx, [id]);
      const swaps = await repository.approvedSwapsOf(tx, id);
      const changesOf = (dutyId: string) =>
        swaps.filter((swap) => swap.dutyId === dutyId || swap.counterDutyId === dutyId).length;
      const stamp = clock.now();
      const isPublished = loaded.roster.status === 'published';
      const eventOf = (duty: repository.DutyRow, status: TokyoEvent['status']): TokyoEvent => ({
        uid: `roster-duty-${duty.id}@renkei`,
        stamp,
        start: duty.startsAt,
        end: duty.endsAt,
        sequence: changesOf(duty.id),
        status,
        summary: `輪番当番（${shiftLabels[duty.shift as ShiftKind] ?? duty.shift}）${organizationId ? '' : ` ${duty.organizationName}`}`,
        // A duty swapped away comes back CANCELLED in the former holder's calendar: say who took it over, not
        // 「担当: …」 as if the reader still held it.
        description:
          status === 'CANCELLED'
            ? `${loaded.group.group.name} の${shiftLabels[duty.shift as ShiftKind] ?? ''}当番は ${duty.organizationName} に交代しました（自院の担当ではなくなりました）。`
            : `${loaded.group.group.name} の${shiftLabels[duty.shift as ShiftKind] ?? ''}当番です（担当: ${duty.organizationName}）。交代は Renkei の輪番表から依頼できます。`,
        categories: ['輪番', shiftLabels[duty.shift as ShiftKind] ?? duty.shift],
        created: loaded.roster.createdAt,
      });
      const own = duties.filter((duty) => !organizationId || duty.organizationId === organizationId);
      const lost = organizationId
        ? duties.filter(
            (duty) =>
              duty.organizationId !== organizationId &&
              swaps.some(
                (swap) =>
                  (swap.dutyId === duty.id && swap.requestingOrganizationId === organizationId) ||
                  (swap.counterDutyId === duty.id && swap.acceptingOrganizationId === organizationId),
              ),
          )
        : [];
      const organizationName = organizationId
        ? (loaded.group.members.find((member) => member.organizationId === organizationId)?.name ?? '')
        : '';
      const body = tokyoCalendar({
        productId: '-//Renkei//Rotation roster//JA',
        method: 'PUBLISH',
        name: `${loaded.group.group.name} 輪番${organizationName ? `（${organizationName}）` : ''}`,
        events: [
          ...own.map((duty) => eventOf(duty, isPublished ? 'CONFIRMED' : 'TENTATIVE')),
          ...lost.map((duty) => eventOf(duty, 'CANCELLED')),
        ],
      });
      return {
        body,
        filename: `roster-${loaded.roster.fromDate}${organizationId ? `-${organizationId.slice(0, 8)}` : ''}.ics`,
      };
    });
  }

  /**
   * One month of the roster as a calendar grid (weeks from Sunday): each day's kind under the
   * group's rules (working day, Saturday, Sunday, national holiday, 年末年始) and its duties.
   */
  async function month(context: ActorContext, id: string, requested: string | undefined) {
    return database.transaction(async (tx) => {
      const loaded = await loadRoster(tx, context, id);
      const { fromDate, toDate } = loaded.roster;
      const first = fromDate.slice(0, 7);
      const last = toDate.slice(0, 7);
      const shown = requested ?? first;
      if (shown < first || shown > last)
        throw errors.badRequest(
          'month_outside_period',
          `${Number(shown.slice(0, 4))}年${Number(shown.slice(5, 7))}月はこの輪番表の期間（${japaneseDate(fromDate)}〜${japaneseDate(toDate)}）の外です。`,
        );
      const settings = settingsOf(record(loaded.roster.input).settings);
      const monthStart = `${shown}-01`;
      const nextMonthStart = addDays(monthStart, 32).slice(0, 7) + '-01';
      const monthEnd = addDays(nextMonthStart, -1);
      const gridStart = addDays(monthStart, -dayOfWeek(monthStart));
      const gridEnd = addDays(monthEnd, 6 - dayOfWeek(monthEnd));
      const duties = (await repository.dutiesOf(tx, [id])).filter(
        (duty) => duty.date >= gridStart && duty.date <= gridEnd,
      );
      const weeks: ReturnType<typeof dayCell>[][] = [];
      function dayCell(date: string) {
        const day = classifyDay(date, settings);
        return {
          date,
          weekday: dayOfWeek(date),
          dayKind: day.kind,
          isDayOff: day.isDayOff,
          holidayName: day.holidayName,
          isInMonth: date.startsWith(shown),
          isInPeriod: date >= fromDate && date <= toDate,
          duties: duties.filter((duty) => duty.date === date).map(presentDuty),
        };
      }
      for (let date = gridStart; date <= gridEnd; date = addDays(date, 7))
        weeks.push(Array.from({ length: 7 }, (_, offset) => dayCell(addDays(date, offset))));
      const previous = addDays(monthStart, -1).slice(0, 7);
      return {
        rosterId: id,
        groupId: loaded.roster.groupId,
        groupName: loaded.group.group.name,
        status: loaded.roster.status,
        from: fromDate,
        to: toDate,
        month: shown,
        previousMonth: previous >= first ? previous : null,
        nextMonth: nextMonthStart.slice(0, 7) <= last ? nextMonthStart.slice(0, 7) : null,
        shiftLabels,
        weeks,
      };
    });
  }

  return {
    prepareGenerate: generate,
    month,
    listOfGroup,
    get,
    publish: (context: ActorContext, id: string, version: number) => change(context, id, version, 'publish'),
    discard: (context: ActorContext, id: string, version: number) => change(context, id, version, 'discard'),
    adjustDuty,
    calendar,
  };
}

export type RosterService = ReturnType<typeof createRosterService>;
