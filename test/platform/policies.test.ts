/** The access policies of src/domain/policies: table-driven, plus invariants checked with fast-check. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roles, type Role } from '../../src/domain/codes.js';
import type { PolicyActor } from '../../src/domain/policies/actor.js';
import { canAdministerOrganizations, canEditOrganization } from '../../src/domain/policies/organization-policy.js';
import { associationMemberKinds, canManageAccount, userListScope } from '../../src/domain/policies/user-policy.js';

const ownOrganization = '00000000-0000-4000-8000-000000000001';
const otherOrganization = '00000000-0000-4000-8000-000000000002';
const association = '00000000-0000-4000-8000-00000000000a';
const otherAssociation = '00000000-0000-4000-8000-00000000000b';

const actor = (role: Role, organizationId: string | null = ownOrganization): PolicyActor => ({
  userId: 'user',
  role,
  organizationId,
});

describe('canEditOrganization', () => {
  const own = { id: ownOrganization, kind: 'clinic', associationId: otherAssociation };
  const other = { id: otherOrganization, kind: 'clinic', associationId: otherAssociation };
  const member = { id: otherOrganization, kind: 'clinic', associationId: association };
  // A hospital whose associationId names the association is not a member (its staff are liaisons).
  const attachedHospital = { id: otherOrganization, kind: 'hospital', associationId: association };

  it.each([
    ['admin', null, other, true],
    ['admin', ownOrganization, other, true],
    ['provider', ownOrganization, own, true],
    ['provider', ownOrganization, other, false],
    ['hospital_liaison', ownOrganization, own, true],
    ['hospital_liaison', ownOrganization, other, false],
    ['center_coordinator', ownOrganization, own, true],
    ['center_coordinator', ownOrganization, other, false],
    ['city_analyst', ownOrganization, own, false],
    ['association_admin', association, member, true],
    ['association_admin', association, other, false],
    ['association_admin', association, attachedHospital, false],
    ['association_admin', association, { id: association, kind: 'medical_association', associationId: null }, true],
    ['provider', association, member, false],
    ['provider', null, own, false],
    ['association_admin', null, { id: otherOrganization, kind: 'clinic', associationId: null }, false],
  ] as const)('%s of %s editing %j → %s', (role, organizationId, organization, expected) => {
    expect(canEditOrganization(actor(role, organizationId), organization)).toBe(expected);
  });

  it('lets an admin edit anything and a city analyst nothing', () => {
    fc.assert(
      fc.property(fc.option(fc.uuid()), fc.uuid(), fc.option(fc.uuid()), (organizationId, id, associationId) => {
        const organization = { id, kind: 'clinic', associationId };
        expect(canEditOrganization(actor('admin', organizationId), organization)).toBe(true);
        expect(canEditOrganization(actor('city_analyst', organizationId), organization)).toBe(false);
      }),
    );
  });

  it('never lets a non-admin without an organisation edit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...roles.filter((role) => role !== 'admin')),
        fc.uuid(),
        fc.option(fc.uuid()),
        (role, id, associationId) => {
          expect(canEditOrganization(actor(role, null), { id, kind: 'clinic', associationId })).toBe(false);
        },
      ),
    );
  });
});

describe('canAdministerOrganizations', () => {
  it.each(roles.map((role) => [role, role === 'admin'] as const))('%s → %s', (role, expected) => {
    expect(canAdministerOrganizations(actor(role))).toBe(expected);
  });
});

describe('canManageAccount', () => {
  const account = (role: Role, organizationAssociationId: string | null, organizationKind = 'clinic') => ({
    role,
    organizationId: otherOrganization,
    organizationKind,
    organizationAssociationId,
  });

  it.each([
    ['admin', null, account('admin', null), true],
    ['admin', null, account('provider', association), true],
    ['association_admin', association, account('provider', association), true],
    ['association_admin', association, account('hospital_liaison', association), false],
    ['association_admin', association, account('association_admin', association), false],
    ['association_admin', association, account('admin', association), false],
    ['association_admin', association, account('provider', otherAssociation), false],
    ['association_admin', association, account('provider', null), false],
    // A hospital attached to the association is no member: its accounts are not the association's.
    ['association_admin', association, account('hospital_liaison', association, 'hospital'), false],
    ['association_admin', association, account('provider', association, 'hospital'), false],
    ['association_admin', association, account('provider', association, 'visiting_nursing'), true],
    ['association_admin', null, account('provider', null), false],
    ['provider', ownOrganization, account('provider', ownOrganization), false],
    ['center_coordinator', ownOrganization, account('provider', null), false],
    ['hospital_liaison', ownOrganization, account('provider', null), false],
    ['city_analyst', ownOrganization, account('provider', null), false],
  ] as const)('%s of %s managing %j → %s', (role, organizationId, target, expected) => {
    expect(canManageAccount(actor(role, organizationId), target)).toBe(expected);
  });

  it('lets only admins and association admins manage anyone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...roles),
        fc.constantFrom(...roles),
        fc.option(fc.uuid()),
        fc.option(fc.uuid()),
        (role, targetRole, organizationId, associationId) => {
          const allowed = canManageAccount(actor(role, organizationId), account(targetRole, associationId));
          if (role === 'admin') expect(allowed).toBe(true);
          else if (role !== 'association_admin') expect(allowed).toBe(false);
          else
            expect(allowed).toBe(
              targetRole === 'provider' && organizationId !== null && associationId === organizationId,
            );
        },
      ),
    );
  });
});

describe('userListScope', () => {
  it('lists all for admins, the association’s members for association admins, none otherwise', () => {
    expect(userListScope(actor('admin', null))).toEqual({ kind: 'all' });
    expect(userListScope(actor('association_admin', association))).toEqual({
      kind: 'association',
      scope: { associationId: association, roles: ['provider'], organizationKinds: associationMemberKinds },
    });
    expect(associationMemberKinds).toContain('clinic');
    expect(associationMemberKinds).not.toContain('hospital');
    expect(userListScope(actor('association_admin', null))).toEqual({ kind: 'none' });
    for (const role of ['provider', 'hospital_liaison', 'center_coordinator', 'city_analyst'] as const) {
      expect(userListScope(actor(role))).toEqual({ kind: 'none' });
    }
  });
});
