/** The signed-in user as the pages see it, and the rules of the UI that depend on the role. */
import { createContext, useContext } from 'react';
import type { Me, Organization } from './api/types';
import type { OrganizationKind, Role } from './codes';
import { accountOrganizationKinds } from './components/roleOrganizationKinds';

export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user; only inside the authenticated shell (AppShell provides it). */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside the signed-in shell');
  return me;
}

/**
 * Mirrors src/domain/policies/organization-policy.ts: the server decides, the UI only hides what would fail.
 * An association's members are the organisations of its providers' kinds (a hospital is none).
 */
export function canEditOrganization(
  me: Me,
  organization: Pick<Organization, 'id' | 'kind' | 'associationId'>,
): boolean {
  if (me.role === 'admin') return true;
  if (me.organizationId === null || me.role === 'city_analyst') return false;
  if (me.organizationId === organization.id) return true;
  const memberKinds = accountOrganizationKinds.provider;
  return (
    me.role === 'association_admin' &&
    organization.associationId === me.organizationId &&
    typeof memberKinds !== 'string' &&
    memberKinds.includes(organization.kind)
  );
}

export function canManageUsers(role: Role): boolean {
  return role === 'admin' || role === 'association_admin';
}

export type NavigationEntry = { to: string; labelKey: string };

const home: NavigationEntry = { to: '/', labelKey: 'nav.home' };
const organizations: NavigationEntry = { to: '/organizations', labelKey: 'nav.organizations' };
const users: NavigationEntry = { to: '/admin/users', labelKey: 'nav.users' };
const cases: NavigationEntry = { to: '/cases', labelKey: 'nav.cases' };
const directorySearch: NavigationEntry = { to: '/directory/search', labelKey: 'nav.directorySearch' };
const rotations: NavigationEntry = { to: '/rotations', labelKey: 'nav.rotations' };
const reliance: NavigationEntry = { to: '/matching/reliance', labelKey: 'nav.reliance' };
const analytics: NavigationEntry = { to: '/analytics', labelKey: 'nav.analytics' };
const myOrganization: NavigationEntry = { to: '/my-organization', labelKey: 'nav.myOrganization' };
const referrals: NavigationEntry = { to: '/referrals', labelKey: 'nav.referrals' };
/** 相談窓口: general questions to the Center (POST /api/v1/consultations: hospital liaisons, providers, associations). */
const consultations: NavigationEntry = { to: '/consultations', labelKey: 'nav.consultations' };
/** 福祉の連携の依頼: the links addressed to a welfare window (/api/v1/welfare-links). */
export const welfareLinksEntry: NavigationEntry = { to: '/welfare-links', labelKey: 'nav.welfareLinks' };

/**
 * The welfare windows (福祉事務所・保健所・社会福祉協議会・地域包括支援センター): hospitals and the Center
 * link cases to them (福祉の連携). Their staff sign in with the provider role.
 */
export const welfareWindowKinds: readonly OrganizationKind[] = [
  'welfare_office',
  'public_health_center',
  'social_welfare_council',
  'community_support_center',
];

export function isWelfareWindow(organizationKind: OrganizationKind | null): boolean {
  return organizationKind !== null && welfareWindowKinds.includes(organizationKind);
}

/**
 * Whether the organisation is a care provider that receives referrals and keeps an acceptance status
 * (受入状況). 地域包括支援センター is both a welfare window and a team role; the public windows
 * (福祉事務所・保健所・社会福祉協議会) are neither.
 */
export function receivesReferrals(organizationKind: OrganizationKind | null): boolean {
  return !isWelfareWindow(organizationKind) || organizationKind === 'community_support_center';
}

/** The role as shown to the user: a welfare window's staff are not a 在宅サービス事業所 but their window (福祉事務所…). */
export function roleLabelKey(role: Role, organizationKind: OrganizationKind | null): string {
  if (role === 'provider' && organizationKind !== null && isWelfareWindow(organizationKind))
    return `codes.kind.${organizationKind}`;
  return `codes.role.${role}`;
}

/**
 * Whether a menu entry is current only on its own path: the home page, and an entry another entry
 * of the same menu lies under (/matching beside /matching/pairs), so that only one is marked.
 */
export function matchesExactly(entries: readonly NavigationEntry[], entry: NavigationEntry): boolean {
  return entry.to === '/' || entries.some((other) => other.to !== entry.to && other.to.startsWith(`${entry.to}/`));
}

/**
 * The main menu of each role (DESIGN.md §1). A provider's menu depends on its organisation's kind:
 * only clinics take night and holiday duties (輪番), so only they see the rotations; a welfare window
 * answers welfare links (福祉の連携の依頼) and, unless it is also a team role (地域包括支援センター),
 * receives no referrals and keeps no 受入状況.
 */
export function navigationFor(role: Role, organizationKind: OrganizationKind | null = null): NavigationEntry[] {
  switch (role) {
    case 'admin':
      return [
        home,
        organizations,
        users,
        { to: '/admin/organizations/new', labelKey: 'nav.organizationNew' },
        { to: '/audit', labelKey: 'nav.audit' },
        analytics,
        directorySearch,
      ];
    case 'center_coordinator':
      return [
        home,
        { to: '/center', labelKey: 'nav.center' },
        cases,
        { to: '/matching', labelKey: 'nav.matching' },
        reliance,
        analytics,
        directorySearch,
        organizations,
      ];
    case 'hospital_liaison':
      return [home, cases, consultations, directorySearch, organizations];
    case 'provider':
      return [
        home,
        ...(isWelfareWindow(organizationKind) ? [welfareLinksEntry] : []),
        ...(receivesReferrals(organizationKind) ? [myOrganization, referrals] : []),
        ...(organizationKind === 'clinic' ? [rotations] : []),
        consultations,
        directorySearch,
        organizations,
      ];
    case 'association_admin':
      return [
        home,
        { to: '/association/members', labelKey: 'nav.associationMembers' },
        { to: '/association/stale', labelKey: 'nav.associationStale' },
        rotations,
        { to: '/matching/pairs', labelKey: 'nav.pairs' },
        reliance,
        analytics,
        users,
        consultations,
        directorySearch,
        organizations,
      ];
    case 'city_analyst':
      return [home, analytics, reliance, directorySearch, organizations];
  }
}

/** The page the user must see while a password an administrator set is still in use (mustChangePassword). */
export const passwordChangePath = '/account/password';

/**
 * The menu while the password must be changed: the server answers every other request with
 * password_change_required, so only the password change itself is offered (sign-out is in the header).
 */
export const passwordChangeNavigation: readonly NavigationEntry[] = [
  { to: passwordChangePath, labelKey: 'password.title' },
];

/** Only paths inside the application are followed after sign-in (no open redirect). */
export function safeNextPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}
