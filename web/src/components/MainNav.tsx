/** The main menu of the signed-in user's role; the current page is marked aria-current="page". */
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind, Role } from '../codes';
import { matchesExactly, navigationFor } from '../session';
import { NotificationBell } from './directory/NotificationBell';

export function MainNav({ role, organizationKind }: { role: Role; organizationKind: OrganizationKind | null }) {
  const { t } = useTranslation();
  const entries = navigationFor(role, organizationKind);
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
        <li className="nav-bell">
          <NotificationBell />
        </li>
      </ul>
    </nav>
  );
}
