/**
 * The notification list with unread counts, read receipts, and the live stream (SSE). A stream
 * belongs to the session that opened it: it closes when that session ends (announced by
 * session-events.ts, or found by the periodic check) and is handed nothing after.
 */
import { AsyncResource } from 'node:async_hooks';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/pagination.js';
import { toJstIso, toJstIsoOrNull } from '../../platform/time.js';
import { notificationChannel, type NotificationSignal } from '../../platform/notifications.js';
import * as repository from './notification.repository.js';
import { caseEventChannel, parseCaseEventSignal, type CaseUpdatedEvent } from './case-events.js';
import * as authRepository from '../auth/auth.repository.js';
import { parseSessionEndedSignal, sessionEventChannel, sessionValidUntil } from '../auth/session-events.js';
import { isRole } from '../../domain/codes.js';
import { isDemoAccountEmail } from '../../domain/demo-accounts.js';

/** What one open stream is handed: notifications addressed to it, and live case events of its organisation. */
export type StreamHandlers = {
  notification: (signal: NotificationSignal) => void;
  caseUpdated: (event: CaseUpdatedEvent) => void;
};

/**
 * Why a stream is ended by the server: its session ended (logout, password change or reset, user
 * disabled, idle or absolute expiry), its session could not be checked (the client reconnects and
 * signs in again), or the server stops.
 */
export type StreamEndReason = 'session_ended' | 'check_failed' | 'shutdown';

type Listener = StreamHandlers & {
  userId: string;
  organizationId: string | null;
  sessionId: string;
  end: (reason: StreamEndReason) => void;
  /** Until when (clock time, ms) the session is known to be valid; past it, it is checked before delivering. */
  validUntil: number;
  /** A check of the session under way: deliveries wait for it, in order. */
  checking: Promise<boolean> | null;
  ended: boolean;
};

/**
 * How often every open stream's session is checked again (one query per instance for all its
 * streams): the bound for expiry, and for a revocation whose announcement was missed.
 */
const sessionRecheckMs = 15_000;
const sessionsPerCheck = 500;

