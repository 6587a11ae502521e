/**
 * The main menu of the signed-in user's role; the current page is marked aria-current="page" — by its path, or by
 * the list a page was opened from (an organisation's edit page opened from 受入状況が古い会員: edit-origin.ts).
 * On a phone the menu folds behind a 「メニュー」 button that names the current page, beside 通知 (a menu of up to a
 * dozen entries took half the screen above every page); it folds again when a page is chosen.
 */
import { useEffect, useState } from 'react';
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
  const isCurrent = (entry: (typeof entries)[number]) =>
    isCurrentEntry(entry, location, matchesExactly(entries, entry));
  const current = entries.find(isCurrent);
  const [isOpen, setOpen] = useState(false);
  useEffect(() => setOpen(false), [location.pathname]);
  return (
    <nav className={isOpen ? 'main-nav is-open' : 'main-nav'} aria-label={t('nav.label')}>
      <div className="main-nav-bar">
        <button
          type="button"
          className="main-nav-toggle"
          aria-expanded={isOpen}
          aria-controls="main-nav-entries"
          onClick={() => setOpen((open) => !open)}
        >
          <span aria-hidden="true" className="main-nav-toggle-icon">
            {isOpen ? '×' : '≡'}
          </span>
          {t('nav.menu')}
          {current ? (
            <>
              {' '}
              <span aria-hidden="true" className="main-nav-separator">
                —
              </span>{' '}
              <span className="main-nav-current">{t(current.labelKey)}</span>
            </>
          ) : null}
        </button>
        {isPasswordChangeRequired ? null : <NotificationBell />}
      </div>
      <ul id="main-nav-entries">
        {entries.map((entry) => (
          <li key={entry.to}>
            <Link to={entry.to} aria-current={isCurrent(entry) ? 'page' : undefined}>
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
