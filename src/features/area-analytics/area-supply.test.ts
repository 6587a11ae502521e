import { describe, expect, it } from 'vitest';
import { supplyByArea, type SupplyInput } from './area-supply.js';
import { areaTree } from './area-tree.js';

const now = new Date('2026-11-25T10:00:00+09:00');
const tree = areaTree([
  { code: '33100', parentCode: null },
  { code: '33101', parentCode: '33100' },
]);

function organization(values: Partial<SupplyInput>): SupplyInput {
  return {
    areaCode: '33101',
    kind: 'clinic',
    homeCareSupportClinic: null,
    isHomeVisitOnly: false,
    isAvailable24h: false,
    groups: [],
    procedures: [],
    availabilityStatus: null,
    freeSlots: null,
    availabilityUpdatedAt: null,
    ...values,
  };
}

const supplyOf = (rows: SupplyInput[]) =>
  supplyByArea(rows, { tree, areaCodes: ['33100', '33101'], now, staleAfterDays: 14 }).get('33101');

describe('the role supply counts candidates by the matching rule', () => {
  it('counts a clinic as a doctor only when it declared the patients it takes', () => {
    const supply = supplyOf([
      organization({ groups: ['elderly'], availabilityStatus: 'accepting', freeSlots: 2, availabilityUpdatedAt: now }),
      // An eye clinic of the public list: a clinic, but no home care declared.
      organization({}),
      organization({ kind: 'hospital', groups: ['cancer'] }),
      // A maternity hospital that declared no patients.
      organization({ kind: 'hospital' }),
    ]);
    expect(supply?.organizationsByKind.clinic).toBe(2);
    expect(supply?.roles.primary_doctor).toEqual({ organizations: 2, accepting: 1, freeSlotsFresh: 2 });
    expect(supply?.roles.home_visit_specialist.organizations).toBe(1);
    expect(supply?.roles.backup_hospital.organizations).toBe(2);
  });

  it('counts visiting rehabilitation wherever rehabilitation is held, and not the other care services', () => {
    const supply = supplyOf([
      // A 介護老人保健施設 registered for kaigo service 140: the loader recorded rehabilitation.
      organization({ kind: 'care_service', procedures: ['rehabilitation'] }),
      // A day-care office.
      organization({ kind: 'care_service' }),
      organization({ kind: 'visiting_nursing', groups: ['elderly'], procedures: ['rehabilitation'] }),
      organization({ kind: 'visiting_nursing', groups: ['elderly'] }),
      organization({ kind: 'clinic', groups: ['elderly'] }),
    ]);
    expect(supply?.organizationsByKind.visiting_rehab).toBe(0);
    expect(supply?.capabilities.procedures.rehabilitation).toBe(2);
    expect(supply?.roles.visiting_rehab.organizations).toBe(2);
    expect(supply?.roles.visiting_nurse.organizations).toBe(2);
  });

  it('counts an organisation in its ward and in the city', () => {
    const result = supplyByArea([organization({ groups: ['elderly'] })], {
      tree,
      areaCodes: ['33100', '33101'],
      now,
      staleAfterDays: 14,
    });
    expect(result.get('33100')?.roles.primary_doctor.organizations).toBe(1);
    expect(result.get('33101')?.roles.primary_doctor.organizations).toBe(1);
  });
});
