/**
 * The Coordination Center's desk: consultations for hard cases (opened when a hospital routes a
 * case to the Center, or automatically when a direct case runs out of time) and general
 * questions from professionals (相談窓口), each a thread with a status.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { errors } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/notifications.js';
import { japaneseDate, jstDate, toJstIso } from '../../platform/time.js';
import { ageOn } from '../../domain/cases/minimum-necessary.js';
import { assertVersionAudited } from '../../platform/versioning.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { InvalidTransitionError } from '../../domain/cases/state-machine.js';
import {
  consultationEvents,
  nextConsultationStatus,
  type ConsultationEvent,
  type ConsultationStatus,
} from '../../domain/cases/consultation-state.js';
import { difficultyReasonLabels, type DifficultyReason } from '../../domain/cases/case-codes.js';
import type { ConsultationSubjectCode, TextParams } from '../../domain/server-text.js';
import * as repository from './consultation.repository.js';
import { consentScopesOf } from '../cases/case-access.js';
import type { ConsultationSort, ListConsultationsQuery } from './consultation.schema.js';

const dayMs = 24 * 60 * 60 * 1000;

export function toAppError(error: unknown): never {
  if (error instanceof InvalidTransitionError) throw errors.invalidTransition(error.message);
  throw error;
}

/** The subject of a case's consultation: the hospital that asks (the patient and dates are shown beside it). */
function caseSubject(hospitalName: string): string {
  return `退院調整の相談（${hospitalName}）`;
}

/** The code and values of a generated subject, so that a client can say it in another language. */
function subjectTextOf(row: { caseId: string | null; requesterName: string | null }): {
  subjectCode: ConsultationSubjectCode | null;
  subjectParams: TextParams | null;
} {
  return row.caseId && row.requesterName
    ? { subjectCode: 'case_discharge', subjectParams: { hospitalName: row.requesterName } }
    : { subjectCode: null, subjectParams: null };
}

/**
 * The values of a notification that names the consultation: a case's generated subject also gives the hospital
 * (variant `case`, after the caller's own variant), so that the notification reads in another language too.
 */
function subjectNotificationParams(
  row: { caseId: string | null; requesterName: string | null; subject: string },
  variant?: string,
): TextParams {
  const { subjectCode, subjectParams } = subjectTextOf(row);
  if (!subjectCode) return { ...(variant ? { variant } : {}), subject: row.subject };
  return { variant: variant ? `${variant}_case` : 'case', subject: row.subject, subjectCode, ...subjectParams };
}

