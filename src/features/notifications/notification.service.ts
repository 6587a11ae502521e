/** The notification list with unread counts, read receipts, and the live stream (SSE). */
import type { AppDeps, ActorContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { toJstIso, toJstIsoOrNull } from '../../platform/time.js';
import { notificationChannel, type NotificationSignal } from '../../platform/notifications.js';
import * as repository from './notification.repository.js';
import { caseEventChannel, parseCaseEventSignal, type CaseUpdatedEvent } from './case-events.js';

/** What one open stream is handed: notifications addressed to it, and live case events of its organisation. */
export type StreamHandlers = {
  notification: (signal: NotificationSignal) => void;
  caseUpdated: (event: CaseUpdatedEvent) => void;
};

type Listener = StreamHandlers & {
  userId: string;
  organizationId: string | null;
  end: () => void;
};

export function createNotificationService(deps: AppDeps) {
  const { database, clock } = deps;
  const listeners = new Set<Listener>();
  let unsubscribe: (() => Promise<void>) | null = null;
  let unsubscribeCaseEvents: (() => Promise<void>) | null = null;

  function recipientOf(context: ActorContext): repository.Recipient {
    return { userId: context.actor.userId, organizationId: context.actor.organizationId };
  }

  async function list(
    context: ActorContext,
    query: { limit: number; cursor?: string | undefined; unread?: 'true' | 'false' | undefined },
  ) {
    const cursor = decodeCursor(query.cursor, 'timestamp');
    const rows = await repository.listForRecipient(database.db, recipientOf(context), {
      limit: query.limit,
      unreadOnly: query.unread === 'true',
      ...(cursor ? { before: { createdAt: new Date(cursor.key), id: cursor.id } } : {}),
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ notification, readAt }) => ({
        id: notification.id,
        kind: notification.kind,
        title: notification.title,
        body: notification.body,
        params: notification.params ?? null,
        link: notification.link,
        entity: notification.entity,
        entityId: notification.entityId,
        createdAt: toJstIso(notification.createdAt),
        readAt: toJstIsoOrNull(readAt),
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ key: last.notification.createdAt.toISOString(), id: last.notification.id })
          : null,
      unreadCount: await repository.unreadCount(database.db, recipientOf(context)),
    };
  }

  async function markRead(context: ActorContext, id: string) {
    const recipient = recipientOf(context);
    const found = await repository.findForRecipient(database.db, recipient, id);
    if (!found) throw errors.notFound('指定された通知が見つかりません。');
    await repository.markRead(database.db, recipient, [id], clock.now());
    return { unreadCount: await repository.unreadCount(database.db, recipient) };
  }

  async function markAllRead(context: ActorContext) {
    const recipient = recipientOf(context);
    await repository.markRead(database.db, recipient, await repository.unreadIds(database.db, recipient), clock.now());
    return { unreadCount: 0 };
  }

  async function unreadCount(context: ActorContext) {
    return repository.unreadCount(database.db, recipientOf(context));
  }

  /** One LISTEN per server instance; signals fan out to this instance's open streams. */
  async function start(): Promise<void> {
    unsubscribe ??= await database.listen(notificationChannel, (payload) => {
      let signal: NotificationSignal;
      try {
        signal = JSON.parse(payload) as NotificationSignal;
      } catch {
        return;
      }
      for (const listener of listeners) {
        const isForUser = signal.recipientUserId === listener.userId;
        const isForOrganization =
          signal.recipientUserId === null &&
          listener.organizationId !== null &&
          signal.recipientOrganizationId === listener.organizationId;
        if (isForUser || isForOrganization) listener.notification(signal);
      }
    });
    // Live case events (case-events.ts): to the streams of the organisations that may see the case.
    unsubscribeCaseEvents ??= await database.listen(caseEventChannel, (payload) => {
      const signal = parseCaseEventSignal(payload);
      if (!signal) return;
      const event: CaseUpdatedEvent = { type: 'case_updated', caseId: signal.caseId, what: signal.what };
      for (const listener of listeners) {
        if (listener.organizationId !== null && signal.organizationIds.includes(listener.organizationId))
          listener.caseUpdated(event);
      }
    });
  }

  function subscribe(context: ActorContext, handlers: StreamHandlers, end: () => void): () => void {
    const listener: Listener = { ...recipientOf(context), ...handlers, end };
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Ends every open stream (shutdown) and stops listening. */
  async function stop(): Promise<void> {
    for (const listener of listeners) listener.end();
    listeners.clear();
    if (unsubscribe) await unsubscribe();
    if (unsubscribeCaseEvents) await unsubscribeCaseEvents();
    unsubscribe = null;
    unsubscribeCaseEvents = null;
  }

  return { list, markRead, markAllRead, unreadCount, start, stop, subscribe, openStreams: () => listeners.size };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
