/**
 * The discharge conference (退院時カンファレンス): the hospital or the Center schedules it with
 * organisations of the case's circle; invitations, changes (SEQUENCE + 1) and cancellation notify
 * the participants; minutes are written after the start. Participants read it and download its
 * .ics even with only the minimum necessary of the case. One transaction per change, with its
 * audit row, timeline entry, notifications and a live case event for the open case pages.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { errors, type ErrorDetail } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { japaneseDate, jstDate, toJstIso } from '../../platform/time.js';
import { decodeCursor, pageOf, type PageQuery } from '../../platform/pagination.js';
import { InvalidTransitionError } from '../../domain/cases/state-machine.js';
import {
  canRecordMinutes,
  nextConferenceStatus,
  type ConferenceEvent,
  type ConferenceStatus,
} from '../../domain/cases/conference-state.js';
import { canManageConference } from '../../domain/policies/conference-policy.js';
import { canUseCaseThread } from '../../domain/policies/case-policy.js';
import { auditCaseRead, loadCase, recordCaseEvent, type LoadedCase } from '../cases/case-access.js';
import type { CaseMessageService } from '../case-messages/case-message.service.js';
import type { WelfareLinkService } from '../welfare-links/welfare-link.service.js';
import { consentScopesOf } from '../cases/case-access.js';
import { publishCaseEvent } from '../notifications/case-events.js';
import { conferenceCalendar, formatSchedule, presentConference } from './conference.presenter.js';
import {
  conferenceNotFoundMessage,
  loadConference,
  loadConferenceForChange,
  manageOnlyMessage,
} from './conference-access.js';
import { createConferenceNotices } from './conference-notices.js';
import * as repository from './conference.repository.js';

/** The Japanese words for what changed (the timeline's `changed`, kept as it was). */
const conferenceFieldLabels = { schedule: '日時', place: '場所', participants: '参加者' } as const;
import type { ScheduleConferenceRequest, UpdateConferenceRequest } from './conference.schema.js';

const dayMs = 24 * 60 * 60 * 1000;

function transitionOrThrow(status: string, event: ConferenceEvent): ConferenceStatus {
  try {
    return nextConferenceStatus(status as ConferenceStatus, event);
  } catch (error) {
    if (error instanceof InvalidTransitionError) throw errors.invalidTransition(error.message);
    throw error;
  }
}

/** The ends of a case (case.service.ts onCaseEnded reasons) as the variant of the cancellation, for other languages. */
const caseEndVariants: Record<string, string> = {
  退院したため: 'case_discharged',
  患者が亡くなられたため: 'case_died',
  ケースが中止されたため: 'case_cancelled',
};

