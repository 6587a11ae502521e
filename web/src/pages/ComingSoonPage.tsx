/** A menu entry whose function is still being built: says so plainly (準備中), shows no invented data. */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../usePageTitle';
import { Badge } from '../components/Badge';

export type ComingSoonFeature = 'center' | 'cases' | 'directorySearch' | 'referrals' | 'analytics';

export function ComingSoonPage({ feature }: { feature: ComingSoonFeature }) {
  const { t } = useTranslation();
  const title = t(`nav.${feature}`);
  usePageTitle(title);
  return (
    <>
      <h1>
        {title} <Badge tone="warning">{t('badges.comingSoon')}</Badge>
      </h1>
      <div className="card">
        <p>
          <strong>{t('comingSoon.notice')}</strong>
        </p>
        <p>{t(`comingSoon.${feature}`)}</p>
        <p className="muted">{t('comingSoon.noData')}</p>
      </div>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </>
  );
}
