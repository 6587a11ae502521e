/** Shows its page only to the given roles; others get an honest 「権限がありません」. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Role } from '../codes';
import { useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';

function NotAllowed() {
  const { t } = useTranslation();
  usePageTitle(t('errors.forbiddenTitle'));
  return (
    <>
      <h1>{t('errors.forbiddenTitle')}</h1>
      <p>{t('errors.forbiddenText')}</p>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </>
  );
}

export function RoleGate({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useCurrentUser();
  return roles.includes(me.role) ? children : <NotAllowed />;
}
