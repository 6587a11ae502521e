/** Product name, who is signed in (name, role, organisation), the language switch and sign-out. */
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useLogout } from '../api/queries';
import { roleLabelKey } from '../session';
import { isRoleShown } from './role-label';
import { LanguageSwitch } from './LanguageSwitch';

export function SiteHeader({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();

  const signOut = () => {
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });
  };

  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>{t('app.name')}</span>
        </Link>
        <div className="site-header-tools">
          {me && (
            <p className="current-user">
              <span className="visually-hidden">{t('header.signedInAs')}</span>
              <span className="current-user-name">{me.name}</span>
              <span className="current-user-meta">
                {isRoleShown(t(roleLabelKey(me.role, me.organizationKind)), me.organizationName) ? (
                  <span className="current-user-role">{t(roleLabelKey(me.role, me.organizationKind))}</span>
                ) : null}
                {me.organizationName ? <span className="current-user-organization">{me.organizationName}</span> : null}
              </span>
            </p>
          )}
          <LanguageSwitch />
          {me && (
            <button type="button" className="button button-header" onClick={signOut} disabled={logout.isPending}>
              {t('header.logout')}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}
