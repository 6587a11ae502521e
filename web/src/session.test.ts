import { describe, expect, it } from 'vitest';
import type { Me } from './api/types';
import { canEditOrganization, matchesExactly, navigationFor, safeNextPath } from './session';
import { roles, type OrganizationKind, type Role } from './codes';

const me = (overrides: Partial<Me>): Me => ({
  id: 'u1',
  email: 'someone@example.jp',
  name: '利用者',
  role: 'provider',
  organizationId: 'org-own',
  organizationName: '自組織',
  organizationKind: 'clinic',
  isMfaEnabled: false,
  isMfaRequired: false,
  mustChangePassword: false,
  ...overrides,
});

describe('canEditOrganization', () => {
  it('lets admins, the organisation’s own staff and its association edit, and nobody else', () => {
    const own = { id: 'org-own', kind: 'clinic', associationId: 'assoc' } as const;
    const member = { id: 'org-member', kind: 'clinic', associationId: 'assoc' } as const;
    const attachedHospital = { id: 'org-hospital', kind: 'hospital', associationId: 'assoc' } as const;
    expect(canEditOrganization(me({ role: 'association_admin', organizationId: 'assoc' }), attachedHospital)).toBe(
      false,
    );
    expect(canEditOrganization(me({ role: 'admin', organizationId: null }), member)).toBe(true);
    expect(canEditOrganization(me({ role: 'provider' }), own)).toBe(true);
    expect(canEditOrganization(me({ role: 'provider' }), member)).toBe(false);
    expect(canEditOrganization(me({ role: 'association_admin', organizationId: 'assoc' }), member)).toBe(true);
    expect(canEditOrganization(me({ role: 'association_admin', organizationId: 'other' }), member)).toBe(false);
    expect(canEditOrganization(me({ role: 'city_analyst' }), own)).toBe(false);
  });
});

describe('navigationFor', () => {
  it('starts every role’s menu with ホーム and includes the organisation list', () => {
    for (const role of roles) {
      const paths = navigationFor(role).map((entry) => entry.to);
      expect(paths[0]).toBe('/');
      expect(paths).toContain('/organizations');
    }
  });

  it('offers the rotations (輪番) to providers of clinics only, and to association admins', () => {
    const hasRotations = (role: Role, kind: OrganizationKind | null) =>
      navigationFor(role, kind).some((entry) => entry.to === '/rotations');
    expect(hasRotations('provider', 'clinic')).toBe(true);
    for (const kind of ['visiting_nursing', 'care_management', 'home_pharmacy', 'hospital'] as const)
      expect(hasRotations('provider', kind), kind).toBe(false);
    expect(hasRotations('association_admin', 'medical_association')).toBe(true);
  });

  it('offers the area analytics to every role the page admits', () => {
    const withAnalytics = roles.filter((role) => navigationFor(role).some((entry) => entry.to === '/analytics'));
    expect(withAnalytics.sort()).toEqual(['admin', 'association_admin', 'center_coordinator', 'city_analyst']);
  });

  it('marks one menu entry as current: /matching only on its own page when /matching/… is beside it', () => {
    const menu = navigationFor('center_coordinator');
    const entry = (to: string) => menu.find((item) => item.to === to)!;
    expect(matchesExactly(menu, entry('/'))).toBe(true);
    expect(matchesExactly(menu, entry('/matching'))).toBe(true);
    expect(matchesExactly(menu, entry('/matching/reliance'))).toBe(false);
    expect(matchesExactly(menu, entry('/cases'))).toBe(false);
  });

  it('offers user administration to admins and association admins only', () => {
    const withUsers = roles.filter((role) => navigationFor(role).some((entry) => entry.to === '/admin/users'));
    expect(withUsers).toEqual(['admin', 'association_admin']);
  });
});

describe('safeNextPath', () => {
  it('follows only paths inside the application', () => {
    expect(safeNextPath('/organizations?kind=clinic')).toBe('/organizations?kind=clinic');
    expect(safeNextPath('//evil.example/')).toBe('/');
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});
