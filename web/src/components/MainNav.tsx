/**
 * The main menu of the signed-in user's role; the current page is marked aria-current="page" — by its path, or by
 * the list a page was opened from (an organisation's edit page opened from 受入状況が古い会員: edit-origin.ts).
 */
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind, Role } from '../codes';
import { matchesExactly, navigationFor, passwordChangeNavigation } from '../session';
import { NotificationBell } from './directory/NotificationBell';
import { isCurrentEntry } from './edit-origin';

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
  const location = useLocation();
  const entries = isPasswordChangeRequired ? passwordChangeNavigation : navigationFor(role, organizationKind);
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {entries.map((entry) => (
          <li key={entry.to}>
            <Link
              to={entry.to}
              aria-current={isCurrentEntry(entry, location, matchesExactly(entries, entry)) ? 'page' : undefined}
            >
              {t(entry.labelKey)}
            </Link>
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
