/**
 * Referrals: one request per organisation for one team role, sent to several at once with a
 * deadline (a time, or business days on the Japanese calendar). The receiver sees the minimum
 * necessary until it accepts; the first acceptance fills the role and withdraws the others in the
 * same transaction (the case row is locked, so racing acceptances go one at a time: exactly one
 * wins). Unanswered referrals expire by a durable job.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { Tx, DbExecutor } from '../../db/client.js';
import { errors, type ErrorDetail } from '../../platform/errors.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { writeAudit } from '../../platform/audit.js';
import { markNoticesReadFor, notify } from '../../platform/notifications.js';
import { cancelJob, scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { japaneseDate, japaneseDateTime, jstDate, toJstIso, toJstIsoOrNull } from '../../platform/time.js';
import { InvalidTransitionError } from '../../domain/cases/state-machine.js';
import {
  isOpenReferral,
  nextReferralStatus,
  type ReferralEvent,
  type ReferralStatus,
} from '../../domain/cases/referral-state.js';
import { addBusinessDays, jstInstant } from '../../domain/calendar/japanese-calendar.js';
import { roleRequirements } from '../../domain/cases/team-roles.js';
import { eligibilityProblems } from '../../domain/matching/eligibility.js';
import { canCoordinateCase } from '../../domain/policies/case-policy.js';
import {
  declineReasonLabels,
  declineReasonNeedsText,
  type DeclineReasonCode,
  type ReferralWithdrawnReason,
} from '../../domain/cases/case-codes.js';
import type { PatientGroup, Procedure, TeamRole } from '../../domain/codes.js';
import { teamRoleLabels } from '../../domain/labels.js';
import { consentScopesOf, loadCase, recordCaseEvent } from '../cases/case-access.js';
import { findCase, type CaseRow } from '../cases/case.repository.js';
import { patientNoticeWords, presentCaseSummary } from '../cases/case.presenter.js';
import { distanceKm } from '../../domain/directory/geo.js';
import type { DirectoryIndexService } from '../directory/directory-index.service.js';
import * as teams from '../teams/team.repository.js';
import * as repository from './referral.repository.js';
import type { ReferralResponse, SendReferralsRequest } from './referral.schema.js';

export const referralExpiryJob = 'referral.expire';

/**
 * The ends of a case (case.service.ts onCaseEnded reasons) as the variant of the withdrawal notice,
 * for other languages; an unknown reason has none and is shown in Japanese.
 */
const caseEndVariants: Record<string, ReferralWithdrawnReason> = {
  退院したため: 'case_discharged',
  患者が亡くなられたため: 'case_died',
  ケースが中止されたため: 'case_cancelled',
  転帰が記録されたため: 'case_closed',
};
const dayMs = 24 * 60 * 60 * 1000;

function transitionOrThrow(status: string, event: ReferralEvent): ReferralStatus {
  try {
    return nextReferralStatus(status as ReferralStatus, event);
  } catch (error) {
    if (error instanceof InvalidTransitionError) throw errors.invalidTransition(error.message);
    throw error;
  }
}

/** A referral that ended without the receiver joining: declined, withdrawn or expired. */
function isClosedFor(status: ReferralStatus): boolean {
  return status !== 'accepted' && !isOpenReferral(status);
}

/** The question thread, which speaks of the patient: none for a receiver whose referral ended without it. */
function threadFor<T>(viewer: 'sender' | 'receiver', status: string, messages: T[]): T[] {
  return viewer === 'receiver' && isClosedFor(status as ReferralStatus) ? [] : messages;
}

/**
 * The straight-line distance from the receiving organisation to the patient's home, rounded to 0.5 km: enough to
 * judge the visits, too coarse (with the ward) to point at a house. Null when either place is not located.
 */
export function homeDistanceKm(
  receiver: { organizationLat: number | null; organizationLng: number | null },
  home: { lat: number | null; lng: number | null },
): number | null {
  if (receiver.organizationLat === null || receiver.organizationLng === null || home.lat === null || home.lng === null)
    return null;
  const exact = distanceKm(receiver.organizationLng, receiver.organizationLat, home.lng, home.lat);
  return Math.max(0.5, Math.round(exact * 2) / 2);
}

/**
 * The notice that tells a receiver its referral was withdrawn: which request (role, and the patient by age band and
 * ward, never the name — a station with several requests tells them apart) and why, in `body`.
 */
function withdrawalNotice(
  referral: repository.ReferralRow,
  caseRow: Pick<CaseRow, 'birthDate' | 'areaCode'>,
  now: Date,
  body: string,
  params: Record<string, string | null>,
) {
  const patient = patientNoticeWords(caseRow, now);
  return {
    recipientOrganizationId: referral.organizationId,
    kind: 'referral_withdrawn',
    title: `紹介が取り下げられました: ${teamRoleLabels[referral.role as TeamRole]}の依頼（${patient.words}の患者）`,
    body,
    params: { ...params, role: referral.role, ...patient.params },
    link: `/referrals/${referral.id}`,
    entity: 'referral',
    entityId: referral.id,
  } as const;
}

