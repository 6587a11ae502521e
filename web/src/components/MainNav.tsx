/** The main menu of the signed-in user's role; the current page is marked aria-current="page". */
import { NavLink } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Role } from '../codes';
import { navigationFor } from '../session';
import { NotificationBell } from './directory/NotificationBell';

export function MainNav({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {navigationFor(role).map((entry) => (
          <li key={entry.to}>
            <NavLink to={entry.to} end={entry.to === '/'}>
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
