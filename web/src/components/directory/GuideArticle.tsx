/**
 * A citizens' guide page that is also a leaflet: a 「印刷する」 button; whom to ask, with the 地域ケア総合推進センター's
 * phone and the 出典 and date of that contact (ContactHelp); a box with the addresses of the search and of this page,
 * printed at the foot of the sheet; and, on paper only, who issued it and when (public.css sets A4, hides the site's
 * frame). Renkei has no setting for its public address: an address only this network knows (the demo's 127.0.0.1)
 * is printed as the page's path after the site's name (printable-address.ts).
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ContactHelp } from '../public/ContactHelp';
import { printableAddress } from '../public/printable-address';
import { usePrintDate } from '../public/usePrintDate';
import { formatDate } from '../../format';

type Props = {
  title: string;
  lead: string;
  /** This page's own path, printed as its address (/public/guide/acp). */
  path: string;
  children: ReactNode;
};

function PrintUrl({ path }: { path: string }) {
  const { t } = useTranslation('public');
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const address = printableAddress(origin, path);
  return (
    <span className="print-url">
      {address.kind === 'url' ? address.url : t('guide.sitePath', { site: t('brand.name'), path: address.path })}
    </span>
  );
}

export function GuideArticle({ title, lead, path, children }: Props) {
  const { t, i18n } = useTranslation('public');
  const printDate = usePrintDate();
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
      <div className="guide-footer">
        <ContactHelp variant="leaflet" id="guide-contacts-title" />
        <aside className="guide-links" aria-labelledby="guide-links-title">
          <h2 id="guide-links-title">{t('guide.linksTitle')}</h2>
          <ul>
            <li>
              <Link to="/public/search">{t('guide.searchLink')}</Link>
              <PrintUrl path="/public/search" />
            </li>
            <li>
              <span>{t('guide.thisPage')}</span>
              <PrintUrl path={path} />
            </li>
          </ul>
          <p className="small">{t('guide.disclaimer')}</p>
        </aside>
        <p className="print-only guide-issued">{t('guide.issued', { date: formatDate(printDate, i18n.language) })}</p>
      </div>
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
