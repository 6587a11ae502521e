/** Several citizens' needs at once: one organisation that meets them all. */
import { describe, expect, it } from 'vitest';
import { organizationKinds, patientGroups, procedures } from '../codes.js';
import { citizenNeedIds, citizenNeeds, filtersForNeeds, findNeed } from './citizen-needs.js';

describe('citizen needs', () => {
  it('maps every need to known kinds, groups and procedures', () => {
    for (const need of citizenNeeds) {
      const codes = need as { kinds: readonly string[]; groups?: readonly string[]; procedures?: readonly string[] };
      expect(codes.kinds.length, need.id).toBeGreaterThan(0);
      for (const kind of codes.kinds) expect(organizationKinds).toContain(kind);
      for (const group of codes.groups ?? []) expect(patientGroups).toContain(group);
      for (const procedure of codes.procedures ?? []) expect(procedures).toContain(procedure);
    }
    expect(citizenNeedIds).toHaveLength(citizenNeeds.length);
    expect(findNeed('nonsense')).toBeUndefined();
  });

  it('keeps one need as the table says', () => {
    expect(filtersForNeeds(['cancer_pain'])).toEqual({
      kinds: ['clinic', 'visiting_nursing'],
      groups: ['cancer'],
      procedures: ['opioid_pain_control'],
      asksForConsultation: false,
      conflict: null,
    });
  });

  it('asks one organisation to meet every need: kinds every need allows, every group and procedure', () => {
    // 「訪問看護」 that does 「看取り」: visiting nursing stations caring for the dying.
    expect(filtersForNeeds(['visiting_nursing', 'end_of_life'])).toMatchObject({
      kinds: ['visiting_nursing'],
      groups: ['terminal_care'],
      procedures: [],
      conflict: null,
    });
    // 「家に来てくれるお医者さん」 with 「在宅酸素」, in either order and repeated.
    const doctorWithOxygen = {
      kinds: ['clinic'],
      groups: ['elderly'],
      procedures: ['home_oxygen'],
      asksForConsultation: false,
      conflict: null,
    };
    expect(filtersForNeeds(['home_doctor', 'home_oxygen'])).toEqual(doctorWithOxygen);
    expect(filtersForNeeds(['home_oxygen', 'home_doctor', 'home_oxygen'])).toEqual(doctorWithOxygen);
    expect(filtersForNeeds(['cancer_pain', 'end_of_life', 'ventilator'])).toMatchObject({
      kinds: ['clinic', 'visiting_nursing'],
      groups: ['cancer', 'terminal_care'],
      procedures: ['ventilator', 'opioid_pain_control'],
    });
    expect(filtersForNeeds(['care_manager', 'dementia'])).toMatchObject({
      kinds: ['care_management'],
      groups: ['dementia'],
      conflict: null,
    });
  });

  it('names two needs no kind of organisation provides together', () => {
    const filters = filtersForNeeds(['home_oxygen', 'care_manager', 'dementia']);
    expect(filters.kinds).toEqual([]);
    expect(filters.conflict).toEqual(['care_manager', 'home_oxygen']);
    expect(filtersForNeeds(['visiting_nursing', 'home_doctor']).conflict).toEqual(['visiting_nursing', 'home_doctor']);
  });

  it('answers 「まず相談したい」 with the centres, alone or beside the other needs', () => {
    expect(filtersForNeeds(['consultation'])).toEqual({
      kinds: ['community_support_center'],
      groups: [],
      procedures: [],
      asksForConsultation: true,
      conflict: null,
    });
    expect(filtersForNeeds(['consultation', 'visiting_nursing', 'end_of_life'])).toEqual({
      kinds: ['visiting_nursing'],
      groups: ['terminal_care'],
      procedures: [],
      asksForConsultation: true,
      conflict: null,
    });
  });

  it('leaves unknown needs out', () => {
    expect(filtersForNeeds(['nonsense', 'child'])).toMatchObject({
      kinds: ['clinic', 'visiting_nursing'],
      groups: ['pediatric_medical_care'],
    });
    expect(filtersForNeeds([])).toMatchObject({ kinds: [], conflict: null, asksForConsultation: false });
  });
});
