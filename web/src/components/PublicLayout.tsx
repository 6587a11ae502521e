/** The frame of the pages reachable before sign-in (login, two-factor setup, data sources). */
import { Outlet } from 'react-router-dom';
import { SiteHeader } from './SiteHeader';
import { SiteFooter } from './SiteFooter';
import { SkipLink } from './SkipLink';

export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <SiteHeader me={null} />
      <main id="main" className="page page-narrow" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}