export function createNotificationService(deps: AppDeps) {
  const { database, clock, config } = deps;
  const listeners = new Set<Listener>();
  let unsubscribe: (() => Promise<void>) | null = null;
  let unsubscribeCaseEvents: (() => Promise<void>) | null = null;
  let unsubscribeSessionEvents: (() => Promise<void>) | null = null;
  let recheckTimer: NodeJS.Timeout | null = null;

  function endListener(listener: Listener, reason: StreamEndReason): void {
    if (listener.ended) return;
    listener.ended = true;
    listeners.delete(listener);
    listener.end(reason);
  }

  /** Whether each session still signs its holder in, and until when (session-events.ts). */
  async function validityOf(sessionIds: string[]): Promise<Map<string, number | null>> {
    const validity = new Map<string, number | null>();
    for (let index = 0; index < sessionIds.length; index += sessionsPerCheck) {
      const rows = await authRepository.findSessionsByIds(
        database.db,
        sessionIds.slice(index, index + sessionsPerCheck),
      );
      const now = clock.now();
      for (const row of rows) {
        const allowed = isRole(row.role) && (config.demo || !isDemoAccountEmail(row.email));
        validity.set(row.sessionId, allowed ? (sessionValidUntil(row, now, config)?.getTime() ?? null) : null);
      }
    }
    return validity;
  }

  /**
   * Checks the sessions of these streams against the database and ends the streams whose session
   * has ended. Deliveries to a stream wait for its check (in order) and are dropped if it fails.
   */
  function recheck(targets: Iterable<Listener>): Promise<void> {
    const open = [...targets].filter((listener) => !listener.ended);
    if (open.length === 0) return Promise.resolve();
    const check = validityOf([...new Set(open.map((listener) => listener.sessionId))]).then(
      (validity) => validity,
      () => null,
    );
    for (const listener of open) {
      const previous = listener.checking ?? Promise.resolve(true);
      const outcome = previous
        .then(() => check)
        .then((validity) => {
          if (listener.ended) return false;
          if (validity === null) {
            endListener(listener, 'check_failed');
            return false;
          }
          const validUntil = validity.get(listener.sessionId) ?? null;
          if (validUntil === null) {
            endListener(listener, 'session_ended');
            return false;
          }
          listener.validUntil = validUntil;
          return true;
        });
      listener.checking = outcome;
      void outcome.then(() => {
        if (listener.checking === outcome) listener.checking = null;
      });
    }
    return check.then(() => undefined);
  }

  /** Hands an event to a stream whose session is still valid (checked first when it may have expired). */
  function deliver(listener: Listener, send: () => void): void {
    if (listener.ended) return;
    if (!listener.checking && clock.now().getTime() >= listener.validUntil) void recheck([listener]);
    if (listener.checking) {
      void listener.checking.then((live) => {
        if (live && !listener.ended) send();
      });
      return;
    }
    send();
  }

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
      items: page.map(({ notification, readAt, inheritedReadAt }) => ({
        id: notification.id,
        kind: notification.kind,
        title: notification.title,
        body: notification.body,
        params: notification.params ?? null,
        link: notification.link,
        entity: notification.entity,
        entityId: notification.entityId,
        createdAt: toJstIso(notification.createdAt),
        readAt: toJstIsoOrNull(readAt ?? (inheritedReadAt as Date | null)),
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
    // A signal may be heard inside the async context of the transaction that sent it (PGlite hands
    // it over at commit): bound to this context, what a handler queries runs on the database.
    const outside = (handler: (payload: string) => void) => AsyncResource.bind(handler);
    unsubscribe ??= await database.listen(
      notificationChannel,
      outside((payload: string) => {
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
          if (isForUser || isForOrganization) deliver(listener, () => listener.notification(signal));
        }
      }),
    );
    // Live case events (case-events.ts): to the streams of the organisations that may see the case.
    unsubscribeCaseEvents ??= await database.listen(
      caseEventChannel,
      outside((payload: string) => {
        const signal = parseCaseEventSignal(payload);
        if (!signal) return;
        const event: CaseUpdatedEvent = { type: 'case_updated', caseId: signal.caseId, what: signal.what };
        for (const listener of listeners) {
          if (listener.organizationId !== null && signal.organizationIds.includes(listener.organizationId))
            deliver(listener, () => listener.caseUpdated(event));
        }
      }),
    );
    // Sessions ended on any instance (session-events.ts): the streams of that user check theirs now.
    unsubscribeSessionEvents ??= await database.listen(
      sessionEventChannel,
      outside((payload: string) => {
        const signal = parseSessionEndedSignal(payload);
        if (!signal) return;
        void recheck([...listeners].filter((listener) => listener.userId === signal.userId));
      }),
    );
    // Expiry is announced by nobody, and a signal may be missed (a connection lost): check them all.
    if (!recheckTimer) {
      recheckTimer = setInterval(() => void recheck(listeners), sessionRecheckMs);
      recheckTimer.unref();
    }
  }

  /**
   * Opens a stream of the caller's session: it is handed events while that session is valid and
   * ended (`end`) as soon as the session ends. Returns the function that unsubscribes it.
   */
  function subscribe(
    context: ActorContext,
    handlers: StreamHandlers,
    end: (reason: StreamEndReason) => void,
  ): () => void {
    const listener: Listener = {
      ...recipientOf(context),
      ...handlers,
      sessionId: context.actor.sessionId,
      end,
      // The session was valid a moment ago (it authenticated this request); its limits are read
      // with the first check, at once.
      validUntil: 0,
      checking: null,
      ended: false,
    };
    listeners.add(listener);
    void recheck([listener]);
    return () => {
      listener.ended = true;
      listeners.delete(listener);
    };
  }

  /** Ends every open stream (shutdown) and stops listening. */
  async function stop(): Promise<void> {
    if (recheckTimer) clearInterval(recheckTimer);
    recheckTimer = null;
    for (const listener of [...listeners]) endListener(listener, 'shutdown');
    listeners.clear();
    if (unsubscribe) await unsubscribe();
    if (unsubscribeCaseEvents) await unsubscribeCaseEvents();
    if (unsubscribeSessionEvents) await unsubscribeSessionEvents();
    unsubscribe = null;
    unsubscribeCaseEvents = null;
    unsubscribeSessionEvents = null;
  }

  return { list, markRead, markAllRead, unreadCount, start, stop, subscribe, openStreams: () => listeners.size };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
