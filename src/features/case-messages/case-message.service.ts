/**
 * The team's message thread of a case (the daily tool of Japanese home-care teams): only the
 * team, the hospital(s), the Center and linked welfare windows use it — a mere candidate is told
 * 403, a stranger 404. Reading marks every message read by the caller (read receipts); a new
 * message notifies the thread's other organisations, in the same transaction, and tells the open
 * case pages of the whole thread to fetch it (a live case event, no patient data).
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { errors } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/notifications.js';
import { toJstIso } from '../../platform/time.js';
import { patientNoticeWords } from '../cases/case.presenter.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { canUseCaseThread } from '../../domain/policies/case-policy.js';
import { publishCaseEvent } from '../notifications/case-events.js';
import { isCenterInvolved } from '../../domain/policies/conference-policy.js';
import { auditCaseRead, loadCase, recordCaseEvent, type LoadedCase } from '../cases/case-access.js';
import type { WelfareLinkService } from '../welfare-links/welfare-link.service.js';
import * as repository from './case-message.repository.js';
import type { CaseMessageListQuery, CaseMessageResponse, PostCaseMessageRequest } from './case-message.schema.js';

export type ThreadOrganization = repository.OrganizationRef & {
  relation: 'hospital' | 'team' | 'center' | 'welfare';
};

const threadOnlyMessage =
  'このスレッドは在宅チーム・病院・センター・福祉の連携先のみ利用できます（紹介を受諾するとチームに加わります）。';

type ReadRow = Awaited<ReturnType<typeof repository.listReads>>[number];

function presentMessage(
  message: repository.MessageRow,
  reads: readonly ReadRow[],
  userId: string,
  circle: readonly ThreadOrganization[],
): CaseMessageResponse {
  const readers = reads.filter((read) => read.messageId === message.id && read.userId !== message.authorUserId);
  return {
    id: message.id,
    body: message.body,
    authorName: message.authorName,
    authorOrganizationName: message.authorOrganizationName,
    authorOrganizationId: message.authorOrganizationId,
    createdAt: toJstIso(message.createdAt),
    isMine: message.authorUserId === userId,
    readBy: readers.map((read) => ({
      userId: read.userId,
      name: read.name,
      organizationName: read.organizationName,
      readAt: toJstIso(read.readAt),
    })),
    // Who the read receipt waits for: each organisation of the thread, other than the author's, where nobody has
    // read it yet (「未読: 2組織」 names them, rather than a bare 「未読」).
    unreadOrganizations: circle
      .filter(
        (organization) =>
          organization.id !== message.authorOrganizationId &&
          !readers.some((read) => read.organizationId === organization.id),
      )
      .map((organization) => ({ id: organization.id, name: organization.name })),
  };
}

export function createCaseMessageService(deps: AppDeps, welfareLinks: WelfareLinkService) {
  const { database, clock } = deps;

  /**
   * The organisations of the case's thread: its hospital, its team, the Center (once the case is
   * with it) and the welfare windows linked to it. Conferences invite from the same circle.
   */
  async function threadOrganizations(executor: DbExecutor, loaded: LoadedCase): Promise<ThreadOrganization[]> {
    const found = new Map<string, ThreadOrganization>();
    const add = (organization: repository.OrganizationRef, relation: ThreadOrganization['relation']) => {
      if (!found.has(organization.id)) found.set(organization.id, { ...organization, relation });
    };
    add({ id: loaded.row.hospitalOrganizationId, name: loaded.row.hospitalName, kind: 'hospital' }, 'hospital');
    for (const organization of await repository.teamOrganizations(executor, loaded.row.id)) add(organization, 'team');
    if (isCenterInvolved(loaded.facts))
      for (const organization of await repository.centerOrganizations(executor)) add(organization, 'center');
    for (const organization of await welfareLinks.openLinkOrganizations(executor, loaded.row.id))
      add(organization, 'welfare');
    return [...found.values()];
  }

  async function loadThread(tx: Tx, context: ActorContext, caseId: string) {
    const loaded = await loadCase(tx, context, caseId);
    if (!canUseCaseThread(context.actor, loaded.facts)) throw errors.forbidden(threadOnlyMessage);
    return loaded;
  }

  /**
   * One page of the thread, oldest first (CONTRACT §2 lists). Reading any page marks the whole
   * thread read, as before paging: `newlyRead` counts what this request marked read, `unreadCount`
   * what is still unread after it (the same state as the read receipts of the response).
   */
  async function list(context: ActorContext, caseId: string, query: CaseMessageListQuery) {
    const cursor = decodeCursor(query.cursor, 'none', 'integer');
    return database.transaction(async (tx) => {
      const loaded = await loadThread(tx, context, caseId);
      const newlyRead = await repository.markAllRead(tx, caseId, context.actor.userId, clock.now());
      const unreadCount = await repository.unreadCount(tx, caseId, context.actor.userId);
      await auditCaseRead(tx, clock, context, loaded, 'messages');
      const page = pageOf(
        await repository.listMessages(tx, caseId, {
          limit: query.limit + 1,
          ...(cursor ? { afterSeq: Number(cursor.id) } : {}),
        }),
        query.limit,
        (message) => ({ key: null, id: String(message.seq) }),
      );
      const reads = await repository.listReads(
        tx,
        page.items.map((message) => message.id),
      );
      const circle = await threadOrganizations(tx, loaded);
      return {
        items: page.items.map((message) => presentMessage(message, reads, context.actor.userId, circle)),
        nextCursor: page.nextCursor,
        unreadCount,
        newlyRead,
      };
    });
  }

  async function post(context: ActorContext, caseId: string, input: PostCaseMessageRequest, tx: Tx) {
    const loaded = await loadThread(tx, context, caseId);
    if (loaded.row.status === 'cancelled')
      throw errors.invalidTransition('このケースは中止されたため、メッセージを投稿できません。');
    // After a death the case is closed: the thread stays readable as the record of the care, but takes no more posts.
    if (loaded.row.outcome === 'died_home' || loaded.row.outcome === 'died_hospital')
      throw errors.invalidTransition(
        '患者が亡くなられたためこのケースは終了しました。スレッドは閲覧のみです（新しい投稿はできません）。',
      );
    const id = randomUUID();
    await repository.insertMessage(tx, {
      id,
      caseId,
      authorUserId: context.actor.userId,
      authorOrganizationId: context.actor.organizationId,
      body: input.body,
      createdAt: clock.now(),
    });
    const message = await repository.findMessage(tx, id);
    if (!message) throw errors.notFound();
    const authorLabel = message.authorOrganizationName ?? context.actor.name;
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'message_posted',
      summary: `${authorLabel}がチームのスレッドに投稿しました`,
      details: { messageId: id, authorName: authorLabel },
    });
    const circle = await threadOrganizations(tx, loaded);
    // Which patient, in the minimum a notification may say (age band and ward, never the name): a hospital with many
    // cases tells them apart in its list.
    const patient = patientNoticeWords(loaded.row, clock.now());
    for (const organization of circle) {
      if (organization.id === context.actor.organizationId) continue;
      await notify(tx, clock, {
        recipientOrganizationId: organization.id,
        kind: 'case_message',
        title: `チームのスレッドに新しいメッセージ（${loaded.row.hospitalName}の患者・${patient.words}）`,
        body: `${authorLabel} ${context.actor.name}: ${input.body.slice(0, 120)}`,
        params: {
          variant: patient.variant,
          ...patient.params,
          hospitalName: loaded.row.hospitalName,
          authorName: `${authorLabel} ${context.actor.name}`,
          text: input.body.slice(0, 120),
        },
        link: `/cases/${caseId}`,
        entity: 'case',
        entityId: caseId,
      });
    }
    // Open case pages of the thread's organisations (the author's colleagues too) show it at once.
    await publishCaseEvent(tx, {
      caseId,
      what: 'messages',
      organizationIds: [...circle.map((organization) => organization.id), context.actor.organizationId ?? ''].filter(
        Boolean,
      ),
    });
    await writeAudit(tx, clock, context, {
      action: 'post_message',
      entity: 'case',
      entityId: caseId,
      ownerOrganizationId: loaded.row.hospitalOrganizationId,
      details: { messageId: id },
    });
    return presentMessage(message, [], context.actor.userId, circle);
  }

  return { list, post, threadOrganizations };
}

export type CaseMessageService = ReturnType<typeof createCaseMessageService>;
