/**
 * The frame of the citizens' pages (/public/…): no login, plain words, phone first. A light header with the
 * language switch, a short menu, and a footer with the 出典 of the public data and the way to the professionals'
 * sign-in. Printing a guide leaves only the guide (see public.css).
 */
import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePublicConfig } from '../../api/queries';
import { LanguageSwitch } from '../LanguageSwitch';
import { SkipLink } from '../SkipLink';
import { sourceTitles } from '../source-lines';
import { useServerText } from '../../i18n/server-text';
import { publicDataSources } from './sources';
import './public.css';

const menu = [
  { to: '/public', labelKey: 'nav.home', isEnd: true },
  { to: '/public/search', labelKey: 'nav.search', isEnd: false },
  { to: '/public/guide/discharge', labelKey: 'nav.discharge', isEnd: false },
  { to: '/public/guide/acp', labelKey: 'nav.acp', isEnd: false },
  { to: '/public/guide/family-doctor', labelKey: 'nav.familyDoctor', isEnd: false },
] as const;

/** After a client-side navigation, focus goes to the new page's heading so that screen readers announce it. */
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

export function CitizenLayout() {
  const { t, i18n } = useTranslation('public');
  const serverText = useServerText();
  const config = usePublicConfig();
  const sources = publicDataSources(config.data?.sources ?? []);
  useFocusHeadingOnNavigation();

  return (
    <div className="citizen">
      <SkipLink />
      <header className="citizen-header">
        <div className="citizen-header-inner">
          <Link to="/public" className="citizen-brand">
            <span className="brand-mark" aria-hidden="true" />
            <span>
              <span className="citizen-brand-name">{t('brand.name')}</span>
              <span className="citizen-brand-tagline">{t('brand.tagline')}</span>
            </span>
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      <nav className="citizen-nav" aria-label={t('nav.label')}>
        <ul>
          {menu.map((entry) => (
            <li key={entry.to}>
              <NavLink to={entry.to} end={entry.isEnd}>
                {t(entry.labelKey)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="citizen-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="citizen-footer">
        <div className="citizen-footer-inner">
          {sources.length > 0 ? (
            <p>
              {t('footer.sources', {
                titles: sourceTitles(sources, i18n.language === 'en' ? 'en' : 'ja', serverText.dataSource),
              })}{' '}
              <Link to="/about/data">{t('footer.sourcesLink')}</Link>
            </p>
          ) : null}
          <p>{t('footer.about')}</p>
          {config.data?.demo ? <p>{t('footer.demo')}</p> : null}
          <p>
            <Link to="/login">{t('footer.professionals')}</Link>
          </p>
        </div>
      </footer>
    </div>
  );
}
