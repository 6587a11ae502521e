/**
 * Notifications are the outbox of events that need someone's action: written in the caller's
 * transaction (so they exist exactly when the change does) and announced with NOTIFY, which
 * PostgreSQL (and PGlite) deliver at commit to every server instance listening.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { notifications } from '../db/schema.js';
import type { DbExecutor } from '../db/client.js';
import { preparedStatement } from '../db/prepared.js';
import type { Clock } from './clock.js';
import type { NotificationKind, TextParams } from '../domain/server-text.js';

export const notificationChannel = 'renkei_notifications';

export type NewNotification = {
  recipientOrganizationId?: string | null;
  recipientUserId?: string | null;
  kind: NotificationKind;
  /** In Japanese, the default; `params` holds its values so that a client can say it in another language. */
  title: string;
  body?: string;
  params?: TextParams | null;
  link?: string | null;
  entity?: string | null;
  entityId?: string | null;
};

export type NotificationSignal = {
  id: string;
  recipientOrganizationId: string | null;
  recipientUserId: string | null;
  kind: string;
  title: string;
  body: string;
  params: TextParams | null;
  link: string | null;
  createdAt: string;
};

const insertNotification = preparedStatement('renkei_notification_insert', (executor, name) =>
  executor
    .insert(notifications)
    .values({
      id: sql.placeholder('id'),
      recipientOrganizationId: sql.placeholder('recipientOrganizationId'),
      recipientUserId: sql.placeholder('recipientUserId'),
      kind: sql.placeholder('kind'),
      title: sql.placeholder('title'),
      body: sql.placeholder('body'),
      link: sql.placeholder('link'),
      entity: sql.placeholder('entity'),
      entityId: sql.placeholder('entityId'),
      createdAt: sql.placeholder('createdAt'),
      params: sql`${sql.placeholder('params')}::jsonb`,
    })
    .prepare(name),
);

const announce = preparedStatement('renkei_notification_announce', (executor, name) =>
  executor
    .select({ sent: sql`pg_notify(${notificationChannel}, ${sql.placeholder('payload')})` })
    .from(sql`(select 1) as one`)
    .prepare(name),
);

export async function notify(executor: DbExecutor, clock: Clock, notification: NewNotification): Promise<string> {
  const id = randomUUID();
  const createdAt = clock.now();
  const row = {
    id,
    recipientOrganizationId: notification.recipientOrganizationId ?? null,
    recipientUserId: notification.recipientUserId ?? null,
    kind: notification.kind,
    title: notification.title,
    body: notification.body ?? '',
    link: notification.link ?? null,
    entity: notification.entity ?? null,
    entityId: notification.entityId ?? null,
    createdAt,
  };
  const params = notification.params ?? null;
  await insertNotification(executor, { ...row, params: params === null ? null : JSON.stringify(params) });
  const signal: NotificationSignal = {
    id,
    recipientOrganizationId: row.recipientOrganizationId,
    recipientUserId: row.recipientUserId,
    kind: row.kind,
    title: row.title.slice(0, 300),
    body: row.body.slice(0, 1000),
    params,
    link: row.link,
    createdAt: createdAt.toISOString(),
  };
  await announce(executor, { payload: JSON.stringify(signal) });
  return id;
}

/**
 * Marks as read, for the person who opened a page, the notices that lead to it: those about `entity`/`entityId`
 * (a referral's receiver opening the referral), or whose link opens `linkPath` (a case page: its messages, its
 * referrals' answers). Someone who has seen the thing does not keep an unread count for it. One statement; the notices
 * addressed to them or to their organisation only.
 */
export async function markNoticesReadFor(
  executor: DbExecutor,
  clock: Clock,
  reader: { userId: string; organizationId: string | null },
  about: { entity: string; entityId: string } | { linkPath: string },
): Promise<void> {
  const addressed = reader.organizationId
    ? sql`(n.recipient_user_id = ${reader.userId} or (n.recipient_user_id is null and n.recipient_organization_id = ${reader.organizationId}))`
    : sql`n.recipient_user_id = ${reader.userId}`;
  const matches =
    'linkPath' in about
      ? sql`(n.link = ${about.linkPath} or n.link like ${`${about.linkPath.replace(/[\\%_]/g, '\\$&')}#%`})`
      : sql`(n.entity = ${about.entity} and n.entity_id = ${about.entityId})`;
  await executor.execute(sql`
    insert into notification_reads (notification_id, user_id, read_at)
    select n.id, ${reader.userId}, ${clock.now().toISOString()}::timestamptz from notifications n
    where ${addressed} and ${matches}
      and not exists (select 1 from notification_reads r where r.notification_id = n.id and r.user_id = ${reader.userId})
    on conflict do nothing`);
}
