/** 「一般の方へ」: the way from the login page to the citizens' pages, which need no login. */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import './public.css';

export function CitizenLinks() {
  const { t } = useTranslation('public');
  return (
    <section className="card citizen-links" aria-labelledby="citizen-links-heading">
      <h2 id="citizen-links-heading">{t('loginLinks.title')}</h2>
      <p>{t('loginLinks.text')}</p>
      <ul className="link-list">
        <li>
          <Link to="/public/search">{t('loginLinks.search')}</Link>
        </li>
        <li>
          <Link to="/public/guide/discharge">{t('loginLinks.discharge')}</Link>
        </li>
        <li>
          <Link to="/public">{t('loginLinks.home')}</Link>
        </li>
      </ul>
    </section>
  );
}
