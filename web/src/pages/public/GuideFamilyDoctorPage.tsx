/** かかりつけ医 (/public/guide/family-doctor): what a family doctor is, why have one, how to choose and find one. */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../usePageTitle';
import { GuideArticle } from '../../components/directory/GuideArticle';

const benefits = ['knows', 'refers', 'home', 'certificate'] as const;
const choosing = ['near', 'talk', 'homeVisits', 'night'] as const;
const visitKinds = ['planned', 'urgent'] as const;

export function GuideFamilyDoctorPage() {
  const { t } = useTranslation('public');
  usePageTitle(t('familyDoctor.title'));
  return (
    <GuideArticle title={t('familyDoctor.title')} lead={t('familyDoctor.lead')} path="/public/guide/family-doctor">
      <section aria-labelledby="fd-what" className="guide-section">
        <h2 id="fd-what">{t('familyDoctor.what.title')}</h2>
        <p>{t('familyDoctor.what.text')}</p>
      </section>
      <section aria-labelledby="fd-benefits" className="guide-section">
        <h2 id="fd-benefits">{t('familyDoctor.benefits.title')}</h2>
        <ul className="guide-checklist">
          {benefits.map((benefit) => (
            <li key={benefit}>{t(`familyDoctor.benefits.${benefit}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="fd-choose" className="guide-section">
        <h2 id="fd-choose">{t('familyDoctor.choose.title')}</h2>
        <ul className="guide-checklist">
          {choosing.map((point) => (
            <li key={point}>{t(`familyDoctor.choose.${point}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="fd-visits" className="guide-section">
        <h2 id="fd-visits">{t('familyDoctor.visits.title')}</h2>
        <dl className="guide-words">
          {visitKinds.map((kind) => (
            <div key={kind}>
              <dt>{t(`familyDoctor.visits.${kind}.term`)}</dt>
              <dd>{t(`familyDoctor.visits.${kind}.meaning`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="fd-find" className="guide-section">
        <h2 id="fd-find">{t('familyDoctor.find.title')}</h2>
        <p>{t('familyDoctor.find.text')}</p>
        <p className="no-print">
          <Link to="/public/search?need=home_doctor">{t('familyDoctor.find.searchLink')}</Link>
        </p>
      </section>
      <section aria-labelledby="fd-hospital" className="guide-section">
        <h2 id="fd-hospital">{t('familyDoctor.hospital.title')}</h2>
        <p>{t('familyDoctor.hospital.text')}</p>
      </section>
    </GuideArticle>
  );
}
