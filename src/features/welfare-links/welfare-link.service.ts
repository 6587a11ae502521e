/**
 * Welfare links (福祉の連携): the hospital or the Center connects a case to a welfare window with
 * a reason — only with the patient's consent to share with welfare windows (`welfare_record`).
 * Until it acknowledges, the window sees the minimum necessary (as a referral candidate does);
 * once it acknowledged, the record, and it joins the thread, until the link is closed. Every
 * change: one transaction with its audit row, timeline entry and notification.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { AppError, errors } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/notifications.js';
import { decodeCursor, pageOf, type PageQuery } from '../../platform/pagination.js';
import { InvalidTransitionError } from '../../domain/cases/state-machine.js';
import {
  isWelfareOrganizationKind,
  nextWelfareLinkStatus,
  welfareLinkableCaseStatuses,
  type WelfareLinkEvent,
  type WelfareLinkStatus,
} from '../../domain/cases/welfare-link-state.js';
import { canCoordinateCase, canUseCaseThread } from '../../domain/policies/case-policy.js';
import { isCenterInvolved } from '../../domain/policies/conference-policy.js';
import { organizationKindLabels } from '../../domain/labels.js';
import type { OrganizationKind } from '../../domain/codes.js';
import { caseStatusLabels, type CaseStatus } from '../../domain/cases/case-state.js';
import { auditCaseRead, consentScopesOf, isEndedCase, loadCase, recordCaseEvent } from '../cases/case-access.js';
import { findCase, type CaseRow } from '../cases/case.repository.js';
import { presentWelfareLink } from './welfare-link.presenter.js';
import * as repository from './welfare-link.repository.js';
import type { CreateWelfareLinkRequest } from './welfare-link.schema.js';
import { japaneseDate, jstDate } from '../../platform/time.js';

const notFoundMessage = '指定された福祉の連携が見つかりません。';
/** Both lists of links page by creation time, then id. */
function positionOf(cursor: string | undefined): repository.LinkPosition | undefined {
  const decoded = decodeCursor(cursor, 'timestamp');
  return decoded ? { createdAt: new Date(decoded.key), id: decoded.id } : undefined;
}

function cursorOf(row: repository.WelfareLinkRow) {
  return { key: row.createdAt.toISOString(), id: row.id };
}

function transitionOrThrow(status: string, event: WelfareLinkEvent): WelfareLinkStatus {
  try {
    return nextWelfareLinkStatus(status as WelfareLinkStatus, event);
  } catch (error) {
    if (error instanceof InvalidTransitionError) throw errors.invalidTransition(error.message);
    throw error;
  }
}

/**
 * When the patient goes or went home, as the welfare window's notices say it: 「退院予定 12月10日」, or 「11月28日に退院済み」
 * once the discharge is recorded (a link may be asked for after it), with the variant of the English text.
 */
function dischargeWords(row: { plannedDischargeDate: string; dischargedOn: string | null }): {
  text: string;
  params: Record<string, string>;
  variant: string | null;
} {
  return row.dischargedOn
    ? {
        text: `${japaneseDate(row.dischargedOn)}に退院済み`,
        params: { dischargedOn: row.dischargedOn },
        variant: 'discharged',
      }
    : { text: `退院予定 ${japaneseDate(row.plannedDischargeDate)}`, params: {}, variant: null };
}

/** A notice's variant from its parts (`note`, `discharged` → `note_discharged`), null when it has none. */
const variantOf = (...parts: (string | null)[]) => parts.filter(Boolean).join('_') || null;

/**
 * The end of a case (closed: outcome recorded, e.g. the patient died; or cancelled) closes its
 * open welfare links — requested or acknowledged — in the case change's transaction, as the end
 * of a case withdraws its open referrals: per link a timeline entry (「…との福祉の連携を終了しました
 * （患者が亡くなられたため）」), a notification to the linked window and an audit row. While the case
 * is still live (planning, coordinating, discharged) it does nothing, so it may be called on every
 * end of a case (CaseLifecycleHooks.onCaseEnded also runs at discharge); it is idempotent.
 * `reason` is the case-ending reason of case.service.ts (e.g. 「患者が亡くなられたため」).
 * Returns how many links it closed.
 */
