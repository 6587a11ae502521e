/**
 * A citizens' guide page that is also a leaflet: a 「印刷する」 button, and a box with the addresses of the search
 * and of this page that is printed at the foot of the sheet (public.css sets A4, hides the site's frame).
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

type Props = {
  title: string;
  lead: string;
  /** This page's own path, printed as its address (/public/guide/acp). */
  path: string;
  children: ReactNode;
};

export function GuideArticle({ title, lead, path, children }: Props) {
  const { t } = useTranslation('public');
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <article className="guide">
      <header className="guide-header">
        <p className="guide-kicker">{t('guide.kicker')}</p>
        <h1>{title}</h1>
        <p className="lead">{lead}</p>
        <p className="no-print">
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            {t('guide.print')}
          </button>
        </p>
      </header>
      {children}
      <aside className="guide-links" aria-labelledby="guide-links-title">
        <h2 id="guide-links-title">{t('guide.linksTitle')}</h2>
        <ul>
          <li>
            <Link to="/public/search">{t('guide.searchLink')}</Link>
            <span className="print-url">{`${origin}/public/search`}</span>
          </li>
          <li>
            <span>{t('guide.thisPage')}</span>
            <span className="print-url">{`${origin}${path}`}</span>
          </li>
        </ul>
        <p className="small">{t('guide.disclaimer')}</p>
      </aside>
    </article>
  );
}

/** A numbered step of a guide: its title and paragraphs. */
export function GuideStep({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  return (
    <li className="guide-step">
      <h3>
        <span className="guide-step-number" aria-hidden="true">
          {number}
        </span>
        {title}
      </h3>
      {children}
    </li>
  );
}