export function createReferralService(deps: AppDeps, directory: DirectoryIndexService) {
  const { database, clock } = deps;
  const today = () => jstDate(clock.now());

  function present(
    row: repository.ReferralRow,
    options: {
      caseRow: Pick<CaseRow, 'patientName' | 'consent' | 'lat' | 'lng'> & Parameters<typeof presentCaseSummary>[0];
      viewer: 'sender' | 'receiver';
    },
  ): ReferralResponse {
    const showsCase =
      options.viewer === 'sender' || row.status === 'accepted' || isOpenReferral(row.status as ReferralStatus);
    const isAcceptedReceiver =
      options.viewer === 'receiver' &&
      row.status === 'accepted' &&
      consentScopesOf(options.caseRow).includes('team_record');
    const isClosedForReceiver = options.viewer === 'receiver' && isClosedFor(row.status as ReferralStatus);
    return {
      id: row.id,
      caseId: row.caseId,
      batchId: row.batchId,
      role: row.role as TeamRole,
      status: row.status as ReferralStatus,
      organization: { id: row.organizationId, name: row.organizationName },
      sender: { id: row.senderOrganizationId, name: row.senderOrganizationName },
      // The sender's message speaks of the patient: gone for a receiver that declined (or whose referral was withdrawn or
      // expired), as the case summary is.
      message: isClosedForReceiver ? '' : row.message,
      respondBy: toJstIso(row.respondBy),
      isOverdue: isOpenReferral(row.status as ReferralStatus) && row.respondBy.getTime() < clock.now().getTime(),
      declineReasonCode: row.declineReasonCode as DeclineReasonCode | null,
      declineReason: row.declineReason,
      withdrawnReason: row.status === 'withdrawn' ? (row.withdrawnReason as ReferralWithdrawnReason | null) : null,
      viewedAt: toJstIsoOrNull(row.viewedAt),
      respondedAt: toJstIsoOrNull(row.respondedAt),
      createdAt: toJstIso(row.createdAt),
      version: row.version,
      patientName: options.viewer === 'sender' || isAcceptedReceiver ? options.caseRow.patientName : null,
      // A receiver needs the summary to decide, and keeps it once it accepted; after it declined or
      // the referral was withdrawn or expired it has no need left (minimum necessary), so no
      // later change of the case reaches it.
      case: showsCase ? presentCaseSummary(options.caseRow, today()) : null,
      // How far the home is from the receiver, to judge the visits (ward alone says little: 北区 reaches 30 km north).
      distanceKm: showsCase ? homeDistanceKm(row, options.caseRow) : null,
    };
  }

  /** The deadline after an answer: unchanged, or 17:00 of the next business day when that is later. */
  function extendedDeadline(respondBy: Date): Date | null {
    const floor = jstInstant(addBusinessDays(today(), 1), '17:00');
    return respondBy.getTime() < floor.getTime() ? floor : null;
  }

  function resolveDeadline(input: SendReferralsRequest): Date {
    const now = clock.now();
    if (input.respondWithinBusinessDays !== undefined) {
      return jstInstant(addBusinessDays(today(), input.respondWithinBusinessDays), '17:00');
    }
    const deadline = new Date(input.respondBy ?? '');
    if (deadline.getTime() <= now.getTime())
      throw errors.validation([{ path: 'respondBy', message: '回答期限に過去の日時は指定できません。' }]);
    if (deadline.getTime() > now.getTime() + 60 * dayMs)
      throw errors.validation([{ path: 'respondBy', message: '回答期限は60日以内にしてください。' }]);
    return deadline;
  }

  async function send(context: ActorContext, caseId: string, input: SendReferralsRequest, tx: Tx) {
    const loaded = await loadCase(tx, context, caseId, { forUpdate: true });
    if (!canCoordinateCase(context.actor, loaded.facts))
      throw errors.forbidden('このケースの紹介を送る権限がありません。');
    const { row } = loaded;
    if (row.status === 'planning')
      throw errors.invalidTransition('先に調整の方法（病院が直接調整する／センターに相談する）を選んでください。');
    // After discharge too, while the outcome is not recorded: for a role the patient went home without.
    if (row.status !== 'coordinating' && row.status !== 'discharged')
      throw errors.invalidTransition('このケースは調整を終えているため、紹介を送れません。');
    if (!consentScopesOf(row).includes('referral_summary')) {
      throw errors.badRequest(
        'consent_required',
        '紹介を送るには、候補の事業所へ最小限の情報を共有する同意を記録してください。',
      );
    }
    const role = input.role;
    if (!roleRequirements[role].isReferable)
      throw errors.validation([
        { path: 'role', message: `「${teamRoleLabels[role]}」は紹介ではなく福祉の連携で依頼してください。` },
      ]);
    if (await teams.memberOfRole(tx, caseId, role))
      throw errors.conflict('role_filled', `「${teamRoleLabels[role]}」は既に決まっています。`);
    if (row.lat === null || row.lng === null)
      throw errors.badRequest('address_not_located', '患者宅の位置が登録されていないため、紹介先を確認できません。');
    const organizationIds = [...new Set(input.organizationIds)];
    const found = await repository.findOrganizations(tx, organizationIds);
    const open = await repository.openReferralsOfRole(tx, caseId, role);
    await directory.current();
    const problems: ErrorDetail[] = [];
    /** Organisations already asked for this role and not yet answered: a conflict with the case's state, not bad input. */
    const pending: ErrorDetail[] = [];
    const pendingNames: string[] = [];
    organizationIds.forEach((organizationId, index) => {
      const organization = found.find((candidate) => candidate.id === organizationId);
      if (!organization || organization.isDisabled) {
        problems.push({ path: `organizationIds.${index}`, message: '組織が見つかりません' });
        return;
      }
      if (open.some((referral) => referral.organizationId === organizationId)) {
        pendingNames.push(organization.name);
        pending.push({
          path: `organizationIds.${index}`,
          message: `${organization.name}: 回答待ちの紹介が既にあります`,
          code: 'referral_pending',
          params: { organizationName: organization.name },
        });
        return;
      }
      const reasons = eligibilityProblems(
        directory.entry(organizationId),
        role,
        { groups: row.groups as PatientGroup[], procedures: row.procedures as Procedure[] },
        { lat: row.lat ?? 0, lng: row.lng ?? 0, areaCode: row.areaCode },
      );
      if (reasons.length > 0)
        problems.push({ path: `organizationIds.${index}`, message: `${organization.name}: ${reasons.join('、')}` });
    });
    // A referral still waiting for its answer is a conflict (409): another coordinator (or an earlier
    // send) asked the same organisation for this role; reloading the team shows it as 回答待ち.
    if (pending.length > 0) {
      throw errors.conflict(
        'referral_pending',
        `「${teamRoleLabels[role]}」の紹介を既に送って回答を待っている事業所が含まれています（${pendingNames.join('、')}）。回答を待つか、その紹介を取り下げてから送り直してください。`,
        pending,
      );
    }
    if (problems.length > 0) {
      throw errors.badRequest('organization_cannot_serve', 'この患者に対応できない紹介先が含まれています。', problems);
    }
    const respondBy = resolveDeadline(input);
    const batchId = randomUUID();
    const now = clock.now();
    const sender = context.actor.organizationId ?? '';
    const values = organizationIds.map((organizationId) => ({
      id: randomUUID(),
      caseId,
      batchId,
      role,
      organizationId,
      senderOrganizationId: sender,
      senderUserId: context.actor.userId,
      status: 'sent',
      message: input.message,
      respondBy,
      createdAt: now,
      updatedAt: now,
    }));
    await repository.insertReferrals(tx, values);
    // Which patient, by age band and ward (what the receiver may read before accepting): one station asked for two
    // patients of one hospital with one discharge date tells them apart.
    const patientWords = patientNoticeWords(row, now);
    // Sent after the discharge (for a role the patient went home without): said so, with the day of discharge.
    const dischargedOn = row.status === 'discharged' ? row.dischargedOn : null;
    const notice = dischargedOn
      ? {
          title: `新しい紹介: ${teamRoleLabels[role]}の依頼（${patientWords.words}の患者、退院済み）`,
          body: `${row.hospitalName}を${japaneseDate(dischargedOn)}に退院し、在宅で療養中の患者について、${japaneseDateTime(respondBy)} までに回答してください。`,
          variant: `${patientWords.variant}_discharged`,
        }
      : {
          title: `新しい紹介: ${teamRoleLabels[role]}の依頼（${patientWords.words}の患者）`,
          body: `${row.hospitalName}の患者（退院予定 ${japaneseDate(row.plannedDischargeDate)}）について、${japaneseDateTime(respondBy)} までに回答してください。`,
          variant: patientWords.variant,
        };
    for (const value of values) {
      await scheduleJob(tx, clock, {
        kind: referralExpiryJob,
        runAt: respondBy,
        payload: { referralId: value.id, caseId },
        uniqueKey: `${referralExpiryJob}:${value.id}`,
      });
      await notify(tx, clock, {
        recipientOrganizationId: value.organizationId,
        kind: 'referral_new',
        title: notice.title,
        body: notice.body,
        params: {
          role,
          hospitalName: row.hospitalName,
          plannedDischargeDate: row.plannedDischargeDate,
          ...(dischargedOn ? { dischargedOn } : {}),
          respondByAt: toJstIso(respondBy),
          variant: notice.variant,
          ...patientWords.params,
        },
        link: `/referrals/${value.id}`,
        entity: 'referral',
        entityId: value.id,
      });
    }
    const names = organizationIds.map((id) => found.find((organization) => organization.id === id)?.name ?? id);
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'referrals_sent',
      summary: `「${teamRoleLabels[role]}」の紹介を${names.length}件送りました（${names.join('、')}）`,
      details: { batchId, role, organizationIds, count: names.length, names },
    });
    await writeAudit(tx, clock, context, {
      action: 'send_referrals',
      entity: 'case',
      entityId: caseId,
      ownerOrganizationId: row.hospitalOrganizationId,
      details: { batchId, role, organizationIds },
    });
    const created = await repository.findReferralsByIds(
      tx,
      values.map((value) => value.id),
    );
    return { batchId, items: created.map((referral) => present(referral, { caseRow: row, viewer: 'sender' })) };
  }

  /** Loads a referral with the caller's side of it; neither side → not found. */
  async function loadReferral(executor: DbExecutor, context: ActorContext, id: string) {
    const referral = await repository.findReferral(executor, id);
    if (!referral) throw errors.notFound('指定された紹介が見つかりません。');
    const caseRow = await findCase(executor, referral.caseId);
    if (!caseRow) throw errors.notFound('指定された紹介が見つかりません。');
    if (context.actor.organizationId !== null && referral.organizationId === context.actor.organizationId) {
      return { referral, caseRow, viewer: 'receiver' as const };
    }
    try {
      const loaded = await loadCase(executor, context, referral.caseId);
      if (
        canCoordinateCase(context.actor, loaded.facts) ||
        referral.senderOrganizationId === context.actor.organizationId
      ) {
        return { referral, caseRow, viewer: 'sender' as const };
      }
    } catch {
      // fall through: not found for this caller
    }
    throw errors.notFound('指定された紹介が見つかりません。');
  }

  async function get(context: ActorContext, id: string) {
    return database.transaction(async (tx) => {
      const loaded = await loadReferral(tx, context, id);
      const { caseRow, viewer } = loaded;
      let { referral } = loaded;
      if (viewer === 'receiver' && referral.status === 'sent') {
        const status = transitionOrThrow(referral.status, 'view');
        await repository.updateReferral(tx, id, { status, viewedAt: clock.now(), updatedAt: clock.now() });
        await recordCaseEvent(tx, clock, context, referral.caseId, {
          kind: 'referral_viewed',
          summary: `${referral.organizationName}が「${teamRoleLabels[referral.role as TeamRole]}」の紹介を閲覧しました`,
          details: { organizationName: referral.organizationName, role: referral.role },
        });
        referral = (await repository.findReferral(tx, id)) ?? referral;
      }
      await writeAudit(tx, clock, context, {
        action: 'read',
        entity: 'referral',
        entityId: id,
        ownerOrganizationId: caseRow.hospitalOrganizationId,
        details: { caseId: referral.caseId, viewer },
      });
      // The notices about this referral (a new request, a question or its answer) lead here: read once it is open.
      await markNoticesReadFor(tx, clock, context.actor, { entity: 'referral', entityId: id });
      const messages = threadFor(viewer, referral.status, await repository.listMessages(tx, id));
      return {
        ...present(referral, { caseRow, viewer }),
        messages: messages.map((message) => ({ ...message, createdAt: toJstIso(message.createdAt) })),
      };
    });
  }

  async function list(
    context: ActorContext,
    query: {
      box: 'inbox' | 'outbox';
      status?: ReferralStatus[] | undefined;
      caseId?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    },
  ) {
    if (!context.actor.organizationId) throw errors.forbidden();
    const cursor = decodeCursor(query.cursor, 'timestamp');
    const page = pageOf(
      await repository.listBox(database.db, {
        box: query.box,
        organizationId: context.actor.organizationId,
        limit: query.limit + 1,
        ...(cursor ? { after: { createdAt: new Date(cursor.key), id: cursor.id } } : {}),
        ...(query.status ? { statuses: query.status } : {}),
        ...(query.caseId ? { caseId: query.caseId } : {}),
      }),
      query.limit,
      (row) => ({ key: row.referral.createdAt.toISOString(), id: row.referral.id }),
    );
    const items = page.items.map((row) => {
      const referral = {
        ...row.referral,
        organizationName: row.organizationName,
        senderOrganizationName: row.senderOrganizationName,
        organizationLat: row.organizationLat,
        organizationLng: row.organizationLng,
      };
      // The case as the list query read it: enough for the summary and the consent check.
      const caseRow = {
        id: row.referral.caseId,
        status: row.caseStatus,
        hospitalOrganizationId: row.hospitalOrganizationId,
        hospitalName: row.hospitalName,
        birthDate: row.birthDate,
        sex: row.sex,
        areaCode: row.areaCode,
        lat: row.lat,
        lng: row.lng,
        groups: row.groups,
        procedures: row.procedures,
        careLevel: row.careLevel,
        plannedDischargeDate: row.plannedDischargeDate,
        dischargedOn: row.dischargedOn,
        patientName: row.patientName,
        consent: row.consent,
        version: row.caseVersion,
      } as CaseRow;
      return present(referral, { caseRow, viewer: query.box === 'inbox' ? 'receiver' : 'sender' });
    });
    await writeAudit(database.db, clock, context, {
      action: 'list',
      entity: 'referral',
      details: { box: query.box, count: items.length },
    });
    return { items, nextCursor: page.nextCursor };
  }

  async function withdrawOthers(
    tx: Tx,
    context: ActorContext | null,
    referral: repository.ReferralRow,
    caseRow: CaseRow,
    reason: string,
  ) {
    const others = await repository.otherOpenReferralsOfRole(tx, referral.caseId, referral.role, referral.id);
    for (const other of others) {
      await repository.answerReferral(tx, other.id, {
        status: transitionOrThrow(other.status, 'withdraw'),
        at: clock.now(),
        userId: null,
        withdrawnReason: 'other_accepted',
      });
      await cancelJob(tx, clock, `${referralExpiryJob}:${other.id}`);
      await notify(tx, clock, withdrawalNotice(other, caseRow, clock.now(), reason, { variant: 'other_accepted' }));
    }
    return others.length;
  }

  async function accept(context: ActorContext, id: string) {
    return database.transaction(async (tx) => {
      const before = await repository.findReferral(tx, id);
      if (!before || before.organizationId !== context.actor.organizationId)
        throw errors.notFound('指定された紹介が見つかりません。');
      // Lock the case first: every acceptance of this case's referrals goes one at a time.
      const caseRow = await findCase(tx, before.caseId, { forUpdate: true });
      if (!caseRow) throw errors.notFound('指定された紹介が見つかりません。');
      const referral = (await repository.findReferral(tx, id)) ?? before;
      if (referral.status === 'withdrawn' && (await teams.memberOfRole(tx, referral.caseId, referral.role))) {
        throw errors.conflict(
          'role_filled',
          `「${teamRoleLabels[referral.role as TeamRole]}」は他の事業所が先に受諾しました。`,
        );
      }
      const status = transitionOrThrow(referral.status, 'accept');
      if (caseRow.status !== 'planning' && caseRow.status !== 'coordinating' && caseRow.status !== 'discharged')
        throw errors.invalidTransition('このケースは調整を終えています。');
      if (await teams.memberOfRole(tx, referral.caseId, referral.role)) {
        throw errors.conflict(
          'role_filled',
          `「${teamRoleLabels[referral.role as TeamRole]}」は他の事業所が先に受諾しました。`,
        );
      }
      const now = clock.now();
      await repository.answerReferral(tx, id, { status, at: now, userId: context.actor.userId });
      await teams.insertMember(tx, {
        id: randomUUID(),
        caseId: referral.caseId,
        role: referral.role,
        organizationId: referral.organizationId,
        referralId: id,
        since: now,
      });
      await cancelJob(tx, clock, `${referralExpiryJob}:${id}`);
      const withdrawn = await withdrawOthers(
        tx,
        context,
        referral,
        caseRow,
        `他の事業所が「${teamRoleLabels[referral.role as TeamRole]}」を受諾したため、この紹介は取り下げられました。`,
      );
      await recordCaseEvent(tx, clock, context, referral.caseId, {
        kind: 'referral_accepted',
        summary: `${referral.organizationName}が「${teamRoleLabels[referral.role as TeamRole]}」を受諾しました${withdrawn > 0 ? `（他の${withdrawn}件は取り下げ）` : ''}`,
        details: {
          referralId: id,
          role: referral.role,
          organizationName: referral.organizationName,
          count: withdrawn,
          variant: withdrawn > 0 ? 'withdrawn' : null,
        },
      });
      // The sender hears it, and the patient's hospital too when the Center sent the referral: its discharge
      // nurse learns that a role of its patient's team is filled without opening every case.
      // Which patient, by age band and ward (never the name): a liaison with many cases tells them apart.
      const patient = patientNoticeWords(caseRow, now);
      for (const recipientOrganizationId of new Set([referral.senderOrganizationId, caseRow.hospitalOrganizationId])) {
        await notify(tx, clock, {
          recipientOrganizationId,
          kind: 'referral_accepted',
          title: `紹介が受諾されました: ${teamRoleLabels[referral.role as TeamRole]}（${patient.words}の患者）`,
          body: `${referral.organizationName}が受諾しました。`,
          params: {
            role: referral.role,
            organizationName: referral.organizationName,
            variant: patient.variant,
            ...patient.params,
          },
          link: `/cases/${referral.caseId}#role-${referral.role}`,
          entity: 'referral',
          entityId: id,
        });
      }
      await writeAudit(tx, clock, context, {
        action: 'accept',
        entity: 'referral',
        entityId: id,
        ownerOrganizationId: caseRow.hospitalOrganizationId,
        details: { caseId: referral.caseId, role: referral.role },
      });
      const updated = (await repository.findReferral(tx, id)) ?? referral;
      return present(updated, { caseRow, viewer: 'receiver' });
    });
  }

  async function respondAsReceiver(
    context: ActorContext,
    id: string,
    event: 'decline',
    input: { reasonCode: DeclineReasonCode; reason: string },
  ) {
    return database.transaction(async (tx) => {
      const before = await repository.findReferral(tx, id);
      if (!before || before.organizationId !== context.actor.organizationId)
        throw errors.notFound('指定された紹介が見つかりません。');
      const caseRow = await findCase(tx, before.caseId, { forUpdate: true });
      if (!caseRow) throw errors.notFound('指定された紹介が見つかりません。');
      const referral = (await repository.findReferral(tx, id)) ?? before;
      const status = transitionOrThrow(referral.status, event);
      const now = clock.now();
      await repository.updateReferral(tx, id, {
        status,
        declineReasonCode: input.reasonCode,
        declineReason: input.reason || null,
        respondedAt: now,
        respondedByUserId: context.actor.userId,
        viewedAt: referral.viewedAt ?? now,
        updatedAt: now,
      });
      await cancelJob(tx, clock, `${referralExpiryJob}:${id}`);
      const reasonText = `${declineReasonLabels[input.reasonCode]}${input.reason ? `: ${input.reason}` : ''}`;
      await recordCaseEvent(tx, clock, context, referral.caseId, {
        kind: 'referral_declined',
        summary: `${referral.organizationName}が「${teamRoleLabels[referral.role as TeamRole]}」を辞退しました（${reasonText}）`,
        details: {
          referralId: id,
          reasonCode: input.reasonCode,
          role: referral.role,
          organizationName: referral.organizationName,
          declineReason: input.reasonCode,
          note: input.reason || null,
          variant: input.reason ? 'note' : null,
        },
      });
      const patient = patientNoticeWords(caseRow, now);
      await notify(tx, clock, {
        recipientOrganizationId: referral.senderOrganizationId,
        kind: 'referral_declined',
        title: `紹介が辞退されました: ${teamRoleLabels[referral.role as TeamRole]}（${patient.words}の患者）`,
        body: `${referral.organizationName}: ${reasonText}`,
        params: {
          role: referral.role,
          organizationName: referral.organizationName,
          declineReason: input.reasonCode,
          note: input.reason || null,
          variant: input.reason ? `${patient.variant}_note` : patient.variant,
          ...patient.params,
        },
        link: `/cases/${referral.caseId}#role-${referral.role}`,
        entity: 'referral',
        entityId: id,
      });
      await writeAudit(tx, clock, context, {
        action: 'decline',
        entity: 'referral',
        entityId: id,
        ownerOrganizationId: caseRow.hospitalOrganizationId,
        details: { reasonCode: input.reasonCode },
      });
      return present((await repository.findReferral(tx, id)) ?? referral, { caseRow, viewer: 'receiver' });
    });
  }

  async function withdraw(context: ActorContext, id: string) {
    return database.transaction(async (tx) => {
      const { referral, caseRow, viewer } = await loadReferral(tx, context, id);
      if (viewer !== 'sender') throw errors.forbidden('紹介を取り下げられるのは送った側です。');
      await findCase(tx, referral.caseId, { forUpdate: true });
      const status = transitionOrThrow(referral.status, 'withdraw');
      await repository.updateReferral(tx, id, {
        status,
        withdrawnReason: 'by_sender',
        respondedAt: clock.now(),
        updatedAt: clock.now(),
      });
      await cancelJob(tx, clock, `${referralExpiryJob}:${id}`);
      await recordCaseEvent(tx, clock, context, referral.caseId, {
        kind: 'referral_withdrawn',
        summary: `${referral.organizationName}への「${teamRoleLabels[referral.role as TeamRole]}」の紹介を取り下げました`,
        details: { organizationName: referral.organizationName, role: referral.role },
      });
      await notify(
        tx,
        clock,
        withdrawalNotice(referral, caseRow, clock.now(), `${referral.senderOrganizationName}が紹介を取り下げました。`, {
          variant: 'by_sender',
          senderName: referral.senderOrganizationName,
        }),
      );
      await writeAudit(tx, clock, context, {
        action: 'withdraw',
        entity: 'referral',
        entityId: id,
        ownerOrganizationId: caseRow.hospitalOrganizationId,
      });
      return present((await repository.findReferral(tx, id)) ?? referral, { caseRow, viewer });
    });
  }

  /** The receiver asks a question (needs_info); the sender's post on the same thread is the answer. */
  async function postQuestion(context: ActorContext, id: string, input: { text: string }, tx: Tx) {
    const { referral, caseRow, viewer } = await loadReferral(tx, context, id);
    await findCase(tx, referral.caseId, { forUpdate: true });
    const event: ReferralEvent = viewer === 'receiver' ? 'ask' : 'answer';
    const current = (await repository.findReferral(tx, id)) ?? referral;
    if (viewer === 'sender' && current.status !== 'needs_info')
      throw errors.invalidTransition('回答を待っている質問がありません。');
    const status = transitionOrThrow(current.status, event);
    const now = clock.now();
    // The deadline does not run out while the receiver waits for the answer: an answer leaves it at
    // least until 17:00 of the next business day (a referral is never expired in needs_info).
    const extendedTo = viewer === 'sender' ? extendedDeadline(current.respondBy) : null;
    await repository.updateReferral(tx, id, {
      status,
      viewedAt: current.viewedAt ?? (viewer === 'receiver' ? now : null),
      updatedAt: now,
      ...(extendedTo ? { respondBy: extendedTo } : {}),
    });
    if (extendedTo) {
      await scheduleJob(tx, clock, {
        kind: referralExpiryJob,
        runAt: extendedTo,
        payload: { referralId: id, caseId: referral.caseId },
        uniqueKey: `${referralExpiryJob}:${id}:${extendedTo.toISOString()}`,
      });
    }
    const extension = extendedTo
      ? {
          text: `（回答期限を${japaneseDateTime(extendedTo)}まで延ばしました）`,
          params: { respondByAt: toJstIso(extendedTo), variant: 'extended' },
        }
      : null;
    await repository.insertMessage(tx, {
      id: randomUUID(),
      referralId: id,
      kind: viewer === 'receiver' ? 'question' : 'answer',
      authorUserId: context.actor.userId,
      authorOrganizationId: context.actor.organizationId,
      body: input.text,
      createdAt: now,
    });
    await recordCaseEvent(tx, clock, context, referral.caseId, {
      kind: viewer === 'receiver' ? 'referral_question' : 'referral_answer',
      summary:
        viewer === 'receiver'
          ? `${referral.organizationName}から質問がありました`
          : `${referral.organizationName}の質問に回答しました${extension?.text ?? ''}`,
      details: { organizationName: referral.organizationName, ...extension?.params },
    });
    // Which patient, by the role and the minimum (age band, ward), never a name: a hospital asked by many, or a
    // station answered on several referrals, tells them apart.
    const roleLabel = teamRoleLabels[referral.role as TeamRole];
    const patient = patientNoticeWords(caseRow, now);
    if (viewer === 'receiver') {
      // The sender answers; when the Center sent it, the patient's hospital hears the question too (it knows the
      // patient and may answer on the same thread).
      for (const recipientOrganizationId of new Set([referral.senderOrganizationId, caseRow.hospitalOrganizationId])) {
        await notify(tx, clock, {
          recipientOrganizationId,
          kind: 'referral_question',
          title: `紹介先から質問: ${referral.organizationName}（${roleLabel}・${patient.words}の患者）`,
          body: input.text.slice(0, 200),
          params: {
            organizationName: referral.organizationName,
            text: input.text.slice(0, 200),
            ...(patient.params.areaName ? { variant: 'case', role: referral.role, ...patient.params } : {}),
          },
          link: `/cases/${referral.caseId}#role-${referral.role}`,
          entity: 'referral',
          entityId: id,
        });
      }
    } else {
      await notify(tx, clock, {
        recipientOrganizationId: referral.organizationId,
        kind: 'referral_answer',
        title: `紹介元から回答がありました（${roleLabel}・${patient.words}の患者）`,
        body: `${input.text.slice(0, 200)}${extension ? `\n${extension.text}` : ''}`,
        params: {
          organizationName: referral.organizationName,
          text: input.text.slice(0, 200),
          role: referral.role,
          ...patient.params,
          ...extension?.params,
          variant: `${patient.variant}${extension ? '_extended' : ''}`,
        },
        link: `/referrals/${id}`,
        entity: 'referral',
        entityId: id,
      });
    }
    await writeAudit(tx, clock, context, {
      action: event,
      entity: 'referral',
      entityId: id,
      ownerOrganizationId: caseRow.hospitalOrganizationId,
    });
    const latest = (await repository.findReferral(tx, id)) ?? referral;
    const messages = threadFor(viewer, latest.status, await repository.listMessages(tx, id));
    return {
      ...present(latest, { caseRow, viewer }),
      messages: messages.map((message) => ({ ...message, createdAt: toJstIso(message.createdAt) })),
    };
  }

  const expire: JobHandler = async (tx, job) => {
    const { referralId, caseId } = job.payload as { referralId: string; caseId: string };
    const caseRow = await findCase(tx, caseId, { forUpdate: true });
    const referral = await repository.findReferral(tx, referralId);
    if (!caseRow || !referral || !isOpenReferral(referral.status as ReferralStatus)) return;
    // Waiting for the sender's answer, or the deadline was moved later by an answer (a later job
    // stands for it): nothing to expire now.
    if (referral.status === 'needs_info' || referral.respondBy.getTime() > clock.now().getTime()) return;
    await repository.updateReferral(tx, referralId, {
      status: transitionOrThrow(referral.status, 'expire'),
      updatedAt: clock.now(),
    });
    const context = { actor: null, requestId: `job-${job.id}`, ip: 'job' };
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'referral_expired',
      summary: `${referral.organizationName}への「${teamRoleLabels[referral.role as TeamRole]}」の紹介は回答期限を過ぎました`,
      details: { organizationName: referral.organizationName, role: referral.role },
    });
    const patient = patientNoticeWords(caseRow, clock.now());
    await notify(tx, clock, {
      recipientOrganizationId: referral.senderOrganizationId,
      kind: 'referral_expired',
      title: `紹介の回答期限切れ: ${teamRoleLabels[referral.role as TeamRole]}（${patient.words}の患者）`,
      body: `${referral.organizationName}から期限までに回答がありませんでした。別の紹介先を検討してください。`,
      params: {
        role: referral.role,
        organizationName: referral.organizationName,
        variant: patient.variant,
        ...patient.params,
      },
      link: `/cases/${caseId}#role-${referral.role}`,
      entity: 'referral',
      entityId: referralId,
    });
    // The receiving organisation is told too: the request it did not answer is over (no patient data).
    await notify(tx, clock, {
      recipientOrganizationId: referral.organizationId,
      kind: 'referral_expired',
      title: `紹介の回答期限が過ぎました: ${teamRoleLabels[referral.role as TeamRole]}`,
      body: `${referral.senderOrganizationName}からの「${teamRoleLabels[referral.role as TeamRole]}」の紹介は、回答期限を過ぎたため終了しました。受け入れられる場合は紹介元へ連絡してください。`,
      params: { role: referral.role, senderName: referral.senderOrganizationName, variant: 'receiver' },
      link: `/referrals/${referralId}`,
      entity: 'referral',
      entityId: referralId,
    });
    await writeAudit(tx, clock, context, {
      action: 'expire',
      entity: 'referral',
      entityId: referralId,
      details: { caseId },
    });
  };

  /** When a case ends (discharge, cancellation), its open referrals are withdrawn. */
  async function withdrawAllOpen(tx: Tx, context: ActorContext, caseId: string, reason: string) {
    const variant = caseEndVariants[reason] ?? null;
    const open = await repository.openReferralsOfCase(tx, caseId);
    if (open.length === 0) return;
    const caseRow = await findCase(tx, caseId);
    if (!caseRow) return;
    for (const referral of open) {
      await repository.updateReferral(tx, referral.id, {
        status: transitionOrThrow(referral.status, 'withdraw'),
        withdrawnReason: variant,
        updatedAt: clock.now(),
      });
      await cancelJob(tx, clock, `${referralExpiryJob}:${referral.id}`);
      await notify(
        tx,
        clock,
        withdrawalNotice(
          referral,
          caseRow,
          clock.now(),
          `${reason}、「${teamRoleLabels[referral.role as TeamRole]}」の紹介は取り下げられました。`,
          { variant },
        ),
      );
    }
    // One timeline entry lists them all, so the case's history says which requests the end of the case withdrew.
    const sorted = [...open].sort(
      (a, b) => a.role.localeCompare(b.role) || a.organizationName.localeCompare(b.organizationName),
    );
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'referrals_withdrawn',
      summary: `${reason}、回答待ちの紹介 ${open.length} 件を取り下げました: ${sorted
        .map((referral) => `${referral.organizationName}（${teamRoleLabels[referral.role as TeamRole]}）`)
        .join('、')}`,
      details: {
        count: open.length,
        organizationNames: sorted.map((referral) => referral.organizationName),
        roles: sorted.map((referral) => referral.role),
        note: reason,
        variant,
      },
    });
  }

  /** Brings the directory up to date before a transaction that checks eligibility. */
  async function refreshDirectory(): Promise<void> {
    await directory.current();
  }

  return {
    refreshDirectory,
    send,
    get,
    list,
    accept,
    decline: (context: ActorContext, id: string, input: { reasonCode: DeclineReasonCode; reason: string }) => {
      // 「その他」 alone tells the sender nothing: it needs the words (the other codes say why by themselves).
      if (declineReasonNeedsText(input.reasonCode) && input.reason.trim() === '')
        throw errors.validation([
          {
            path: 'reason',
            message: '「その他」を選んだときは、辞退の理由を入力してください。',
            code: 'decline_reason_required',
            params: { declineReason: input.reasonCode },
          },
        ]);
      return respondAsReceiver(context, id, 'decline', { ...input, reason: input.reason.trim() });
    },
    withdraw,
    postQuestion,
    withdrawAllOpen,
    jobs: { [referralExpiryJob]: expire },
  };
}

export type ReferralService = ReturnType<typeof createReferralService>;
