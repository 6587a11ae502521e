/**
 * 病院から家へ (/public/guide/discharge): the way from hospital discharge to home in plain words — who to ask
 * (the hospital's 地域連携室, the 地域包括支援センター), the steps of DESIGN.md §2 (direct coordination, the
 * 地域ケア総合推進センター for hard cases, the discharge conference), and what to prepare. Printable as a leaflet.
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../usePageTitle';
import { GuideArticle, GuideStep } from '../../components/directory/GuideArticle';

const steps = ['plan', 'direct', 'center', 'conference', 'home'] as const;
const centerRoles = ['doctor', 'services', 'team', 'welfare'] as const;
const preparations = ['wishes', 'insurance', 'documents', 'equipment', 'emergency'] as const;
const words = ['liaison', 'conference', 'familyDoctor', 'visitingNurse', 'careManager', 'supportCenter'] as const;

export function GuideDischargePage() {
  const { t } = useTranslation('public');
  usePageTitle(t('discharge.title'));
  return (
    <GuideArticle title={t('discharge.title')} lead={t('discharge.lead')} path="/public/guide/discharge">
      <section aria-labelledby="discharge-ask" className="guide-section">
        <h2 id="discharge-ask">{t('discharge.ask.title')}</h2>
        <div className="guide-cards">
          <div className="guide-card">
            <h3>{t('discharge.ask.inHospitalTitle')}</h3>
            <p>{t('discharge.ask.inHospitalText')}</p>
          </div>
          <div className="guide-card">
            <h3>{t('discharge.ask.atHomeTitle')}</h3>
            <p>{t('discharge.ask.atHomeText')}</p>
            <p className="no-print">
              <Link to="/public/search?need=consultation">{t('discharge.ask.atHomeLink')}</Link>
            </p>
          </div>
        </div>
      </section>

      <section aria-labelledby="discharge-flow" className="guide-section">
        <h2 id="discharge-flow">{t('discharge.flow.title')}</h2>
        <ol className="guide-steps">
          {steps.map((step, index) => (
            <GuideStep key={step} number={index + 1} title={t(`discharge.flow.${step}.title`)}>
              <p>{t(`discharge.flow.${step}.text`)}</p>
              {step === 'center' ? (
                <ul>
                  {centerRoles.map((role) => (
                    <li key={role}>{t(`discharge.centerRoles.${role}`)}</li>
                  ))}
                </ul>
              ) : null}
            </GuideStep>
          ))}
        </ol>
      </section>

      <section aria-labelledby="discharge-center" className="guide-section">
        <h2 id="discharge-center">{t('discharge.center.title')}</h2>
        <p>{t('discharge.center.text1')}</p>
        <p>{t('discharge.center.text2')}</p>
      </section>

      <section aria-labelledby="discharge-prepare" className="guide-section">
        <h2 id="discharge-prepare">{t('discharge.prepare.title')}</h2>
        <ul className="guide-checklist">
          {preparations.map((item) => (
            <li key={item}>{t(`discharge.prepare.${item}`)}</li>
          ))}
        </ul>
        <p className="no-print">
          <Link to="/public/guide/acp">{t('discharge.prepare.acpLink')}</Link>
        </p>
      </section>

      <section aria-labelledby="discharge-words" className="guide-section">
        <h2 id="discharge-words">{t('discharge.words.title')}</h2>
        <dl className="guide-words">
          {words.map((word) => (
            <div key={word}>
              <dt>{t(`discharge.words.${word}.term`)}</dt>
              <dd>{t(`discharge.words.${word}.meaning`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </GuideArticle>
  );
}
