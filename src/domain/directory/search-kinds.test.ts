import { describe, expect, it } from 'vitest';
import { organizationKinds, type Procedure } from '../codes.js';
import { roleRequirements } from '../cases/team-roles.js';
import { admitsPatients, nonAdmittingKinds, providesVisitingRehab, searchKindsOf } from './search-kinds.js';

describe('searchKindsOf', () => {
  it('finds an organisation under its own kind, and under visiting_rehab when it visits for rehabilitation', () => {
    expect(searchKindsOf('clinic', ['home_oxygen'])).toEqual(['clinic']);
    expect(searchKindsOf('clinic', ['rehabilitation'])).toEqual(['clinic', 'visiting_rehab']);
    // A 介護老人保健施設 registered for 介護サービス 140 (the loader records rehabilitation for it).
    expect(searchKindsOf('care_service', ['rehabilitation'])).toEqual(['care_service', 'visiting_rehab']);
    expect(searchKindsOf('care_service', [])).toEqual(['care_service']);
    expect(searchKindsOf('visiting_rehab', [])).toEqual(['visiting_rehab']);
    // Only the kinds the matching proposes for visiting rehab: a care manager or a dentist does not do it.
    expect(searchKindsOf('care_management', ['rehabilitation'])).toEqual(['care_management']);
    expect(searchKindsOf('home_dental', ['rehabilitation'])).toEqual(['home_dental']);
  });

  it('agrees with the matching’s visiting_rehab role for every kind', () => {
    const role = roleRequirements.visiting_rehab;
    const procedureSets: Procedure[][] = [[], ['rehabilitation']];
    for (const kind of organizationKinds) {
      for (const procedures of procedureSets) {
        const proposed =
          role.kinds.includes(kind) && (role.alwaysProcedures ?? []).every((p) => procedures.includes(p));
        expect(providesVisitingRehab(kind, procedures), `${kind} ${procedures.join()}`).toBe(
          proposed || kind === 'visiting_rehab',
        );
      }
    }
  });
});

describe('admitsPatients', () => {
  it('is false for the consultation windows and public bodies, true for the providers', () => {
    for (const kind of nonAdmittingKinds) expect(admitsPatients(kind), kind).toBe(false);
    for (const kind of ['hospital', 'clinic', 'visiting_nursing', 'visiting_rehab', 'care_management', 'care_service'])
      expect(admitsPatients(kind), kind).toBe(true);
    expect(admitsPatients('community_support_center')).toBe(false);
  });
});
