/**
 * What a page that failed while drawing shows instead of React Router's developer screen: a plain message in the
 * user's language and a way to reload. The error itself goes to the console for whoever investigates.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router-dom';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" className="page-error">
      <h1>{t('errors.pageTitle')}</h1>
      <p role="alert">{t('errors.unexpected')}</p>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </button>{' '}
        <a href="/">{t('nav.home')}</a>
      </p>
    </main>
  );
}
