/**
 * Acute events (急変): one recorded call-out for a patient at home — when, who was called in which
 * order, who answered after how long, whether the backup hospital admitted, whether it came to
 * 119. Recorded by those who care for the patient, shown on the case's timeline, and summarised
 * per area — every area listed — with every count under 10 suppressed, and none left to subtract back.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { Tx } from '../../db/client.js';
import { errors, type ErrorDetail } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/notifications.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { japaneseDate, jstDate, toJstIso } from '../../platform/time.js';
import { addDays } from '../../domain/calendar/japanese-calendar.js';
import { auditCaseRead, loadCase, recordCaseEvent } from '../cases/case-access.js';
import { escalationRoleLabels, escalationRoles, type EscalationRole } from '../../domain/escalation/escalation.js';
import { summariseAcuteEvents, type AnsweringRole } from '../../domain/analytics/acute-event-summary.js';
import { listAreas } from '../area-analytics/area-analytics.repository.js';
import type { TextParams } from '../../domain/server-text.js';
import * as repository from './escalation.repository.js';
import { assertCaresForCase, formatJst } from './escalation.service.js';
import type { AcuteCall, CreateAcuteEventRequest } from './escalation.schema.js';

export const suppressBelow = 10;

/** Minutes after which a recorded time is "in the future" (clocks of phones and PCs differ a little). */
const clockSlackMs = 10 * 60 * 1000;

