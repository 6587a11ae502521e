import { describe, expect, it } from 'vitest';
import type { CaseAccessFacts } from './case-policy.js';
import { canManageConference, canReadConference } from './conference-policy.js';

const hospital = 'h-1';
const facts = (overrides: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  hospitalOrganizationId: hospital,
  pastHospitalOrganizationIds: [],
  route: 'direct',
  consentScopes: ['referral_summary', 'team_record'],
  hasOpenReferral: false,
  isTeamMember: false,
  welfareLink: 'none',
  ...overrides,
});

describe('conference policy', () => {
  it('lets participants read even with only the minimum necessary of the case', () => {
    const actor = { userId: 'u', role: 'provider' as const, organizationId: 'p-1' };
    expect(canReadConference(actor, null, ['p-1'])).toBe(true);
    expect(canReadConference(actor, facts({ hasOpenReferral: true }), ['p-1'])).toBe(true);
  });

  it('lets the thread read, not a mere candidate', () => {
    const actor = { userId: 'u', role: 'provider' as const, organizationId: 'p-2' };
    expect(canReadConference(actor, facts({ isTeamMember: true }), [])).toBe(true);
    expect(canReadConference(actor, facts({ hasOpenReferral: true }), [])).toBe(false);
    expect(canReadConference(actor, null, [])).toBe(false);
  });

  it('lets only coordinators manage', () => {
    expect(canManageConference({ userId: 'u', role: 'hospital_liaison', organizationId: hospital }, facts())).toBe(
      true,
    );
    expect(
      canManageConference({ userId: 'u', role: 'provider', organizationId: 'p-1' }, facts({ isTeamMember: true })),
    ).toBe(false);
    expect(canManageConference({ userId: 'u', role: 'hospital_liaison', organizationId: hospital }, null)).toBe(false);
  });
});
