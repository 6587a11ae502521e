/** 自組織の情報: the edit page of the signed-in user's own organisation. */
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

export function MyOrganizationPage() {
  const me = useCurrentUser();
  if (!me.organizationId) return <NoOrganization />;
  return <OrganizationEditor organizationId={me.organizationId} isOwnOrganization />;
}