type StoredCall = {
  order: number;
  role: EscalationRole;
  organizationId: string | null;
  organizationName: string | null;
  calledAt: string | null;
  answered: boolean;
  answeredAfterMinutes: number | null;
  outcome: string | null;
  note: string | null;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function storedCalls(value: unknown): StoredCall[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((call) => {
    const role = call.role;
    if (typeof role !== 'string' || !(escalationRoles as readonly string[]).includes(role)) return [];
    return [
      {
        order: typeof call.order === 'number' ? call.order : 0,
        role: role as EscalationRole,
        organizationId: typeof call.organizationId === 'string' ? call.organizationId : null,
        organizationName: typeof call.organizationName === 'string' ? call.organizationName : null,
        calledAt: typeof call.calledAt === 'string' ? call.calledAt : null,
        answered: call.answered === true,
        answeredAfterMinutes: typeof call.answeredAfterMinutes === 'number' ? call.answeredAfterMinutes : null,
        outcome: typeof call.outcome === 'string' ? call.outcome : null,
        note: typeof call.note === 'string' ? call.note : null,
      },
    ];
  });
}

/** The first call that was answered, other than 119 (who responded). */
function firstResponder(calls: readonly StoredCall[]): StoredCall | null {
  return (
    [...calls].sort((a, b) => a.order - b.order).find((call) => call.answered && call.role !== 'emergency_119') ?? null
  );
}

function presentEvent(row: repository.AcuteEventRow, names: Map<string, string>) {
  const calls = storedCalls(row.calls).sort((a, b) => a.order - b.order);
  const responder = firstResponder(calls);
  return {
    id: row.id,
    caseId: row.caseId,
    occurredAt: toJstIso(row.occurredAt),
    calls: calls.map((call) => ({
      order: call.order,
      role: call.role,
      roleLabel: escalationRoleLabels[call.role],
      organization: call.organizationId
        ? { id: call.organizationId, name: names.get(call.organizationId) ?? call.organizationName ?? '' }
        : null,
      calledAt: call.calledAt,
      answered: call.answered,
      answeredAfterMinutes: call.answeredAfterMinutes,
      outcome: call.outcome,
      note: call.note,
    })),
    respondedBy: responder
      ? {
          role: responder.role,
          roleLabel: escalationRoleLabels[responder.role],
          organizationId: responder.organizationId,
          answeredAfterMinutes: responder.answeredAfterMinutes,
        }
      : null,
    admitted: row.admitted,
    admittedHospital: row.admittedHospitalId
      ? { id: row.admittedHospitalId, name: names.get(row.admittedHospitalId) ?? '' }
      : null,
    reached119: row.reached119,
    note: row.note,
    areaCode: row.areaCode,
    recordedByOrganizationId: row.recordedByOrganizationId,
    createdAt: toJstIso(row.createdAt),
  };
}

/**
 * The summary's values (domain/server-text.ts): `parts` names its pieces in order, so that a client
 * can say the same in another language.
 */
function timelineParams(
  occurredAt: Date,
  calls: readonly StoredCall[],
  admitted: boolean,
  hospitalName: string | null,
  reached119: boolean,
): TextParams {
  const responder = firstResponder(calls);
  const parts = ['calls'];
  if (responder)
    parts.push(
      `responder${responder.answeredAfterMinutes === null ? '' : '_minutes'}${responder.organizationName ? '' : '_unnamed'}`,
    );
  else parts.push('no_responder');
  if (admitted) parts.push(hospitalName ? 'admitted' : 'admitted_unknown');
  if (reached119) parts.push('reached119');
  return {
    parts,
    occurredAt: toJstIso(occurredAt),
    count: calls.length,
    calledAs: responder?.role ?? null,
    responderName: responder?.organizationName ?? null,
    minutes: responder?.answeredAfterMinutes ?? null,
    hospitalName,
  };
}

/** One-line summary for the case's timeline. */
function timelineSummary(
  occurredAt: Date,
  calls: readonly StoredCall[],
  admitted: boolean,
  hospitalName: string | null,
  reached119: boolean,
) {
  const responder = firstResponder(calls);
  const parts = [`急変（${formatJst(occurredAt)}）: ${calls.length}件に連絡`];
  if (responder)
    parts.push(
      `${escalationRoleLabels[responder.role]}${responder.organizationName ? `（${responder.organizationName}）` : ''}が` +
        `${responder.answeredAfterMinutes === null ? '' : `${responder.answeredAfterMinutes}分で`}応答`,
    );
  else parts.push('119番以外の応答なし');
  if (admitted) parts.push(`${hospitalName ?? '病院'}に入院`);
  if (reached119) parts.push('119番通報');
  return parts.join('、');
}

export function createAcuteEventService(deps: AppDeps) {
  const { database, clock } = deps;

  async function validate(
    tx: Tx,
    caseId: string,
    input: CreateAcuteEventRequest,
    death: { outcome: string | null; outcomeOn: string | null },
  ) {
    const problems: ErrorDetail[] = [];
    const now = clock.now().getTime();
    const occurredAt = new Date(input.occurredAt);
    // After the patient died nothing acute can happen at home; an event of that day or before can
    // still be recorded afterwards.
    if ((death.outcome === 'died_home' || death.outcome === 'died_hospital') && death.outcomeOn) {
      if (jstDate(occurredAt) > death.outcomeOn)
        problems.push({
          path: 'occurredAt',
          message: `患者は${japaneseDate(death.outcomeOn)}に亡くなっています。それより後の急変は記録できません。`,
        });
    }
    if (occurredAt.getTime() > now + clockSlackMs)
      problems.push({ path: 'occurredAt', message: '急変の時刻が未来になっています。' });
    if (occurredAt.getTime() < now - 2 * 366 * 24 * 60 * 60 * 1000)
      problems.push({ path: 'occurredAt', message: '2年より前の急変は記録できません。' });
    const orders = new Set<number>();
    input.calls.forEach((call: AcuteCall, index) => {
      const path = `calls.${index}`;
      if (orders.has(call.order))
        problems.push({ path: `${path}.order`, message: `順番 ${call.order} が重複しています。` });
      orders.add(call.order);
      if (call.role === 'emergency_119' && call.organizationId)
        problems.push({ path: `${path}.organizationId`, message: '119番には組織を指定しません。' });
      if (call.role !== 'emergency_119' && !call.organizationId)
        problems.push({ path: `${path}.organizationId`, message: '連絡した組織を指定してください。' });
      if (!call.answered && call.answeredAfterMinutes !== undefined)
        problems.push({
          path: `${path}.answeredAfterMinutes`,
          message: '応答がなかった連絡に応答時間は入力できません。',
        });
      if (call.calledAt) {
        const calledAt = new Date(call.calledAt).getTime();
        if (calledAt < occurredAt.getTime() - clockSlackMs)
          problems.push({ path: `${path}.calledAt`, message: '連絡した時刻が急変の時刻より前です。' });
        if (calledAt > now + clockSlackMs)
          problems.push({ path: `${path}.calledAt`, message: '連絡した時刻が未来です。' });
      }
    });
    const ids = [
      ...input.calls.flatMap((call) => (call.organizationId ? [call.organizationId] : [])),
      ...(input.admittedHospitalId ? [input.admittedHospitalId] : []),
    ];
    const found = new Map((await repository.findOrganizations(tx, ids)).map((row) => [row.id, row]));
    // Each call names whom it reached as what: a doctor as a doctor, a hospital as the backup
    // hospital, and the patient's own primary doctor (of that moment, when the team had one) as such.
    const primaries = Number.isNaN(occurredAt.getTime())
      ? []
      : await repository.teamRoleHoldersAt(tx, caseId, 'primary_doctor', occurredAt);
    const primaryIds = new Set(primaries.map((holder) => holder.organizationId));
    input.calls.forEach((call, index) => {
      const path = `calls.${index}.organizationId`;
      if (!call.organizationId) return;
      const organization = found.get(call.organizationId);
      if (!organization) {
        problems.push({ path, message: '指定された組織が見つかりません。' });
        return;
      }
      const label = escalationRoleLabels[call.role];
      if (call.role === 'backup_hospital' && organization.kind !== 'hospital')
        problems.push({ path, message: `${organization.name}は病院ではないため、${label}として記録できません。` });
      if (
        (call.role === 'primary_doctor' || call.role === 'secondary_doctor' || call.role === 'on_duty') &&
        organization.kind !== 'clinic' &&
        organization.kind !== 'hospital'
      )
        problems.push({ path, message: `${organization.name}は医療機関ではないため、${label}として記録できません。` });
      if (call.role === 'primary_doctor' && primaryIds.size > 0 && !primaryIds.has(organization.id))
        problems.push({
          path,
          message: `${organization.name}はこの時点の主治医ではありません（主治医: ${primaries.map((holder) => holder.name).join('、')}）。`,
        });
      if (call.role === 'secondary_doctor' && primaryIds.has(organization.id))
        problems.push({
          path,
          message: `${organization.name}はこの患者の主治医です。副主治医としては記録できません。`,
        });
    });
    if (input.admittedHospitalId) {
      const hospital = found.get(input.admittedHospitalId);
      if (!hospital) problems.push({ path: 'admittedHospitalId', message: '指定された病院が見つかりません。' });
      else if (hospital.kind !== 'hospital')
        problems.push({ path: 'admittedHospitalId', message: `${hospital.name}は病院ではありません。` });
      if (!input.admitted)
        problems.push({ path: 'admittedHospitalId', message: '入院しなかった場合は病院を指定しません。' });
    }
    if (problems.length > 0) throw errors.validation(problems);
    return { occurredAt, names: new Map([...found.values()].map((row) => [row.id, row.name])) };
  }

  async function create(context: ActorContext, caseId: string, input: CreateAcuteEventRequest, tx: Tx) {
    const loaded = await loadCase(tx, context, caseId);
    assertCaresForCase(context, loaded, '急変の記録');
    const { occurredAt, names } = await validate(tx, caseId, input, {
      outcome: loaded.row.outcome,
      outcomeOn: loaded.row.outcomeOn,
    });
    const calls: StoredCall[] = [...input.calls]
      .sort((a, b) => a.order - b.order)
      .map((call) => ({
        order: call.order,
        role: call.role,
        organizationId: call.organizationId ?? null,
        organizationName: call.organizationId ? (names.get(call.organizationId) ?? null) : null,
        calledAt: call.calledAt ? toJstIso(new Date(call.calledAt)) : null,
        answered: call.answered,
        answeredAfterMinutes: call.answeredAfterMinutes ?? null,
        outcome: call.outcome ?? (call.answered ? null : 'no_answer'),
        note: call.note ?? null,
      }));
    const reached119 = calls.some((call) => call.role === 'emergency_119');
    const id = randomUUID();
    await repository.insertAcuteEvent(tx, {
      id,
      caseId,
      occurredAt,
      calls,
      admitted: input.admitted,
      admittedHospitalId: input.admittedHospitalId ?? null,
      reached119,
      note: input.note ?? null,
      areaCode: loaded.row.areaCode,
      recordedByUserId: context.actor.userId,
      recordedByOrganizationId: context.actor.organizationId,
      createdAt: clock.now(),
    });
    const hospitalName = input.admittedHospitalId ? (names.get(input.admittedHospitalId) ?? null) : null;
    const summary = timelineSummary(occurredAt, calls, input.admitted, hospitalName, reached119);
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'acute_event',
      summary,
      details: {
        acuteEventId: id,
        admitted: input.admitted,
        reached119,
        calls: calls.length,
        ...timelineParams(occurredAt, calls, input.admitted, hospitalName, reached119),
      },
    });
    await writeAudit(tx, clock, context, {
      action: 'create',
      entity: 'acute_event',
      entityId: id,
      ownerOrganizationId: loaded.row.hospitalOrganizationId,
      details: { caseId, calls: calls.length, admitted: input.admitted, reached119 },
    });
    const team = await repository.teamContacts(tx, caseId);
    const recipients = new Set(
      [
        loaded.row.hospitalOrganizationId,
        ...team.filter((member) => member.role === 'primary_doctor').map((member) => member.organization.id),
        input.admittedHospitalId ?? null,
      ].filter((entry): entry is string => Boolean(entry) && entry !== context.actor.organizationId),
    );
    for (const organizationId of recipients)
      await notify(tx, clock, {
        recipientOrganizationId: organizationId,
        kind: 'acute_event',
        title: '在宅患者の急変が記録されました',
        body: summary,
        params: timelineParams(occurredAt, calls, input.admitted, hospitalName, reached119),
        link: `/cases/${caseId}`,
        entity: 'case',
        entityId: caseId,
      });
    const row = await repository.findAcuteEvent(tx, id);
    if (!row) throw errors.notFound();
    return presentEvent(row, names);
  }

  async function list(context: ActorContext, caseId: string, query: { limit: number; cursor?: string | undefined }) {
    return database.transaction(async (tx) => {
      const loaded = await loadCase(tx, context, caseId);
      assertCaresForCase(context, loaded, '急変の記録');
      await auditCaseRead(tx, clock, context, loaded, 'acute_events');
      const cursor = decodeCursor(query.cursor, 'timestamp');
      const rows = await repository.acuteEventsOfCase(tx, caseId, {
        limit: query.limit,
        after: cursor ? { occurredAt: new Date(cursor.key), id: cursor.id } : undefined,
      });
      const page = pageOf(rows, query.limit, (row) => ({ key: row.occurredAt.toISOString(), id: row.id }));
      const ids = page.items.flatMap((row) => [
        ...storedCalls(row.calls).flatMap((call) => (call.organizationId ? [call.organizationId] : [])),
        ...(row.admittedHospitalId ? [row.admittedHospitalId] : []),
      ]);
      const names = new Map((await repository.findOrganizations(tx, ids)).map((row) => [row.id, row.name]));
      return { items: page.items.map((row) => presentEvent(row, names)), nextCursor: page.nextCursor };
    });
  }

  /**
   * Per area: events, events someone answered (and who answered first), admissions, events that
   * reached 119, the median minutes to the first answer. Every area is listed; a count of 1–9, or one the
   * total or another count would give back, is null (domain/analytics/acute-event-summary.ts); 0 is shown.
   */
  async function summary(
    context: ActorContext,
    query: { from?: string | undefined; to?: string | undefined; areaCode?: string | undefined },
  ) {
    const today = jstDate(clock.now());
    const to = query.to ?? today;
    const from = query.from ?? addDays(to, -364);
    if (from > to) throw errors.badRequest('invalid_period', '期間の初日は最終日以前にしてください。');
    return database.transaction(async (tx) => {
      const rows = await repository.acuteEventsBetween(tx, {
        from: new Date(`${from}T00:00:00+09:00`),
        to: new Date(`${addDays(to, 1)}T00:00:00+09:00`),
        areaCode: query.areaCode,
      });
      // Every area is listed whatever it holds, suppressed by the rule of every figure for the city (no row's presence
      // says that an area had 1–9 events): domain/analytics/acute-event-summary.ts.
      const areaRows = (await listAreas(tx)).filter((area) => !query.areaCode || area.code === query.areaCode);
      const figures = summariseAcuteEvents(
        rows.map((row) => {
          const responder = firstResponder(storedCalls(row.calls));
          return {
            areaCode: row.areaCode,
            responderRole: responder ? (responder.role as AnsweringRole) : null,
            answeredAfterMinutes: responder?.answeredAfterMinutes ?? null,
            admitted: row.admitted,
            reached119: row.reached119,
          };
        }),
        { areas: areaRows, threshold: suppressBelow },
      );
      await writeAudit(tx, clock, context, {
        action: 'read',
        entity: 'acute_event_summary',
        details: { from, to, areaCode: query.areaCode ?? null },
      });
      return {
        from,
        to,
        suppressBelow,
        suppressionNote: `${suppressBelow}件未満の集計は表示しません（急変の件数が${suppressBelow}件未満の地域は件数も表示しません）。合計や件数から差し引くと${suppressBelow}件未満が分かってしまう地域・内訳も表示しません。0件は表示します。すべての区を、件数がなくても示します。`,
        areas: figures.areas,
        total: figures.total,
      };
    });
  }

  return { create, list, summary };
}

export type AcuteEventService = ReturnType<typeof createAcuteEventService>;
