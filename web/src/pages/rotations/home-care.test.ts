import { describe, expect, it } from 'vitest';
import { doesHomeCare, homeCareMarks } from './home-care';

const clinic = (overrides: Partial<Parameters<typeof homeCareMarks>[0]> = {}) => ({
  homeCareSupportClinic: null,
  isHomeVisitOnly: false,
  capabilities: { groups: [] },
  ...overrides,
});

describe('which clinics do home care (the rotation group picker)', () => {
  it('marks a 在宅療養支援診療所, a clinic that only visits and one whose profile takes home patients', () => {
    expect(homeCareMarks(clinic({ homeCareSupportClinic: 'enhanced_single' }))).toEqual([
      { kind: 'home_care_support', type: 'enhanced_single' },
    ]);
    expect(homeCareMarks(clinic({ isHomeVisitOnly: true, capabilities: { groups: ['elderly'] } }))).toEqual([
      { kind: 'home_visit_only' },
      { kind: 'home_care_profile' },
    ]);
  });

  it('leaves out an eye or skin clinic that declares none of them', () => {
    expect(homeCareMarks(clinic())).toEqual([]);
    expect(doesHomeCare(clinic())).toBe(false);
    expect(doesHomeCare(clinic({ homeCareSupportClinic: 'standard' }))).toBe(true);
  });
});
