import { describe, expect, it } from 'vitest';
import { navigationFor, roleLabelKey } from './session';
import type { OrganizationKind } from './codes';

const paths = (kind: OrganizationKind | null) => navigationFor('provider', kind).map((entry) => entry.to);

describe('a welfare window’s screens (福祉事務所・保健所・社会福祉協議会・地域包括支援センター)', () => {
  it('shows its window, not 在宅サービス事業所, as the role', () => {
    for (const kind of ['welfare_office', 'public_health_center', 'social_welfare_council'] as const)
      expect(roleLabelKey('provider', kind)).toBe(`codes.kind.${kind}`);
    expect(roleLabelKey('provider', 'community_support_center')).toBe('codes.kind.community_support_center');
    expect(roleLabelKey('provider', 'visiting_nursing')).toBe('codes.role.provider');
    expect(roleLabelKey('hospital_liaison', 'hospital')).toBe('codes.role.hospital_liaison');
  });

  it('puts its welfare-link inbox in the menu, without 受入状況 and 紹介の受信 for the public windows', () => {
    for (const kind of ['welfare_office', 'public_health_center', 'social_welfare_council'] as const) {
      expect(paths(kind), kind).toContain('/welfare-links');
      expect(paths(kind), kind).not.toContain('/referrals');
      expect(paths(kind), kind).not.toContain('/my-organization');
    }
    // 地域包括支援センター is also a team role: referrals and its acceptance status stay.
    expect(paths('community_support_center')).toEqual(
      expect.arrayContaining(['/welfare-links', '/referrals', '/my-organization']),
    );
    expect(paths('visiting_nursing')).not.toContain('/welfare-links');
    expect(paths('visiting_nursing')).toEqual(expect.arrayContaining(['/referrals', '/my-organization']));
  });
});
