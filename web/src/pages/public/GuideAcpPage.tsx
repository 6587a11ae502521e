/** 人生会議（ACP） (/public/guide/acp): what it is, why it matters, how to start, whom to talk to. Printable. */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../usePageTitle';
import { GuideArticle, GuideStep } from '../../components/directory/GuideArticle';

const steps = ['values', 'person', 'learn', 'talk', 'share'] as const;
const points = ['change', 'again', 'write', 'place'] as const;
const partners = ['familyDoctor', 'nurse', 'careManager', 'hospital', 'supportCenter'] as const;

export function GuideAcpPage() {
  const { t } = useTranslation('public');
  usePageTitle(t('acp.title'));
  return (
    <GuideArticle title={t('acp.title')} lead={t('acp.lead')} path="/public/guide/acp">
      <section aria-labelledby="acp-what" className="guide-section">
        <h2 id="acp-what">{t('acp.what.title')}</h2>
        <p>{t('acp.what.text1')}</p>
        <p>{t('acp.what.text2')}</p>
      </section>
      <section aria-labelledby="acp-why" className="guide-section">
        <h2 id="acp-why">{t('acp.why.title')}</h2>
        <p>{t('acp.why.text')}</p>
      </section>
      <section aria-labelledby="acp-steps" className="guide-section">
        <h2 id="acp-steps">{t('acp.steps.title')}</h2>
        <ol className="guide-steps">
          {steps.map((step, index) => (
            <GuideStep key={step} number={index + 1} title={t(`acp.steps.${step}.title`)}>
              <p>{t(`acp.steps.${step}.text`)}</p>
            </GuideStep>
          ))}
        </ol>
      </section>
      <section aria-labelledby="acp-points" className="guide-section">
        <h2 id="acp-points">{t('acp.points.title')}</h2>
        <ul className="guide-checklist">
          {points.map((point) => (
            <li key={point}>{t(`acp.points.${point}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="acp-partners" className="guide-section">
        <h2 id="acp-partners">{t('acp.partners.title')}</h2>
        <p>{t('acp.partners.text')}</p>
        <ul>
          {partners.map((partner) => (
            <li key={partner}>{t(`acp.partners.${partner}`)}</li>
          ))}
        </ul>
        <p className="no-print">
          <Link to="/public/guide/family-doctor">{t('acp.partners.familyDoctorLink')}</Link>
        </p>
      </section>
    </GuideArticle>
  );
}
