import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../directory/search-index.js';
import { eligibilityFindings } from './eligibility.js';

const home = { lat: 34.655, lng: 133.919, areaCode: '33101' };

function entry(values: Partial<DirectoryEntry>): DirectoryEntry {
  return {
    id: 'org',
    lat: home.lat,
    lng: home.lng,
    kind: 'clinic',
    areaCode: '33101',
    groups: [],
    procedures: [],
    isAvailable24h: false,
    coverageRadiusKm: null,
    coverageAreaCodes: [],
    availabilityStatus: null,
    availabilityUpdatedAt: null,
    ...values,
  };
}

const codes = (found: { code: string }[]) => found.map((problem) => problem.code);

describe('a clinic that declared no patients (team-roles.ts canFillRole)', () => {
  const noGroups = { groups: [], procedures: [] };

  it('is no doctor candidate, even for a patient of no group: the problem says so', () => {
    const found = eligibilityFindings(entry({}), 'primary_doctor', noGroups, home);
    expect(codes(found)).toEqual(['profile']);
    expect(found[0]?.message).toContain('「主治医」の候補になりません');
    expect(codes(eligibilityFindings(entry({ groups: ['elderly'] }), 'primary_doctor', noGroups, home))).toEqual([]);
  });

  it('is told by the patient’s groups when the patient has some (no second problem)', () => {
    expect(
      codes(eligibilityFindings(entry({}), 'primary_doctor', { groups: ['elderly'], procedures: [] }, home)),
    ).toEqual(['groups']);
  });

  it('is not asked of the roles that need no declared patients', () => {
    expect(codes(eligibilityFindings(entry({ kind: 'care_management' }), 'care_manager', noGroups, home))).toEqual([]);
    expect(codes(eligibilityFindings(entry({}), 'care_manager', noGroups, home))).toEqual(['kind']);
  });
});
