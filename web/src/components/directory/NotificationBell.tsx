/** 通知 in the main menu bar: a bell with the unread count, kept current by the live stream (NotificationCenter). */
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from '../../api/directory';
import './directory.css';

export function NotificationBell() {
  const { t } = useTranslation('directory');
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    <NavLink to="/notifications" className="bell-link">
      <svg className="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
      <span>{t('notifications.bell')}</span>
      {count > 0 ? (
        <span className="unread-count">
          <span className="visually-hidden">{t('notifications.unreadPrefix')}</span>
          {count > 99 ? '99+' : count}
          <span className="visually-hidden">{t('notifications.unreadSuffix')}</span>
        </span>
      ) : (
        <span className="visually-hidden">{t('notifications.noUnread')}</span>
      )}
    </NavLink>
  );
}
