/**
 * 自組織の情報: the edit page of the signed-in user's own organisation; a clinic also finds the way to its
 * 主治医・副主治医 pairs here (older pair notifications link to this page).
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';
import { OrganizationEditor } from './OrganizationEditPage';

function NoOrganization() {
  const { t } = useTranslation();
  usePageTitle(t('edit.ownTitle'));
  return (
    <>
      <h1>{t('edit.ownTitle')}</h1>
      <p>{t('edit.noOrganization')}</p>
    </>
  );
}

/** For a clinic: where its doctor pairs are. */
function PairsLink() {
  const { t } = useTranslation('matching');
  return (
    <aside className="alert alert-info own-pairs-link" aria-label={t('ownPairs.title')}>
      <p>
        <Link to="/my-organization/pairs">{t('ownPairs.link')}</Link>
      </p>
      <p className="small">{t('ownPairs.linkLead')}</p>
    </aside>
  );
}

export function MyOrganizationPage() {
  const me = useCurrentUser();
  if (!me.organizationId) return <NoOrganization />;
  return (
    <>
      {me.organizationKind === 'clinic' ? <PairsLink /> : null}
      <OrganizationEditor organizationId={me.organizationId} isOwnOrganization />
    </>
  );
}
