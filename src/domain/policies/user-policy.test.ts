/** Which organisations an account of each role may belong to (accountOrganizationProblem). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { organizationKinds, roles, type OrganizationKind, type Role } from '../codes.js';
import { roleRequirements } from '../cases/team-roles.js';
import { accountOrganizationKinds, accountOrganizationProblem } from './user-policy.js';

describe('accountOrganizationProblem', () => {
  it.each<[Role, OrganizationKind | null, ReturnType<typeof accountOrganizationProblem>]>([
    ['center_coordinator', 'coordination_center', null],
    ['center_coordinator', 'clinic', 'kind_not_allowed'],
    ['center_coordinator', 'hospital', 'kind_not_allowed'],
    ['center_coordinator', null, 'organization_required'],
    ['hospital_liaison', 'hospital', null],
    ['hospital_liaison', 'clinic', 'kind_not_allowed'],
    ['association_admin', 'medical_association', null],
    ['association_admin', 'clinic', 'kind_not_allowed'],
    ['city_analyst', 'city', null],
    ['city_analyst', 'public_health_center', 'kind_not_allowed'],
    ['provider', 'clinic', null],
    ['provider', 'visiting_nursing', null],
    ['provider', 'care_management', null],
    ['provider', 'social_welfare_council', null],
    ['provider', 'hospital', 'kind_not_allowed'],
    ['provider', 'coordination_center', 'kind_not_allowed'],
    ['provider', 'medical_association', 'kind_not_allowed'],
    ['provider', 'city', 'kind_not_allowed'],
    ['provider', null, 'organization_required'],
    ['admin', null, null],
    ['admin', 'city', 'organization_not_allowed'],
    ['admin', 'clinic', 'organization_not_allowed'],
  ])('%s in %s → %s', (role, kind, expected) => {
    expect(accountOrganizationProblem(role, kind === null ? null : { kind })).toBe(expected);
  });

  it('lets every organisation a referral or a welfare link reaches have provider staff, except hospitals (their liaison answers)', () => {
    const reached = new Set(Object.values(roleRequirements).flatMap((requirement) => requirement.kinds));
    reached.delete('hospital');
    for (const kind of reached) expect(accountOrganizationProblem('provider', { kind })).toBeNull();
  });

  it('never gives the Center, hospital, association or city roles to an organisation of another kind', () => {
    const ownKind: Partial<Record<Role, OrganizationKind>> = {
      center_coordinator: 'coordination_center',
      hospital_liaison: 'hospital',
      association_admin: 'medical_association',
      city_analyst: 'city',
    };
    fc.assert(
      fc.property(fc.constantFrom(...roles), fc.constantFrom(...organizationKinds), (role, kind) => {
        const problem = accountOrganizationProblem(role, { kind });
        const own = ownKind[role];
        if (own !== undefined) expect(problem === null).toBe(kind === own);
        const allowed = accountOrganizationKinds[role];
        expect(problem === null).toBe(allowed !== 'none' && allowed.includes(kind));
      }),
    );
  });
});
