/**
 * Listens to the live notifications (GET /api/v1/events) for the whole signed-in shell and shows each new one as a
 * toast in a polite live region, so that it is seen and heard without leaving the page. Toasts close by themselves
 * after a while; every notification stays on the notifications page.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMarkNotificationRead, useNotificationStream, type NotificationSignal } from '../../api/directory';
import { useServerText } from '../../i18n/server-text';
import './directory.css';

const toastLifetimeMs = 20_000;
const maximumToasts = 3;

function Toast({ signal, onClose }: { signal: NotificationSignal; onClose: () => void }) {
  const { t } = useTranslation('directory');
  const markRead = useMarkNotificationRead();
  const text = useServerText().notification(signal);
  useEffect(() => {
    const timer = window.setTimeout(onClose, toastLifetimeMs);
    return () => window.clearTimeout(timer);
  }, [onClose]);
  return (
    <div className="toast">
      <p className="small muted">{t('notifications.toastTitle')}</p>
      <p>
        <strong>{text.title}</strong>
      </p>
      {text.body ? <p className="small">{text.body}</p> : null}
      <p className="toast-actions">
        {signal.link?.startsWith('/') ? (
          <Link
            to={signal.link}
            onClick={() => {
              markRead.mutate(signal.id);
              onClose();
            }}
          >
            {t('notifications.open')}
          </Link>
        ) : null}
        <Link to="/notifications" onClick={onClose}>
          {t('notifications.all')}
        </Link>
        <button type="button" className="button-link" onClick={onClose}>
          {t('notifications.close')}
        </button>
      </p>
    </div>
  );
}

export function NotificationCenter() {
  const [toasts, setToasts] = useState<NotificationSignal[]>([]);
  const onNotification = useCallback((signal: NotificationSignal) => {
    setToasts((current) => [...current.filter((toast) => toast.id !== signal.id), signal].slice(-maximumToasts));
  }, []);
  useNotificationStream(onNotification);
  const close = useCallback((id: string) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);

  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toasts.map((signal) => (
        <ToastItem key={signal.id} signal={signal} onClose={close} />
      ))}
    </div>
  );
}

/** Binds the id once so the toast's timer is not restarted by every render of the region. */
function ToastItem({ signal, onClose }: { signal: NotificationSignal; onClose: (id: string) => void }) {
  const close = useCallback(() => onClose(signal.id), [onClose, signal.id]);
  return <Toast signal={signal} onClose={close} />;
}
