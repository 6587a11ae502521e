/** The web's copy of the role → organisation kinds rule is the server's. */
import { describe, expect, it } from 'vitest';
import { accountOrganizationKinds as serverRule } from '../../../src/domain/policies/user-policy';
import { accountOrganizationKinds, roleFitsOrganization } from './roleOrganizationKinds';

describe('accountOrganizationKinds (web)', () => {
  it('equals the rule the server enforces', () => {
    expect(accountOrganizationKinds).toEqual(serverRule);
  });

  it('offers a clinic only the roles the server accepts there', () => {
    expect(roleFitsOrganization('provider', 'clinic')).toBe(true);
    expect(roleFitsOrganization('center_coordinator', 'clinic')).toBe(false);
    expect(roleFitsOrganization('admin', null)).toBe(true);
    expect(roleFitsOrganization('provider', null)).toBe(false);
  });
});