export function createConferenceService(deps: AppDeps, messages: CaseMessageService, welfareLinks: WelfareLinkService) {
  const { database, clock } = deps;
  const notices = createConferenceNotices(clock);
  const { notifyParticipants, invitationBody, conferenceParams, scheduleReminder, cancelReminder } = notices;
  /**
   * Tells the participants, except the organisation of the one who acted (the hospital that schedules a
   * conference is not invited to it; a job, acting for nobody, tells everyone).
   */
  const notifyOthers = (
    context: { actor: { organizationId: string | null } | null },
    ...[tx, row, organizationIds, message]: Parameters<typeof notifyParticipants>
  ) =>
    notifyParticipants(
      tx,
      row,
      organizationIds.filter((organizationId) => organizationId !== context.actor?.organizationId),
      message,
    );

  /**
   * A conference starts in the future, within a year, and — being the 退院時カンファレンス — no later than the
   * day of the planned discharge (move the discharge date first when the discharge is postponed).
   */
  function checkStart(startsAt: Date, plannedDischargeDate: string): ErrorDetail[] {
    const now = clock.now().getTime();
    if (startsAt.getTime() <= now) return [{ path: 'startsAt', message: '開始日時に過去の日時は指定できません。' }];
    if (startsAt.getTime() > now + 365 * dayMs)
      return [{ path: 'startsAt', message: '開始日時は1年以内にしてください。' }];
    if (jstDate(startsAt) > plannedDischargeDate)
      return [
        {
          path: 'startsAt',
          message: `退院時カンファレンスが退院予定日（${japaneseDate(plannedDischargeDate)}）より後になっています。退院が延びるときは、先に退院予定日を変更してください。`,
          code: 'conference_after_discharge',
          params: { plannedDischargeDate },
        },
      ];
    return [];
  }

  /**
   * Participants must belong to the case's circle: team, hospital, Center, welfare windows that
   * acknowledged their link (with the patient's consent to share with welfare windows). A window
   * whose link is only requested sees the minimum necessary of the case, while a participant reads
   * the conference and its minutes: it is invited once it acknowledged. Each refusal says why.
   */
  async function checkParticipants(tx: Tx, loaded: LoadedCase, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const circle = new Set((await messages.threadOrganizations(tx, loaded)).map((organization) => organization.id));
    const outsiders = unique.filter((id) => !circle.has(id));
    if (outsiders.length > 0) {
      const names = await repository.organizationNames(tx, outsiders);
      const links = await welfareLinks.linkStatesOf(tx, loaded.row.id, outsiders);
      const hasWelfareConsent = consentScopesOf(loaded.row).includes('welfare_record');
      const why = (id: string) => {
        const name = names.get(id) ?? '指定された組織';
        const link = links.get(id);
        if ((link === 'requested' || link === 'acknowledged') && !hasWelfareConsent)
          return `${name}は福祉の連携先ですが、本人・家族の同意（福祉の連携先への記録の共有）がないため招待できません。`;
        if (link === 'requested') return `${name}はまだ福祉の連携を受け付けていません。受付後に招待できます。`;
        if (link === 'closed') return `${name}との福祉の連携は終了しています。`;
        return `${name}は、このケースの在宅チーム・病院・センター・福祉の連携先ではありません。`;
      };
      throw errors.badRequest(
        'participant_not_in_case',
        '参加者には、このケースの在宅チーム・病院・センター・福祉の連携先（受付済み）の組織を指定してください。',
        outsiders.map((id) => ({ path: `participantOrganizationIds.${ids.indexOf(id)}`, message: why(id) })),
      );
    }
    return unique;
  }

  /**
   * Tells the open case pages that the conferences changed: the case's circle (as its thread) and the
   * conference's participants, before and after the change (they read it even outside the circle).
   */
  async function announce(tx: Tx, loaded: LoadedCase, participantIds: readonly string[]) {
    const circle = await messages.threadOrganizations(tx, loaded);
    await publishCaseEvent(tx, {
      caseId: loaded.row.id,
      what: 'conferences',
      organizationIds: [...circle.map((organization) => organization.id), ...participantIds],
    });
  }

  async function present(tx: Tx, id: string, canManage: boolean) {
    const row = await repository.findConference(tx, id);
    if (!row) throw errors.notFound(conferenceNotFoundMessage);
    return presentConference(row, await repository.participantsOf(tx, [id]), { canManage });
  }

  async function audit(tx: Tx, context: ActorContext, row: repository.ConferenceRow, action: string, extra = {}) {
    await writeAudit(tx, clock, context, {
      action,
      entity: 'conference',
      entityId: row.id,
      ownerOrganizationId: row.hospitalOrganizationId,
      details: { caseId: row.caseId, ...extra },
    });
  }

  async function schedule(context: ActorContext, caseId: string, input: ScheduleConferenceRequest, tx: Tx) {
    const loaded = await loadCase(tx, context, caseId, { forUpdate: true });
    if (!canManageConference(context.actor, loaded.facts)) throw errors.forbidden(manageOnlyMessage);
    if (loaded.row.status !== 'planning' && loaded.row.status !== 'coordinating')
      throw errors.invalidTransition('退院済み・終了したケースには退院時カンファレンスを設定できません。');
    const startsAt = new Date(input.startsAt);
    const problems = checkStart(startsAt, loaded.row.plannedDischargeDate);
    if (problems.length > 0) throw errors.validation(problems);
    const participantIds = await checkParticipants(tx, loaded, input.participantOrganizationIds);
    const id = randomUUID();
    const now = clock.now();
    await repository.insertConference(tx, {
      id,
      caseId,
      startsAt,
      durationMinutes: input.durationMinutes,
      place: input.place ?? null,
      onlineUrl: input.onlineUrl ?? null,
      status: 'scheduled',
      sequence: 0,
      version: 1,
      createdByUserId: context.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repository.replaceParticipants(tx, id, participantIds);
    const row = await repository.findConference(tx, id);
    if (!row) throw errors.notFound(conferenceNotFoundMessage);
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'conference_scheduled',
      summary: `退院時カンファレンスを ${formatSchedule(row)} に設定しました（${participantIds.length}機関）`,
      details: {
        conferenceId: id,
        startsAt: toJstIso(row.startsAt),
        durationMinutes: row.durationMinutes,
        count: participantIds.length,
      },
    });
    await notifyOthers(context, tx, row, participantIds, {
      kind: 'conference_invitation',
      title: '退院時カンファレンスのご案内',
      body: invitationBody(row),
      params: conferenceParams(row),
    });
    await scheduleReminder(tx, row);
    await announce(tx, loaded, participantIds);
    await audit(tx, context, row, 'schedule', { participantOrganizationIds: participantIds });
    return present(tx, id, true);
  }

  /**
   * One page of the case's conferences by start time (CONTRACT §2 lists). Who may use the case's
   * thread sees them all; an invited organisation only those it is invited to (scoped in the query).
   */
  async function listOfCase(context: ActorContext, caseId: string, query: PageQuery) {
    const cursor = decodeCursor(query.cursor, 'timestamp');
    return database.transaction(async (tx) => {
      const loaded = await loadCase(tx, context, caseId);
      await auditCaseRead(tx, clock, context, loaded, 'conferences');
      const seesAll = canUseCaseThread(context.actor, loaded.facts);
      const organizationId = context.actor.organizationId;
      if (!seesAll && organizationId === null) return { items: [], nextCursor: null };
      const page = pageOf(
        await repository.conferencePageOfCase(tx, caseId, {
          limit: query.limit + 1,
          ...(seesAll ? {} : { participantOrganizationId: organizationId ?? undefined }),
          ...(cursor ? { after: { startsAt: new Date(cursor.key), id: cursor.id } } : {}),
        }),
        query.limit,
        (row) => ({ key: row.startsAt.toISOString(), id: row.id }),
      );
      const participants = await repository.participantsOf(
        tx,
        page.items.map((row) => row.id),
      );
      const canManage = canManageConference(context.actor, loaded.facts);
      return {
        items: page.items.map((row) => presentConference(row, participants, { canManage })),
        nextCursor: page.nextCursor,
      };
    });
  }

  async function get(context: ActorContext, id: string) {
    return database.transaction(async (tx) => {
      const { row, participants, canManage } = await loadConference(tx, context, id);
      await audit(tx, context, row, 'read');
      return presentConference(row, participants, { canManage });
    });
  }

  async function update(context: ActorContext, id: string, input: UpdateConferenceRequest, expectedVersion: number) {
    return database.transaction(async (tx) => {
      const {
        row,
        participantIds: before,
        caseLoaded,
      } = await loadConferenceForChange(tx, context, id, expectedVersion);
      transitionOrThrow(row.status, 'change');
      const next = {
        startsAt: input.startsAt !== undefined ? new Date(input.startsAt) : row.startsAt,
        durationMinutes: input.durationMinutes ?? row.durationMinutes,
        place: input.place !== undefined ? input.place : row.place,
        onlineUrl: input.onlineUrl !== undefined ? input.onlineUrl : row.onlineUrl,
      };
      const problems: ErrorDetail[] = [];
      if (input.startsAt !== undefined)
        problems.push(...checkStart(next.startsAt, caseLoaded.row.plannedDischargeDate));
      if (!next.place && !next.onlineUrl)
        problems.push({ path: 'place', message: '場所かオンライン会議の URL の少なくとも一方が必要です。' });
      if (problems.length > 0) throw errors.validation(problems);
      const after =
        input.participantOrganizationIds !== undefined
          ? await checkParticipants(tx, caseLoaded, input.participantOrganizationIds)
          : before;
      const changedFields: (keyof typeof conferenceFieldLabels)[] = [
        next.startsAt.getTime() !== row.startsAt.getTime() || next.durationMinutes !== row.durationMinutes
          ? 'schedule'
          : null,
        next.place !== row.place || next.onlineUrl !== row.onlineUrl ? 'place' : null,
        after.length !== before.length || after.some((organizationId) => !before.includes(organizationId))
          ? 'participants'
          : null,
      ].filter((field): field is keyof typeof conferenceFieldLabels => field !== null);
      const changed = changedFields.map((field) => conferenceFieldLabels[field]);
      if (changed.length === 0) return present(tx, id, true);
      await repository.updateConference(tx, id, { ...next, updatedAt: clock.now() }, { isSignificant: true });
      if (changed.includes('参加者')) await repository.replaceParticipants(tx, id, after);
      const updated = (await repository.findConference(tx, id)) ?? row;
      await cancelReminder(tx, row);
      await scheduleReminder(tx, updated);
      await recordCaseEvent(tx, clock, context, row.caseId, {
        kind: 'conference_changed',
        summary: `退院時カンファレンスの${changed.join('・')}を変更しました（${formatSchedule(updated)}）`,
        details: {
          conferenceId: id,
          changed,
          conferenceFields: changedFields,
          startsAt: toJstIso(updated.startsAt),
          durationMinutes: updated.durationMinutes,
        },
      });
      const body = invitationBody(updated);
      const params = conferenceParams(updated);
      await notifyOthers(
        context,
        tx,
        updated,
        after.filter((organizationId) => before.includes(organizationId)),
        {
          kind: 'conference_changed',
          title: `退院時カンファレンスの変更（${changed.join('・')}）`,
          body,
          params: { ...params, conferenceFields: changedFields },
        },
      );
      await notifyOthers(
        context,
        tx,
        updated,
        after.filter((organizationId) => !before.includes(organizationId)),
        { kind: 'conference_invitation', title: '退院時カンファレンスのご案内', body, params },
      );
      await notifyOthers(
        context,
        tx,
        updated,
        before.filter((organizationId) => !after.includes(organizationId)),
        {
          kind: 'conference_uninvited',
          title: '退院時カンファレンスの参加者から外れました',
          body: `${row.hospitalName}の退院時カンファレンス（${formatSchedule(row)}）`,
          params: conferenceParams(row),
        },
      );
      await announce(tx, caseLoaded, [...before, ...after]);
      await audit(tx, context, updated, 'update', { changed });
      return present(tx, id, true);
    });
  }

  /**
   * Cancels one loaded conference in the caller's transaction: status cancelled with SEQUENCE + 1
   * (the .ics says CANCELLED), its reminder dropped, the timeline, the participants told with
   * the reason, the open case pages, the audit row. The manual cancel and the end of the case
   * (cancelNotStartedOfCase) both go through here.
   */
  async function cancelLoaded(
    tx: Tx,
    context: ActorContext,
    target: { row: repository.ConferenceRow; participantIds: string[]; caseLoaded: LoadedCase },
    reasonText: string | undefined,
    /** The end of the case that cancelled it (`case_discharged` …), for other languages; none for a typed reason. */
    endVariant?: string,
  ) {
    const { row, participantIds, caseLoaded } = target;
    const status = transitionOrThrow(row.status, 'cancel');
    await repository.updateConference(tx, row.id, { status, updatedAt: clock.now() }, { isSignificant: true });
    await cancelReminder(tx, row);
    const reason = reasonText ? `（${reasonText}）` : '';
    await recordCaseEvent(tx, clock, context, row.caseId, {
      kind: 'conference_cancelled',
      summary: `退院時カンファレンス（${formatSchedule(row)}）を中止しました${reason}`,
      details: {
        conferenceId: row.id,
        startsAt: toJstIso(row.startsAt),
        durationMinutes: row.durationMinutes,
        note: reasonText ?? null,
        variant: endVariant ?? (reasonText ? 'note' : null),
      },
    });
    await notifyOthers(context, tx, row, participantIds, {
      kind: 'conference_cancelled',
      title: '退院時カンファレンスの中止',
      body: `${row.hospitalName}の退院時カンファレンス（${formatSchedule(row)}）は中止になりました${reason}`,
      params: {
        hospitalName: row.hospitalName,
        startsAt: toJstIso(row.startsAt),
        durationMinutes: row.durationMinutes,
        note: reasonText ?? null,
        variant: endVariant ?? (reasonText ? 'note' : null),
      },
    });
    await announce(tx, caseLoaded, participantIds);
    await audit(tx, context, row, 'cancel', reasonText ? { reason: reasonText } : {});
  }

  async function cancel(
    context: ActorContext,
    id: string,
    input: { reason?: string | undefined },
    expectedVersion: number | null,
  ) {
    return database.transaction(async (tx) => {
      const loaded = await loadConferenceForChange(tx, context, id, expectedVersion);
      await cancelLoaded(tx, context, loaded, input.reason);
      return present(tx, id, true);
    });
  }

  /**
   * When a case ends (discharged, cancelled, the patient died): every conference of it that has
   * not started yet is cancelled exactly as by hand, in the case change's transaction, by the
   * same actor, with the reason (「退院したため」). One that has started stays for its minutes.
   */
  async function cancelNotStartedOfCase(tx: Tx, context: ActorContext, caseId: string, reason: string) {
    const now = clock.now().getTime();
    const open = (await repository.conferencesOfCase(tx, caseId)).filter(
      (row) => row.status === 'scheduled' && row.startsAt.getTime() > now,
    );
    for (const row of open)
      await cancelLoaded(
        tx,
        context,
        await loadConferenceForChange(tx, context, row.id, null),
        reason,
        caseEndVariants[reason],
      );
  }

  async function recordMinutes(
    context: ActorContext,
    id: string,
    input: { minutes: string },
    expectedVersion: number | null,
  ) {
    return database.transaction(async (tx) => {
      const { row, participantIds, caseLoaded } = await loadConferenceForChange(tx, context, id, expectedVersion);
      const status = transitionOrThrow(row.status, 'record_minutes');
      if (!canRecordMinutes(row.startsAt, clock.now()))
        throw errors.invalidTransition('議事録はカンファレンスの開始後に記録してください。');
      const isFirst = row.minutes === null;
      const now = clock.now();
      await repository.updateConference(
        tx,
        id,
        {
          status,
          minutes: input.minutes,
          minutesRecordedAt: now,
          minutesRecordedByUserId: context.actor.userId,
          updatedAt: now,
        },
        { isSignificant: false },
      );
      await cancelReminder(tx, row);
      await recordCaseEvent(tx, clock, context, row.caseId, {
        kind: 'conference_minutes',
        summary: `退院時カンファレンス（${formatSchedule(row)}）の議事録を${isFirst ? '記録' : '更新'}しました`,
        details: {
          conferenceId: id,
          startsAt: toJstIso(row.startsAt),
          durationMinutes: row.durationMinutes,
          variant: isFirst ? null : 'updated',
        },
      });
      await notifyOthers(
        context,
        tx,
        row,
        participantIds.filter((organizationId) => organizationId !== context.actor.organizationId),
        {
          kind: 'conference_minutes',
          title: '退院時カンファレンスの議事録が記録されました',
          body: `${row.hospitalName}の退院時カンファレンス（${formatSchedule(row)}）`,
          params: conferenceParams(row),
        },
      );
      await announce(tx, caseLoaded, participantIds);
      await audit(tx, context, row, 'record_minutes');
      return present(tx, id, true);
    });
  }

  /** The .ics of a conference (RFC 5545), for participants and the case's circle. */
  async function calendar(context: ActorContext, id: string) {
    return database.transaction(async (tx) => {
      const { row, participants, participantIds, canManage } = await loadConference(tx, context, id);
      await audit(tx, context, row, 'read', { what: 'calendar' });
      const organizationId = context.actor.organizationId;
      const isInvited = canManage || (organizationId !== null && participantIds.includes(organizationId));
      return {
        filename: `conference-${id}.ics`,
        body: conferenceCalendar(row, participants, clock.now(), { isInvited }),
      };
    });
  }

  /** The next scheduled conference of a case with its participants (for the discharge summary). */
  async function nextForCase(executor: DbExecutor, caseId: string) {
    const row = await repository.nextScheduled(executor, caseId, clock.now());
    if (!row) return null;
    return { row, participants: await repository.participantsOf(executor, [row.id]) };
  }

  /** The held conferences of a case with their participants, oldest first (for the discharge summary). */
  async function heldForCase(executor: DbExecutor, caseId: string) {
    const rows = await repository.heldOfCase(executor, caseId);
    const participants = await repository.participantsOf(
      executor,
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      row,
      participants: participants.filter((participant) => participant.conferenceId === row.id),
    }));
  }

  return {
    schedule,
    listOfCase,
    heldForCase,
    get,
    update,
    cancel,
    cancelNotStartedOfCase,
    recordMinutes,
    calendar,
    nextForCase,
    jobs: notices.jobs,
  };
}

export type ConferenceService = ReturnType<typeof createConferenceService>;