export async function closeOpenWelfareLinks(
  tx: Tx,
  clock: Clock,
  context: ActorContext,
  caseId: string,
  reason: string,
): Promise<number> {
  const caseRow = await findCase(tx, caseId);
  if (!caseRow || !isEndedCase(caseRow)) return 0;
  const open = await repository.openLinksOfCase(tx, caseId);
  for (const link of open) {
    await repository.updateLink(tx, link.id, {
      status: transitionOrThrow(link.status, 'close'),
      updatedAt: clock.now(),
    });
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'welfare_link_closed',
      summary: `${link.organizationName}との福祉の連携を終了しました（${reason}）`,
      details: {
        welfareLinkId: link.id,
        by: 'case_ended',
        organizationName: link.organizationName,
        statusBefore: link.status,
        note: reason,
        variant: 'note',
      },
    });
    await notify(tx, clock, {
      recipientOrganizationId: link.organizationId,
      kind: 'welfare_link_closed',
      title: `福祉の連携が終了しました: ${link.organizationName}`,
      body: `${link.hospitalName}の患者（${dischargeWords(link).text}）（${reason}）`,
      params: {
        organizationName: link.organizationName,
        hospitalName: link.hospitalName,
        plannedDischargeDate: link.plannedDischargeDate,
        ...dischargeWords(link).params,
        note: reason,
        variant: variantOf('note', dischargeWords(link).variant),
      },
      // Its inbox: the case itself is out of its sight once the link is closed.
      link: '/welfare-links',
      entity: 'welfare_link',
      entityId: link.id,
    });
    await writeAudit(tx, clock, context, {
      action: 'close',
      entity: 'welfare_link',
      entityId: link.id,
      ownerOrganizationId: caseRow.hospitalOrganizationId,
      details: { caseId, reason, caseStatus: caseRow.status },
    });
  }
  return open.length;
}

/** The case as the caller sees it, or null when it is out of sight (not found). */
async function caseFactsOrNull(executor: DbExecutor, context: ActorContext, caseId: string) {
  try {
    return (await loadCase(executor, context, caseId)).facts;
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) return null;
    throw error;
  }
}

