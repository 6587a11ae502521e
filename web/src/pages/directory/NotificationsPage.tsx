/**
 * 通知 (/notifications): the signed-in user's notifications, newest first, read or unread; each opens the record it
 * is about (its `link`) and can be marked read one by one or all at once.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  useMarkAllNotificationsRead,
  useMarkNotificationRead,
  useNotifications,
  useUnreadCount,
  type AppNotification,
} from '../../api/directory';
import { formatDateTime } from '../../format';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadMore } from '../../components/LoadMore';
import { StatusMessage } from '../../components/StatusMessage';
import { Badge } from '../../components/Badge';
import { useServerText } from '../../i18n/server-text';
import '../../components/directory/directory.css';

function NotificationItem({ notification }: { notification: AppNotification }) {
  const { t, i18n } = useTranslation('directory');
  const markRead = useMarkNotificationRead();
  const text = useServerText().notification(notification);
  const isUnread = notification.readAt === null;
  const hasLink = notification.link?.startsWith('/') ?? false;
  return (
    <li className={isUnread ? 'notification-item is-unread' : 'notification-item'}>
      <div>
        <h2 className="notification-title">
          {hasLink && notification.link ? (
            <Link to={notification.link} onClick={() => (isUnread ? markRead.mutate(notification.id) : undefined)}>
              {text.title}
            </Link>
          ) : (
            text.title
          )}
        </h2>
        {text.body ? <p className="notification-body">{text.body}</p> : null}
        <p className="notification-meta">
          {isUnread ? (
            <Badge tone="warning">{t('notifications.unread')}</Badge>
          ) : (
            <Badge>{t('notifications.read')}</Badge>
          )}
          <span>{formatDateTime(notification.createdAt, i18n.language)}</span>
        </p>
        <ErrorAlert error={markRead.error} />
      </div>
      {isUnread ? (
        <div className="notification-side">
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => markRead.mutate(notification.id)}
            disabled={markRead.isPending}
            aria-label={t('notifications.markReadLabel', { title: text.title })}
          >
            {t('notifications.markRead')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation('directory');
  usePageTitle(t('notifications.title'));
  const [isUnreadOnly, setIsUnreadOnly] = useState(false);
  const list = useNotifications(isUnreadOnly);
  const unread = useUnreadCount();
  const markAll = useMarkAllNotificationsRead();
  const [done, setDone] = useState<string | null>(null);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const unreadCount = unread.data ?? list.data?.pages[0]?.unreadCount ?? 0;

  const readAll = () => {
    setDone(null);
    markAll.mutate(undefined, { onSuccess: () => setDone(t('notifications.allReadDone')) });
  };

  return (
    <>
      <h1>{t('notifications.title')}</h1>
      <p className="lead">{t('notifications.lead', { count: unreadCount })}</p>
      <div className="notification-toolbar">
        <div className="notification-filter" role="group" aria-label={t('notifications.filterLabel')}>
          <button type="button" aria-pressed={!isUnreadOnly} onClick={() => setIsUnreadOnly(false)}>
            {t('notifications.filterAll')}
          </button>
          <button type="button" aria-pressed={isUnreadOnly} onClick={() => setIsUnreadOnly(true)}>
            {t('notifications.filterUnread')}
          </button>
        </div>
        <button
          type="button"
          className="button button-secondary"
          onClick={readAll}
          disabled={markAll.isPending || unreadCount === 0}
        >
          {t('notifications.markAllRead')}
        </button>
      </div>
      <ErrorAlert error={list.error ?? markAll.error} />
      <StatusMessage message={done} />
      <div role="status" className="status-region">
        {list.isPending ? <p>{t('common.loading')}</p> : null}
        {list.isSuccess && rows.length === 0 ? (
          <p>{isUnreadOnly ? t('notifications.noneUnread') : t('notifications.none')}</p>
        ) : null}
      </div>
      {rows.length > 0 ? (
        <ul className="notification-list" aria-label={t('notifications.listLabel')}>
          {rows.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} />
          ))}
        </ul>
      ) : null}
      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
