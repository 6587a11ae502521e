/**
 * The answer to a stale If-Match (412): the server's message says who changed what; the user's input stays on
 * screen until they choose 「最新の内容を読み込む」.
 */
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { apiErrorText } from '../../i18n/server-text';

type Props = { error: ApiError; onReload: () => void; isReloading: boolean; text?: string };

export function ConflictAlert({ error, onReload, isReloading, text }: Props) {
  const { t, i18n } = useTranslation('cases');
  return (
    <div className="alert alert-error conflict">
      <p>
        <strong>{t('conflict.title')}</strong>
      </p>
      <p>{apiErrorText(i18n, error)}</p>
      <p>{text ?? t('conflict.keepInput')}</p>
      <button type="button" className="button" onClick={onReload} disabled={isReloading}>
        {t('conflict.reload')}
      </button>
    </div>
  );
}

/** Whether an error is a version conflict (412) or a missing If-Match (428). */
export function isConflict(error: unknown): error is ApiError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    ((error as ApiError).status === 412 || (error as ApiError).status === 428)
  );
}
