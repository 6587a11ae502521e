/** Who may manage which user accounts. */
import type { OrganizationKind, Role } from '../codes.js';
import type { PolicyActor } from './actor.js';

export type ManagedAccount = {
  role: Role;
  organizationId: string | null;
  /** The kind of the account's organisation (null: none). */
  organizationKind: string | null;
  /** The medical association the account's organisation belongs to. */
  organizationAssociationId: string | null;
};

/**
 * The organisation kinds each role's account may belong to. A role carries the access of its
 * kind of organisation (a center_coordinator sees every case brought to the Center), so a role in
 * the wrong kind of organisation would see what that organisation must not. Providers are the
 * organisations a case's team or a welfare link can reach (team-roles.ts) — hospitals are not
 * among them: a hospital answers through its hospital_liaison. 'none' = never with one: an
 * administrator sees and changes everything, so an organisation would lend that reach to whatever
 * the organisation's staff are given (and make the account look like one of them).
 */
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

/**
 * What a medical association manages — the one rule of its user list, its user actions and its
 * organisation edits: the accounts of `roles` in its member organisations, a member being an
 * organisation of `organizationKinds` whose associationId is the association's. Hospitals are not
 * members (their staff are hospital liaisons, whom the association does not manage).
 */
export type AssociationScope = {
  associationId: string;
  roles: readonly Role[];
  organizationKinds: readonly OrganizationKind[];
};

const associationManagedRoles = ['provider'] as const satisfies readonly Role[];

/** The organisation kinds a medical association may have as members (those its managed roles belong to). */
export const associationMemberKinds: readonly OrganizationKind[] = [
  ...new Set(
    associationManagedRoles.flatMap((role) => {
      const kinds = accountOrganizationKinds[role];
      return kinds === 'none' ? [] : kinds;
    }),
  ),
];

/** The scope an association admin manages; null for everyone else. */
export function associationScopeOf(actor: PolicyActor): AssociationScope | null {
  if (actor.role !== 'association_admin' || actor.organizationId === null) return null;
  return {
    associationId: actor.organizationId,
    roles: associationManagedRoles,
    organizationKinds: associationMemberKinds,
  };
}

/** Whether the organisation is one of the association's members (the association itself is not). */
export function isAssociationMember(
  scope: AssociationScope,
  organization: { kind: string | null; associationId: string | null },
): boolean {
  return (
    organization.associationId === scope.associationId &&
    organization.kind !== null &&
    (scope.organizationKinds as readonly string[]).includes(organization.kind)
  );
}

/** Admins manage every account; an association admin manages the accounts of its scope (associationScopeOf). */
export function canManageAccount(actor: PolicyActor, account: ManagedAccount): boolean {
  if (actor.role === 'admin') return true;
  const scope = associationScopeOf(actor);
  if (scope === null) return false;
  return (
    scope.roles.includes(account.role) &&
    account.organizationId !== null &&
    isAssociationMember(scope, { kind: account.organizationKind, associationId: account.organizationAssociationId })
  );
}

/** Which accounts a person may list: all (admin), the association's scope (the same rule as canManageAccount), none otherwise. */
export function userListScope(
  actor: PolicyActor,
): { kind: 'all' } | { kind: 'association'; scope: AssociationScope } | { kind: 'none' } {
  if (actor.role === 'admin') return { kind: 'all' };
  const scope = associationScopeOf(actor);
  return scope ? { kind: 'association', scope } : { kind: 'none' };
}

/** Why an account of `role` cannot belong to the organisation (of `kind`, or none); null when it can. */
export function accountOrganizationProblem(
  role: Role,
  organization: { kind: string } | null,
): 'organization_required' | 'organization_not_allowed' | 'kind_not_allowed' | null {
  const allowed = accountOrganizationKinds[role];
  if (allowed === 'none') return organization === null ? null : 'organization_not_allowed';
  if (organization === null) return 'organization_required';
  return (allowed as readonly string[]).includes(organization.kind) ? null : 'kind_not_allowed';
}
