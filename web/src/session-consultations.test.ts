import { describe, expect, it } from 'vitest';
import { navigationFor } from './session';
import { roles, type OrganizationKind } from './codes';

const paths = (kind: OrganizationKind | null) => navigationFor('provider', kind).map((entry) => entry.to);

describe('相談窓口 (/consultations) in the menu', () => {
  it('is offered to exactly the roles that may open a consultation (POST /api/v1/consultations)', () => {
    const withDesk = roles.filter((role) =>
      navigationFor(role, 'clinic').some((entry) => entry.to === '/consultations'),
    );
    expect(withDesk.sort()).toEqual(['association_admin', 'hospital_liaison', 'provider']);
    for (const kind of ['clinic', 'visiting_nursing', 'care_management', 'welfare_office'] as const)
      expect(paths(kind), kind).toContain('/consultations');
  });
});
