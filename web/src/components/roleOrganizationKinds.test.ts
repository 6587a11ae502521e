/** The web's copy of the role → organisation kinds rule is the server's. */
import { describe, expect, it } from 'vitest';
import { accountOrganizationKinds as serverRule } from '../../../src/domain/policies/user-policy';
import { accountOrganizationKinds, roleChoicesFor, roleFitsOrganization } from './roleOrganizationKinds';

describe('accountOrganizationKinds (web)', () => {
  it('equals the rule the server enforces', () => {
    expect(accountOrganizationKinds).toEqual(serverRule);
  });

  it('offers a clinic only the roles the server accepts there', () => {
    expect(roleFitsOrganization('provider', 'clinic')).toBe(true);
    expect(roleFitsOrganization('center_coordinator', 'clinic')).toBe(false);
    expect(roleFitsOrganization('admin', null)).toBe(true);
    expect(roleFitsOrganization('provider', null)).toBe(false);
    expect(roleFitsOrganization('admin', 'clinic')).toBe(false);
  });

  it('offers a role change only to the roles valid for the user’s organisation (never admin to a nurse)', () => {
    expect(roleChoicesFor('provider', 'visiting_nursing')).toEqual(['provider']);
    expect(roleChoicesFor('center_coordinator', 'coordination_center')).toEqual(['center_coordinator']);
    expect(roleChoicesFor('admin', null)).toEqual(['admin']);
    // An administrator attached to a clinic before the rule keeps its role listed, beside provider.
    expect(roleChoicesFor('admin', 'clinic')).toEqual(['admin', 'provider']);
  });
});