export function createWelfareLinkService(deps: AppDeps) {
  const { database, clock } = deps;
  const today = () => jstDate(clock.now());
  const present = (row: repository.WelfareLinkRow) => presentWelfareLink(row, today());

  /** Those who coordinate the case: its hospital, and the Center when the case is with it. */
  async function coordinatorOrganizationIds(executor: DbExecutor, caseRow: CaseRow): Promise<string[]> {
    const ids = [caseRow.hospitalOrganizationId];
    if (isCenterInvolved({ route: caseRow.route, consentScopes: consentScopesOf(caseRow) }))
      ids.push(...(await repository.centerOrganizationIds(executor)));
    return [...new Set(ids)];
  }

  async function request(context: ActorContext, caseId: string, input: CreateWelfareLinkRequest, tx: Tx) {
    const loaded = await loadCase(tx, context, caseId, { forUpdate: true });
    if (!canCoordinateCase(context.actor, loaded.facts))
      throw errors.forbidden('福祉の連携を依頼できるのは、このケースを調整する病院・センターです。');
    if (!welfareLinkableCaseStatuses.includes(loaded.row.status))
      throw errors.invalidTransition('このケースは終了しているため、福祉の連携を依頼できません。');
    if (!consentScopesOf(loaded.row).includes('welfare_record'))
      throw errors.badRequest(
        'consent_required',
        '福祉の連携を依頼するには、本人または家族の同意（福祉の連携先への記録の共有）を記録してください。',
        [
          {
            path: 'consent.scope',
            message: '同意の範囲に「福祉の連携先への記録の共有」が必要です。',
            code: 'welfare_record',
          },
        ],
      );
    const organization = await repository.findOrganization(tx, input.organizationId);
    if (!organization || organization.isDisabled)
      throw errors.validation([{ path: 'organizationId', message: '連携先の組織が見つかりません。' }]);
    if (!isWelfareOrganizationKind(organization.kind)) {
      const kindLabel = organizationKindLabels[organization.kind as OrganizationKind];
      throw errors.badRequest(
        'organization_not_welfare',
        '福祉の連携先には、福祉事務所・保健所・社会福祉協議会・地域包括支援センターのいずれかを指定してください。',
        [{ path: 'organizationId', message: `${organization.name}は「${kindLabel}」のため連携先にできません。` }],
      );
    }
    if (await repository.openLinkOf(tx, caseId, organization.id))
      throw errors.conflict(
        'welfare_link_exists',
        `${organization.name}との連携は既に依頼済みです（終了していません）。`,
      );
    const id = randomUUID();
    const now = clock.now();
    await repository.insertLink(tx, {
      id,
      caseId,
      organizationId: organization.id,
      reason: input.reason,
      status: 'requested',
      response: null,
      createdByUserId: context.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    const kindLabel = organizationKindLabels[organization.kind as OrganizationKind];
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'welfare_link_requested',
      summary: `${organization.name}（${kindLabel}）に福祉の連携を依頼しました`,
      details: {
        welfareLinkId: id,
        organizationId: organization.id,
        organizationName: organization.name,
        organizationKind: organization.kind,
      },
    });
    await notify(tx, clock, {
      recipientOrganizationId: organization.id,
      kind: 'welfare_link_new',
      title: `福祉の連携依頼: ${loaded.row.hospitalName}`,
      body: `${loaded.row.hospitalName}の患者（${dischargeWords(loaded.row).text}）について連携の依頼です。理由: ${input.reason.slice(0, 200)}`,
      params: {
        hospitalName: loaded.row.hospitalName,
        plannedDischargeDate: loaded.row.plannedDischargeDate,
        ...dischargeWords(loaded.row).params,
        text: input.reason.slice(0, 200),
        variant: dischargeWords(loaded.row).variant,
      },
      // Its inbox, where it acknowledges: until then the case shows only the minimum necessary.
      link: '/welfare-links',
      entity: 'welfare_link',
      entityId: id,
    });
    await writeAudit(tx, clock, context, {
      action: 'request',
      entity: 'welfare_link',
      entityId: id,
      ownerOrganizationId: loaded.row.hospitalOrganizationId,
      details: { caseId, organizationId: organization.id },
    });
    const created = await repository.findLink(tx, id);
    if (!created) throw errors.notFound(notFoundMessage);
    return presentWelfareLink(created, today());
  }

  /** One page of the case's links, oldest first (CONTRACT §2 lists). */
  async function listOfCase(context: ActorContext, caseId: string, query: PageQuery) {
    const after = positionOf(query.cursor);
    return database.transaction(async (tx) => {
      const loaded = await loadCase(tx, context, caseId);
      if (!canUseCaseThread(context.actor, loaded.facts))
        throw errors.forbidden('福祉の連携は、在宅チーム・病院・センター・連携先のみ閲覧できます。');
      await auditCaseRead(tx, clock, context, loaded, 'welfare_links');
      const page = pageOf(
        await repository.linksOfCase(tx, caseId, { after, limit: query.limit + 1 }),
        query.limit,
        cursorOf,
      );
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    });
  }

  /** One page of the links to the caller's organisation, newest first (CONTRACT §2 lists). */
  async function inbox(context: ActorContext, query: PageQuery & { status?: WelfareLinkStatus[] | undefined }) {
    const organizationId = context.actor.organizationId;
    if (!organizationId) return { items: [], nextCursor: null };
    const after = positionOf(query.cursor);
    return database.transaction(async (tx) => {
      const page = pageOf(
        await repository.inbox(tx, {
          organizationId,
          after,
          limit: query.limit + 1,
          ...(query.status ? { statuses: query.status } : {}),
        }),
        query.limit,
        cursorOf,
      );
      await writeAudit(tx, clock, context, {
        action: 'list',
        entity: 'welfare_link',
        details: { box: 'inbox', ids: page.items.map((row) => row.id) },
      });
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    });
  }

  /**
   * Loads a link for a change with the case row locked. The linked organisation always reaches
   * its link (even closed: it then gets 409, not 404); others only through the case.
   */
  async function loadForChange(tx: Tx, context: ActorContext, id: string) {
    const before = await repository.findLink(tx, id);
    if (!before) throw errors.notFound(notFoundMessage);
    const caseRow = await findCase(tx, before.caseId, { forUpdate: true });
    const link = await repository.findLink(tx, id);
    if (!caseRow || !link) throw errors.notFound(notFoundMessage);
    const isLinkedOrganization = context.actor.organizationId === link.organizationId;
    const facts = await caseFactsOrNull(tx, context, link.caseId);
    if (!isLinkedOrganization && facts === null) throw errors.notFound(notFoundMessage);
    return { link, caseRow, isLinkedOrganization, facts };
  }

  async function acknowledge(context: ActorContext, id: string, input: { response: string }) {
    return database.transaction(async (tx) => {
      const { link, caseRow, isLinkedOrganization } = await loadForChange(tx, context, id);
      if (!isLinkedOrganization) throw errors.forbidden('福祉の連携を受け付けられるのは連携先の組織です。');
      const status = transitionOrThrow(link.status, 'acknowledge');
      // An ended case is no longer worked on: acknowledging would open the record of a closed or cancelled case.
      if (isEndedCase(caseRow))
        throw errors.invalidTransition(
          `このケースは「${caseStatusLabels[caseRow.status as CaseStatus]}」で終了しているため、福祉の連携を受け付けられません。`,
        );
      await repository.updateLink(tx, id, { status, response: input.response, updatedAt: clock.now() });
      await recordCaseEvent(tx, clock, context, link.caseId, {
        kind: 'welfare_link_acknowledged',
        summary: `${link.organizationName}が福祉の連携を受け付けました`,
        details: { welfareLinkId: id, organizationName: link.organizationName },
      });
      for (const organizationId of await coordinatorOrganizationIds(tx, caseRow)) {
        await notify(tx, clock, {
          recipientOrganizationId: organizationId,
          kind: 'welfare_link_acknowledged',
          title: `福祉の連携が受け付けられました: ${link.organizationName}`,
          body: input.response.slice(0, 300),
          params: { organizationName: link.organizationName, text: input.response.slice(0, 300) },
          link: `/cases/${link.caseId}`,
          entity: 'welfare_link',
          entityId: id,
        });
      }
      await writeAudit(tx, clock, context, {
        action: 'acknowledge',
        entity: 'welfare_link',
        entityId: id,
        ownerOrganizationId: link.hospitalOrganizationId,
        details: { caseId: link.caseId },
      });
      const updated = await repository.findLink(tx, id);
      return present(updated ?? link);
    });
  }

  async function close(context: ActorContext, id: string, input: { note?: string | undefined }) {
    return database.transaction(async (tx) => {
      const { link, caseRow, isLinkedOrganization, facts } = await loadForChange(tx, context, id);
      const isCoordinator = facts !== null && canCoordinateCase(context.actor, facts);
      if (!isLinkedOrganization && !isCoordinator)
        throw errors.forbidden('福祉の連携を終了できるのは、連携先の組織か、ケースを調整する病院・センターです。');
      const status = transitionOrThrow(link.status, 'close');
      await repository.updateLink(tx, id, { status, updatedAt: clock.now() });
      const note = input.note ? `（${input.note}）` : '';
      await recordCaseEvent(tx, clock, context, link.caseId, {
        kind: 'welfare_link_closed',
        summary: `${link.organizationName}との福祉の連携を終了しました${note}`,
        details: {
          welfareLinkId: id,
          by: isLinkedOrganization ? 'linked_organization' : 'coordinator',
          organizationName: link.organizationName,
          note: input.note || null,
          variant: input.note ? 'note' : null,
        },
      });
      const recipients = isLinkedOrganization ? await coordinatorOrganizationIds(tx, caseRow) : [link.organizationId];
      for (const organizationId of recipients) {
        await notify(tx, clock, {
          recipientOrganizationId: organizationId,
          kind: 'welfare_link_closed',
          title: `福祉の連携が終了しました: ${link.organizationName}`,
          body: `${link.hospitalName}の患者（${dischargeWords(link).text}）${note}`,
          params: {
            organizationName: link.organizationName,
            hospitalName: link.hospitalName,
            plannedDischargeDate: link.plannedDischargeDate,
            ...dischargeWords(link).params,
            note: input.note || null,
            variant: variantOf(input.note ? 'note' : null, dischargeWords(link).variant),
          },
          link: isLinkedOrganization ? `/cases/${link.caseId}` : '/welfare-links',
          entity: 'welfare_link',
          entityId: id,
        });
      }
      await writeAudit(tx, clock, context, {
        action: 'close',
        entity: 'welfare_link',
        entityId: id,
        ownerOrganizationId: link.hospitalOrganizationId,
        details: { caseId: link.caseId, ...(input.note ? { note: input.note } : {}) },
      });
      const updated = await repository.findLink(tx, id);
      return present(updated ?? link);
    });
  }

  /**
   * The welfare windows of the case's circle (its thread, conference participants): those that
   * acknowledged their link, while it is open and the patient consents to share with them.
   */
  async function openLinkOrganizations(executor: DbExecutor, caseId: string) {
    const caseRow = await findCase(executor, caseId);
    if (!caseRow || !consentScopesOf(caseRow).includes('welfare_record')) return [];
    return repository.acknowledgedLinkOrganizations(executor, caseId);
  }

  /** The state of each organisation's link to the case (for precise refusals of conference participants). */
  async function linkStatesOf(executor: DbExecutor, caseId: string, organizationIds: readonly string[]) {
    return repository.linkStatesOf(executor, caseId, organizationIds);
  }

  /** closeOpenWelfareLinks with this service's clock (see there). */
  async function closeOpenOfCase(tx: Tx, context: ActorContext, caseId: string, reason: string) {
    return closeOpenWelfareLinks(tx, clock, context, caseId, reason);
  }

  /** Every link of a case, presented (for the discharge summary, inside the caller's transaction). */
  async function linksOfCase(executor: DbExecutor, caseId: string) {
    return (await repository.linksOfCase(executor, caseId)).map(present);
  }

  return {
    request,
    listOfCase,
    inbox,
    acknowledge,
    close,
    openLinkOrganizations,
    linkStatesOf,
    closeOpenOfCase,
    linksOfCase,
  };
}

export type WelfareLinkService = ReturnType<typeof createWelfareLinkService>;
