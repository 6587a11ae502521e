/** Who may manage which user accounts. */
import type { OrganizationKind, Role } from '../codes.js';
import type { PolicyActor } from './actor.js';

export type ManagedAccount = {
  role: Role;
  organizationId: string | null;
  /** The medical association the account's organisation belongs to. */
  organizationAssociationId: string | null;
};

/** Admins manage every account; an association admin manages provider accounts of its member organisations. */
export function canManageAccount(actor: PolicyActor, account: ManagedAccount): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'association_admin') {
    return (
      actor.organizationId !== null &&
      account.role === 'provider' &&
      account.organizationAssociationId === actor.organizationId
    );
  }
  return false;
}

/** Which accounts a person may list: all (admin), members' (association), none otherwise. */
export function userListScope(
  actor: PolicyActor,
): { kind: 'all' } | { kind: 'association'; associationId: string } | { kind: 'none' } {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'association_admin' && actor.organizationId) {
    return { kind: 'association', associationId: actor.organizationId };
  }
  return { kind: 'none' };
}

/**
 * The organisation kinds each role's account may belong to. A role carries the access of its
 * kind of organisation (a center_coordinator sees every case brought to the Center), so a role in
 * the wrong kind of organisation would see what that organisation must not. Providers are the
 * organisations a case's team or a welfare link can reach (team-roles.ts) — hospitals are not
 * among them: a hospital answers through its hospital_liaison. 'any' = with or without one.
 */
export const accountOrganizationKinds: Record<Role, readonly OrganizationKind[] | 'any'> = {
  admin: 'any',
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

/** Why an account of `role` cannot belong to the organisation (of `kind`, or none); null when it can. */
export function accountOrganizationProblem(
  role: Role,
  organization: { kind: string } | null,
): 'organization_required' | 'kind_not_allowed' | null {
  const allowed = accountOrganizationKinds[role];
  if (allowed === 'any') return null;
  if (organization === null) return 'organization_required';
  return (allowed as readonly string[]).includes(organization.kind) ? null : 'kind_not_allowed';
}