export function createConsultationService(deps: AppDeps) {
  const { database, clock } = deps;

  function isCenter(context: ActorContext): boolean {
    return context.actor.role === 'center_coordinator';
  }

  async function notifyCenter(
    executor: DbExecutor,
    message: { title: string; body: string; params: TextParams },
    consultationId: string,
  ) {
    for (const organizationId of await repository.centerOrganizationIds(executor)) {
      await notify(executor, clock, {
        recipientOrganizationId: organizationId,
        kind: 'consultation_new',
        title: message.title,
        body: message.body,
        params: message.params,
        link: `/center/consultations/${consultationId}`,
        entity: 'consultation',
        entityId: consultationId,
      });
    }
  }

  /** Opens the consultation of a case routed to the Center (by the hospital, or by the hand-on job). */
  async function openForCase(
    tx: Tx,
    context: ActorContext | { actor: null; requestId: string; ip: string },
    input: {
      caseId: string;
      hospitalOrganizationId: string;
      hospitalName: string;
      plannedDischargeDate: string;
      difficulty: DifficultyReason[];
      note: string;
      reason: 'request' | 'timeout';
    },
  ): Promise<string> {
    const existing = await repository.openConsultationOfCase(tx, input.caseId);
    if (existing) return existing.id;
    const id = randomUUID();
    const now = clock.now();
    const reasons = input.difficulty.map((reason) => difficultyReasonLabels[reason]).join('・');
    await repository.insertConsultation(tx, {
      id,
      caseId: input.caseId,
      requesterOrganizationId: input.hospitalOrganizationId,
      requesterUserId: context.actor?.userId ?? null,
      // The discharge date moves; the inbox shows the case's current one beside the subject.
      subject: caseSubject(input.hospitalName),
      reason: input.reason,
      difficulty: input.difficulty,
      note: input.note,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    });
    if (input.note) {
      await repository.insertMessage(tx, {
        id: randomUUID(),
        consultationId: id,
        authorUserId: context.actor?.userId ?? null,
        authorOrganizationId: context.actor?.organizationId ?? input.hospitalOrganizationId,
        body: input.note,
        createdAt: now,
      });
    }
    await notifyCenter(
      tx,
      {
        title:
          input.reason === 'timeout'
            ? '期限が迫った直接調整ケースが引き継がれました'
            : '新しい退院調整の相談があります',
        body: `${input.hospitalName}（退院予定 ${japaneseDate(input.plannedDischargeDate)}）理由: ${reasons}`,
        params: {
          variant: input.reason === 'timeout' ? 'case_timeout' : 'case',
          hospitalName: input.hospitalName,
          plannedDischargeDate: input.plannedDischargeDate,
          difficulty: input.difficulty,
        },
      },
      id,
    );
    return id;
  }

  async function createGeneral(context: ActorContext, input: { subject: string; body: string }, tx: Tx) {
    if (isCenter(context)) throw errors.forbidden('センターから相談窓口に相談することはできません。');
    const id = randomUUID();
    const now = clock.now();
    await repository.insertConsultation(tx, {
      id,
      caseId: null,
      requesterOrganizationId: context.actor.organizationId,
      requesterUserId: context.actor.userId,
      subject: input.subject,
      reason: 'general',
      note: input.body,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    });
    await repository.insertMessage(tx, {
      id: randomUUID(),
      consultationId: id,
      authorUserId: context.actor.userId,
      authorOrganizationId: context.actor.organizationId,
      body: input.body,
      createdAt: now,
    });
    await notifyCenter(
      tx,
      {
        title: '相談窓口に新しい相談があります',
        body: input.subject,
        params: { variant: 'desk', subject: input.subject },
      },
      id,
    );
    await writeAudit(tx, clock, context, {
      action: 'create',
      entity: 'consultation',
      entityId: id,
      ownerOrganizationId: context.actor.organizationId,
    });
    return present(context, (await repository.findConsultation(tx, id)) as repository.ConsultationRow);
  }

  /**
   * Whether the caller sees whom a case's consultation is about: the case's hospital (it registered the patient), or
   * the Center while the patient's consent names it. Others (a former hospital, a general consultation) do not.
   */
  function showsPatient(context: ActorContext, row: repository.ConsultationRow): boolean {
    if (!row.caseId || !row.casePatientName) return false;
    if (context.actor.organizationId !== null && row.caseHospitalOrganizationId === context.actor.organizationId)
      return true;
    return isCenter(context) && consentScopesOf({ consent: row.caseConsent ?? {} }).includes('center');
  }

  function present(context: ActorContext, row: repository.ConsultationRow) {
    const now = clock.now();
    return {
      id: row.id,
      kind: row.caseId ? ('case' as const) : ('general' as const),
      caseId: row.caseId,
      // A case's subject is generated; older ones named the discharge date of the day they were sent.
      subject: row.caseId && row.requesterName ? caseSubject(row.requesterName) : row.subject,
      // A general consultation's subject is what its author typed: no code, shown as it is in every language.
      ...subjectTextOf(row),
      // The Center (the patient consented to it) and the case's hospital see whom the consultation is about, so
      // that two consultations of one hospital are told apart.
      patient:
        showsPatient(context, row) && row.casePatientName
          ? {
              name: row.casePatientName,
              nameKana: row.casePatientNameKana ?? '',
              age: row.casePatientBirthDate ? ageOn(row.casePatientBirthDate, jstDate(now)) : null,
            }
          : null,
      reason: row.reason,
      difficulty: row.difficulty as DifficultyReason[],
      note: row.note,
      status: row.status as ConsultationStatus,
      requesterOrganizationId: row.requesterOrganizationId,
      requesterName: row.requesterName,
      assignedUserId: row.assignedUserId,
      assigneeName: row.assigneeName,
      plannedDischargeDate: row.casePlannedDischargeDate,
      dischargedOn: row.caseDischargedOn,
      caseStatus: row.caseStatus,
      ageDays: Math.floor((now.getTime() - row.createdAt.getTime()) / dayMs),
      // Counted while the patient is still to go home: not for a consultation closed, nor a case discharged or ended.
      daysToDischarge:
        row.casePlannedDischargeDate &&
        row.status !== 'closed' &&
        (row.caseStatus === 'planning' || row.caseStatus === 'coordinating')
          ? Math.round(
              (new Date(`${row.casePlannedDischargeDate}T00:00:00Z`).getTime() -
                new Date(`${jstDate(now)}T00:00:00Z`).getTime()) /
                dayMs,
            )
          : null,
      version: row.version,
      createdAt: toJstIso(row.createdAt),
      updatedAt: toJstIso(row.updatedAt),
    };
  }

  /** The caller's view: the Center sees its inbox; others see what their organisation asked. */
  async function loadVisible(
    executor: DbExecutor,
    context: ActorContext,
    id: string,
    options: { forUpdate?: boolean } = {},
  ) {
    const row = await repository.findConsultation(executor, id, options);
    if (!row) throw errors.notFound('指定された相談が見つかりません。');
    const isRequester =
      context.actor.organizationId !== null && row.requesterOrganizationId === context.actor.organizationId;
    if (!isCenter(context) && !isRequester) throw errors.notFound('指定された相談が見つかりません。');
    if (isCenter(context) && row.caseId) {
      // Case consultations are visible to the Center only while the case is routed to it with consent.
      if (!(await repository.isInCenterView(executor, row.id)))
        throw errors.notFound('指定された相談が見つかりません。');
    }
    return row;
  }

  /** Reads `?cursor=` of the inbox: the last row's key in the order the list is sorted by. */
  function positionOf(sort: ConsultationSort, cursor: string | undefined): repository.ConsultationPosition | undefined {
    if (sort === 'plannedDischargeDate') {
      const decoded = decodeCursor(cursor, 'textThenTimestamp');
      if (!decoded) return undefined;
      const [plannedDischargeDate, createdAt] = decoded.key;
      return { sort, plannedDischargeDate, createdAt: new Date(createdAt), id: decoded.id };
    }
    const decoded = decodeCursor(cursor, 'timestamp');
    return decoded ? { sort, createdAt: new Date(decoded.key), id: decoded.id } : undefined;
  }

  /**
   * The Center's inbox (or what the caller's organisation asked), one page in the chosen order:
   * oldest first by default, or by the case's discharge date; ties by when it came in, then id.
   */
  async function list(context: ActorContext, query: ListConsultationsQuery) {
    const sort = query.sort ?? 'age';
    const rows = await repository.listConsultations(database.db, {
      sort,
      after: positionOf(sort, query.cursor),
      limit: query.limit + 1,
      ...(query.status ? { statuses: query.status } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.caseId ? { caseId: query.caseId } : {}),
      ...(isCenter(context)
        ? { centerView: true }
        : { requesterOrganizationId: context.actor.organizationId ?? '00000000-0000-0000-0000-000000000000' }),
      ...(query.assigned === 'me' ? { assignedUserId: context.actor.userId } : {}),
      ...(query.assigned === 'unassigned' ? { isUnassigned: true } : {}),
    });
    const page = pageOf(rows, query.limit, (row) => ({
      key:
        sort === 'plannedDischargeDate'
          ? [row.casePlannedDischargeDate ?? repository.noDischargeDate, row.createdAt.toISOString()]
          : row.createdAt.toISOString(),
      id: row.id,
    }));
    // Whose patient data the list showed: the cases named in it (as the case list records its ids).
    const caseIds = page.items.filter((row) => showsPatient(context, row)).map((row) => row.caseId as string);
    await writeAudit(database.db, clock, context, {
      action: 'list',
      entity: 'consultation',
      details: { count: page.items.length, ...(caseIds.length > 0 ? { caseIds } : {}) },
    });
    return { items: page.items.map((row) => present(context, row)), nextCursor: page.nextCursor };
  }

  async function get(context: ActorContext, id: string) {
    const row = await loadVisible(database.db, context, id);
    await writeAudit(database.db, clock, context, {
      action: 'read',
      entity: 'consultation',
      entityId: id,
      ownerOrganizationId: row.requesterOrganizationId,
      ...(showsPatient(context, row) ? { details: { caseId: row.caseId } } : {}),
    });
    return detail(database.db, context, row);
  }

  async function detail(executor: DbExecutor, context: ActorContext, row: repository.ConsultationRow) {
    const messages = await repository.listMessages(executor, row.id);
    return {
      ...present(context, row),
      messages: messages.map((message) => ({
        id: message.id,
        body: message.body,
        authorName: message.authorName,
        authorOrganizationName: message.authorOrganizationName,
        isFromCenter:
          message.authorOrganizationId !== null && message.authorOrganizationId !== row.requesterOrganizationId,
        createdAt: toJstIso(message.createdAt),
      })),
    };
  }

  async function changeStatus(
    tx: Tx,
    context: ActorContext,
    row: repository.ConsultationRow,
    event: ConsultationEvent,
    values: Partial<Parameters<typeof repository.updateConsultation>[2]> = {},
    details?: Record<string, unknown>,
    /** What the audit trail calls the change (the event, unless the status moved for another reason). */
    recordedAs: ConsultationEvent = event,
  ) {
    let status: ConsultationStatus;
    try {
      status = nextConsultationStatus(row.status as ConsultationStatus, event);
    } catch (error) {
      toAppError(error);
    }
    const now = clock.now();
    await repository.updateConsultation(tx, row.id, {
      ...values,
      status,
      updatedAt: now,
      closedAt: status === 'closed' ? now : null,
    });
    await writeAudit(tx, clock, context, {
      action: recordedAs,
      entity: 'consultation',
      entityId: row.id,
      ownerOrganizationId: row.requesterOrganizationId,
      ...(details ? { details } : {}),
    });
    return status;
  }

  /** The enabled coordinators of the caller's Center: whom a consultation can be assigned to. */
  async function coordinators(context: ActorContext) {
    if (!isCenter(context) || !context.actor.organizationId) throw errors.forbidden();
    return repository.centerCoordinators(database.db, context.actor.organizationId);
  }

  async function assign(context: ActorContext, id: string, input: { userId: string | null }, expectedVersion: number) {
    if (!isCenter(context)) throw errors.forbidden();
    return database.transaction(async (tx) => {
      const row = await loadVisible(tx, context, id, { forUpdate: true });
      // The 412 names who changed it last (the state machine's events are what give it a new version).
      await assertVersionAudited(tx, expectedVersion, row.version, {
        entity: 'consultation',
        entityId: row.id,
        actions: consultationEvents,
      });
      if (input.userId !== null) {
        const assignee = await repository.findUserInOrganizationOfKind(tx, input.userId);
        if (!assignee || assignee.isDisabled || assignee.role !== 'center_coordinator') {
          throw errors.validation([{ path: 'userId', message: '担当者にはセンターの調整員を指定してください。' }]);
        }
      }
      await changeStatus(
        tx,
        context,
        row,
        'assign',
        { assignedUserId: input.userId },
        { assignedUserId: input.userId },
      );
      // The hospital that asked hears when the Center takes its case up, and from whom (once: not on a re-assignment).
      if (row.status === 'open' && row.caseId !== null && row.requesterOrganizationId && input.userId !== null) {
        const assigneeName = (await repository.findUserInOrganizationOfKind(tx, input.userId))?.name ?? '';
        await notify(tx, clock, {
          recipientOrganizationId: row.requesterOrganizationId,
          kind: 'consultation_taken',
          title: 'センターが退院調整の相談を受け付けました',
          body: `担当: ${assigneeName}（${row.subject}）`,
          params: { ...subjectNotificationParams(row), assigneeName },
          // The hospital's view of the thread (the case page links to it too).
          link: `/consultations/${row.id}`,
          entity: 'consultation',
          entityId: row.id,
        });
      }
      if (input.userId !== null && input.userId !== context.actor.userId) {
        await notify(tx, clock, {
          recipientUserId: input.userId,
          kind: 'consultation_assigned',
          title: '相談の担当になりました',
          body: row.subject,
          params: subjectNotificationParams(row),
          link: `/center/consultations/${row.id}`,
          entity: 'consultation',
          entityId: row.id,
        });
      }
      return present(context, (await repository.findConsultation(tx, id)) as repository.ConsultationRow);
    });
  }

  async function postMessage(context: ActorContext, id: string, input: { body: string }, tx: Tx) {
    let row = await loadVisible(tx, context, id, { forUpdate: true });
    const event: ConsultationEvent = isCenter(context) ? 'answer' : 'reply';
    if (row.status === 'closed')
      throw errors.invalidTransition('この相談は終了しています。再開してから書き込んでください。');
    // A coordinator who answers a consultation nobody has taken takes it: recorded as an assignment of its own.
    const takesIt = isCenter(context) && row.assignedUserId === null;
    if (takesIt) {
      await changeStatus(
        tx,
        context,
        row,
        'assign',
        { assignedUserId: context.actor.userId },
        { assignedUserId: context.actor.userId, byAnswer: true },
      );
      row = (await repository.findConsultation(tx, id)) as repository.ConsultationRow;
    }
    await repository.insertMessage(tx, {
      id: randomUUID(),
      consultationId: id,
      authorUserId: context.actor.userId,
      authorOrganizationId: context.actor.organizationId,
      body: input.body,
      createdAt: clock.now(),
    });
    // A case consultation stays "in progress" while the Center coordinates; a general one is answered.
    const isCaseAnswer = event === 'answer' && row.caseId !== null;
    if (!isCaseAnswer) await changeStatus(tx, context, row, event);
    // Its status stays (対応中); the answer is still a change of the consultation, recorded as one.
    else await changeStatus(tx, context, row, 'assign', {}, undefined, 'answer');
    if (isCenter(context) && row.requesterOrganizationId) {
      await notify(tx, clock, {
        recipientOrganizationId: row.requesterOrganizationId,
        kind: 'consultation_answer',
        title: 'センターから回答がありました',
        body: row.subject,
        params: subjectNotificationParams(row),
        // The thread where the answer is (the hospital's view of it; the case page links to it too).
        link: `/consultations/${row.id}`,
        entity: 'consultation',
        entityId: row.id,
      });
    } else {
      await notifyCenter(
        tx,
        { title: '相談に返信がありました', body: row.subject, params: subjectNotificationParams(row, 'reply') },
        row.id,
      );
    }
    return detail(tx, context, (await repository.findConsultation(tx, id)) as repository.ConsultationRow);
  }

  async function close(context: ActorContext, id: string, event: 'close' | 'reopen', expectedVersion: number) {
    return database.transaction(async (tx) => {
      const row = await loadVisible(tx, context, id, { forUpdate: true });
      // Closing what another just answered (or reopening what another just closed) would go unseen: 412 naming them.
      await assertVersionAudited(tx, expectedVersion, row.version, {
        entity: 'consultation',
        entityId: row.id,
        actions: consultationEvents,
      });
      await changeStatus(tx, context, row, event);
      return present(context, (await repository.findConsultation(tx, id)) as repository.ConsultationRow);
    });
  }

  /**
   * Closes the open consultation of a case that ended (discharged or cancelled), with a line in its thread saying why
   * — `why` is the whole sentence — so that the Center reads why it left its open list.
   */
  async function closeForCase(
    tx: Tx,
    context: ActorContext,
    caseId: string,
    why: string,
    options: { keepOpen?: boolean } = {},
  ) {
    const open = await repository.openConsultationOfCase(tx, caseId);
    if (!open) return;
    const row = await repository.findConsultation(tx, open.id, { forUpdate: true });
    if (!row) return;
    await repository.insertMessage(tx, {
      id: randomUUID(),
      consultationId: open.id,
      authorUserId: context.actor.userId,
      authorOrganizationId: context.actor.organizationId,
      body: why,
      createdAt: clock.now(),
    });
    // `keepOpen`: the line is said, but the Center's work is not over (a patient gone home with roles still open).
    if (!options.keepOpen) await changeStatus(tx, context, row, 'close');
  }

  /**
   * A case moved to another hospital (転院): its open consultation goes with it — the new hospital
   * asks and answers from now on, the thread so far stays, and a line in it says who took over.
   */
  async function transferForCase(
    tx: Tx,
    input: { caseId: string; fromHospitalName: string; hospitalOrganizationId: string; hospitalName: string },
  ) {
    const open = await repository.openConsultationOfCase(tx, input.caseId);
    if (!open) return;
    const now = clock.now();
    await repository.updateConsultation(tx, open.id, {
      requesterOrganizationId: input.hospitalOrganizationId,
      requesterUserId: null,
      subject: caseSubject(input.hospitalName),
      updatedAt: now,
    });
    await repository.insertMessage(tx, {
      id: randomUUID(),
      consultationId: open.id,
      authorUserId: null,
      authorOrganizationId: input.hospitalOrganizationId,
      body: `転院により、${input.fromHospitalName}から${input.hospitalName}がこの相談を引き継ぎました。`,
      createdAt: now,
    });
  }

  return {
    openForCase,
    createGeneral,
    list,
    get,
    assign,
    coordinators,
    postMessage,
    close,
    closeForCase,
    transferForCase,
  };
}

export type ConsultationService = ReturnType<typeof createConsultationService>;
