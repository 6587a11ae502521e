/** The frame of every signed-in page: header, main menu, content and footer; loads the current user. */
import { useEffect, useRef } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries';
import { isApiError } from '../api/client';
import { CurrentUserContext, passwordChangePath } from '../session';
import { SiteHeader } from './SiteHeader';
import { MainNav } from './MainNav';
import { SiteFooter } from './SiteFooter';
import { SkipLink } from './SkipLink';
import { ErrorAlert } from './ErrorAlert';
import { NotificationCenter } from './directory/NotificationCenter';

/** After a client-side navigation, focus moves to the new page's heading so screen readers announce it. */
function useFocusHeadingOnNavigation() {
  const location = useLocation();
  const isFirst = useRef(true);
  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [location.pathname]);
}

export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  useFocusHeadingOnNavigation();

  if (me.isPending || (me.isError && isApiError(me.error) && me.error.status === 401)) {
    return (
      <p className="page-loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (me.isError) {
    return (
      <main id="main" className="page-error">
        <h1>{t('errors.pageTitle')}</h1>
        <ErrorAlert error={me.error} />
        <button type="button" className="button" onClick={() => void me.refetch()}>
          {t('common.retry')}
        </button>
      </main>
    );
  }
  // A password an administrator set opens nothing but its change (the server answers every other request 403
  // password_change_required): straight to that page, keeping where the user was going, with no other menu entries
  // and without the notifications (bell, live stream), which would only be refused.
  const isPasswordChangeRequired = me.data.mustChangePassword;
  if (isPasswordChangeRequired && location.pathname !== passwordChangePath) {
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`${passwordChangePath}${next}`} replace />;
  }
  return (
    <CurrentUserContext.Provider value={me.data}>
      <SkipLink />
      <SiteHeader me={me.data} />
      <MainNav
        role={me.data.role}
        organizationKind={me.data.organizationKind}
        isPasswordChangeRequired={isPasswordChangeRequired}
      />
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
      {isPasswordChangeRequired ? null : <NotificationCenter />}
    </CurrentUserContext.Provider>
  );
}
