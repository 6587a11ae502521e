/** The main menu of the signed-in user's role; the current page is marked aria-current="page". */
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind, Role } from '../codes';
import { matchesExactly, navigationFor, passwordChangeNavigation } from '../session';
import { NotificationBell } from './directory/NotificationBell';

export function MainNav({
  role,
  organizationKind,
  isPasswordChangeRequired = false,
}: {
  role: Role;
  organizationKind: OrganizationKind | null;
  /** Only the password change is open (the server refuses the rest, the notifications included). */
  isPasswordChangeRequired?: boolean;
}) {
  const { t } = useTranslation();
  const entries = isPasswordChangeRequired ? passwordChangeNavigation : navigationFor(role, organizationKind);
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {entries.map((entry) => (
          <li key={entry.to}>
            <NavLink to={entry.to} end={matchesExactly(entries, entry)}>
              {t(entry.labelKey)}
            </NavLink>
          </li>
        ))}
        {isPasswordChangeRequired ? null : (
          <li className="nav-bell">
            <NotificationBell />
          </li>
        )}
      </ul>
    </nav>
  );
}
