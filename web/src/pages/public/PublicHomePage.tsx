/**
 * 市民向けトップ (/public): what can be found here, a way into the search by need, the three guides, and where to
 * turn for help. For visitors without a login; linked from the login page.
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../usePageTitle';

const featuredNeeds = ['visiting_nursing', 'home_doctor', 'care_manager', 'home_oxygen', 'child', 'dementia'] as const;
const guides = [
  { to: '/public/guide/discharge', key: 'discharge' },
  { to: '/public/guide/acp', key: 'acp' },
  { to: '/public/guide/family-doctor', key: 'familyDoctor' },
] as const;
const helpLines = ['hospital', 'supportCenter', 'emergency'] as const;

export function PublicHomePage() {
  const { t } = useTranslation('public');
  usePageTitle(t('home.title'));
  return (
    <div className="citizen-home">
      <section className="citizen-hero" aria-labelledby="citizen-home-title">
        <h1 id="citizen-home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <p>
          <Link className="button button-large" to="/public/search">
            {t('home.searchButton')}
          </Link>
        </p>
      </section>

      <section aria-labelledby="citizen-needs-title">
        <h2 id="citizen-needs-title">{t('home.needsTitle')}</h2>
        <ul className="citizen-need-links">
          {featuredNeeds.map((need) => (
            <li key={need}>
              <Link to={`/public/search?need=${need}`}>{t(`needs.${need}.label`)}</Link>
            </li>
          ))}
          <li>
            <Link to="/public/search">{t('home.needsMore')}</Link>
          </li>
        </ul>
      </section>

      <section aria-labelledby="citizen-guides-title">
        <h2 id="citizen-guides-title">{t('home.guidesTitle')}</h2>
        <ul className="citizen-guide-cards">
          {guides.map((guide) => (
            <li key={guide.key}>
              <Link to={guide.to} className="citizen-guide-link">
                {t(`home.guides.${guide.key}.title`)}
              </Link>
              <p>{t(`home.guides.${guide.key}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="citizen-help-title" className="citizen-help">
        <h2 id="citizen-help-title">{t('home.helpTitle')}</h2>
        <dl className="guide-words">
          {helpLines.map((line) => (
            <div key={line}>
              <dt>{t(`home.help.${line}.when`)}</dt>
              <dd>{t(`home.help.${line}.what`)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <p className="citizen-professionals">
        {t('home.professionalsText')} <Link to="/login">{t('home.professionalsLink')}</Link>
      </p>
    </div>
  );
}
