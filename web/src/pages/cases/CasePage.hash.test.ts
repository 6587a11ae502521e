import { describe, expect, it } from 'vitest';
import type { TeamReferral } from '../../api/case-types';
import { hashTargetId } from './CasePage.hash';

const referral = { id: 'a1b2', role: 'primary_doctor' } as TeamReferral;
const team = { referrals: [referral] };
const onPage =
  (...ids: string[]) =>
  (id: string) =>
    ids.includes(id);

describe('the element a link into a case page lands on', () => {
  it('is the role card its hash names', () => {
    expect(hashTargetId('#role-primary_doctor', team, onPage('role-primary_doctor'))).toBe('role-primary_doctor');
    expect(hashTargetId('#case-conferences', team, onPage('case-conferences'))).toBe('case-conferences');
  });

  it("is the card of a referral's role, unless the referral has an element of its own", () => {
    expect(hashTargetId('#referral-a1b2', team, onPage('role-primary_doctor'))).toBe('role-primary_doctor');
    expect(hashTargetId('#referral-a1b2', team, onPage('referral-a1b2', 'role-primary_doctor'))).toBe('referral-a1b2');
  });

  it('is a conference from its notification, else the conference section (still loading, or no longer listed)', () => {
    expect(hashTargetId('#conference-c1', team, onPage('conference-c1', 'case-conferences'))).toBe('conference-c1');
    expect(hashTargetId('#conference-c1', team, onPage('case-conferences'))).toBe('case-conferences');
    expect(hashTargetId('#conference-c1', team, onPage())).toBeNull();
  });

  it('is none for an unknown referral, a missing element or an empty or broken hash', () => {
    expect(hashTargetId('#referral-zzz', team, onPage('role-primary_doctor'))).toBeNull();
    expect(hashTargetId('#role-care_manager', team, onPage('role-primary_doctor'))).toBeNull();
    expect(hashTargetId('', team, onPage('role-primary_doctor'))).toBeNull();
    expect(hashTargetId('#%E0%A4%A', team, onPage('role-primary_doctor'))).toBeNull();
  });
});
