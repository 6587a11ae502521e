/**
 * The organisation kinds each role's account may belong to — a copy of accountOrganizationKinds in
 * src/domain/policies/user-policy.ts (the web build cannot import server code; a test keeps them equal).
 * The server refuses any other pairing (400); the forms use this to offer only what it accepts.
 */
import { roles, type OrganizationKind, type Role } from '../codes';

export const accountOrganizationKinds: Record<Role, readonly OrganizationKind[] | 'none'> = {
  admin: 'none',
  center_coordinator: ['coordination_center'],
  hospital_liaison: ['hospital'],
  association_admin: ['medical_association'],
  city_analyst: ['city'],
  provider: [
    'clinic',
    'visiting_nursing',
    'visiting_rehab',
    'care_management',
    'home_dental',
    'home_pharmacy',
    'care_service',
    'community_support_center',
    'welfare_office',
    'public_health_center',
    'social_welfare_council',
  ],
};

/** Whether an account of `role` may belong to an organisation of `kind` (null: to none). */
export function roleFitsOrganization(role: Role, kind: OrganizationKind | null): boolean {
  const allowed = accountOrganizationKinds[role];
  if (allowed === 'none') return kind === null;
  return kind !== null && allowed.includes(kind);
}

/**
 * The roles a user's role may be changed to: those its organisation (of `kind`, null: none) allows —
 * a visiting nurse is never offered システム管理者 — plus the current role, so that the choice shows it.
 */
export function roleChoicesFor(currentRole: Role, kind: OrganizationKind | null): Role[] {
  return roles.filter((role) => role === currentRole || roleFitsOrganization(role, kind));
}
