import { describe, expect, it } from 'vitest';
import { canFillRole, candidateFilters, filledBy } from './team-roles.js';

describe('candidateFilters', () => {
  const child = { groups: ['pediatric_medical_care', 'disability'] as const, procedures: ['ventilator'] as const };
  const elder = { groups: ['elderly', 'terminal_care'] as const, procedures: ['home_oxygen'] as const };

  it('asks a visiting nurse for every group and procedure of the patient', () => {
    expect(candidateFilters('visiting_nurse', child)).toMatchObject({
      groups: ['pediatric_medical_care', 'disability'],
      procedures: ['ventilator'],
    });
  });

  it('asks visiting rehabilitation for paediatric care when the patient is a child needing medical care, and for rehabilitation always', () => {
    expect(candidateFilters('visiting_rehab', child)).toMatchObject({
      groups: ['pediatric_medical_care'],
      procedures: ['rehabilitation'],
    });
    expect(candidateFilters('visiting_rehab', elder)).toMatchObject({ groups: [], procedures: ['rehabilitation'] });
  });

  it('asks a care manager for no group or procedure, except for a child needing medical care', () => {
    expect(candidateFilters('care_manager', elder)).toMatchObject({ groups: [], procedures: [] });
    // An adult with an intractable disease (難病, 40–64 and certified): any care management office may plan her care.
    const intractable = {
      groups: ['intractable_disease'] as const,
      procedures: ['ventilator', 'tube_feeding'] as const,
    };
    expect(candidateFilters('care_manager', intractable)).toMatchObject({ groups: [], procedures: [] });
    expect(candidateFilters('care_manager', child)).toMatchObject({
      groups: ['pediatric_medical_care'],
      procedures: [],
    });
  });

  it('leaves rehabilitation to its own role: a doctor or nurse need not provide it', () => {
    const stroke = { groups: ['elderly'] as const, procedures: ['tube_feeding', 'rehabilitation'] as const };
    for (const role of ['primary_doctor', 'secondary_doctor', 'home_visit_specialist', 'visiting_nurse'] as const)
      expect(candidateFilters(role, stroke).procedures, role).toEqual(['tube_feeding']);
    expect(candidateFilters('visiting_rehab', stroke).procedures).toEqual(['rehabilitation']);
  });
});

describe('the roles a case has filled', () => {
  it('counts its members, and 福祉窓口 only once a welfare window acknowledged a link', () => {
    const members = [{ role: 'primary_doctor' }, { role: 'visiting_nurse' }];
    expect(filledBy(members, [{ status: 'requested' }, { status: 'closed' }]).sort()).toEqual([
      'primary_doctor',
      'visiting_nurse',
    ]);
    expect(filledBy(members, [{ status: 'requested' }, { status: 'acknowledged' }]).sort()).toEqual([
      'primary_doctor',
      'visiting_nurse',
      'welfare_contact',
    ]);
  });
});

describe('who can fill a role at all (canFillRole: the matching and the supply of 地域の分析)', () => {
  const homeCareClinic = { kind: 'clinic', groups: ['elderly'], procedures: ['home_oxygen'] };
  const eyeClinic = { kind: 'clinic', groups: [], procedures: [] };

  it('asks a doctor or a visiting nurse to have declared which patients it takes', () => {
    for (const role of ['primary_doctor', 'secondary_doctor', 'home_visit_specialist'] as const) {
      expect(canFillRole(role, homeCareClinic), role).toBe(true);
      expect(canFillRole(role, eyeClinic), role).toBe(false);
    }
    expect(canFillRole('primary_doctor', { kind: 'hospital', groups: ['cancer'], procedures: [] })).toBe(true);
    expect(canFillRole('visiting_nurse', { kind: 'visiting_nursing', groups: [], procedures: [] })).toBe(false);
    expect(canFillRole('visiting_nurse', { kind: 'visiting_nursing', groups: ['elderly'], procedures: [] })).toBe(true);
  });

  it('asks visiting rehabilitation for rehabilitation, whatever kind runs it (kaigo service 140 records it)', () => {
    const rehab = ['rehabilitation'];
    expect(canFillRole('visiting_rehab', { kind: 'care_service', groups: [], procedures: rehab })).toBe(true);
    expect(canFillRole('visiting_rehab', { kind: 'hospital', groups: [], procedures: rehab })).toBe(true);
    expect(canFillRole('visiting_rehab', { kind: 'visiting_nursing', groups: ['elderly'], procedures: rehab })).toBe(
      true,
    );
    // A day-care office or a clinic without rehabilitation is not a visiting-rehab candidate.
    expect(canFillRole('visiting_rehab', { kind: 'care_service', groups: [], procedures: [] })).toBe(false);
    expect(canFillRole('visiting_rehab', homeCareClinic)).toBe(false);
  });

  it('asks the other roles for their kind only', () => {
    expect(canFillRole('care_manager', { kind: 'care_management', groups: [], procedures: [] })).toBe(true);
    expect(canFillRole('backup_hospital', { kind: 'hospital', groups: [], procedures: [] })).toBe(true);
    expect(canFillRole('welfare_contact', { kind: 'welfare_office', groups: [], procedures: [] })).toBe(true);
    expect(canFillRole('care_manager', homeCareClinic)).toBe(false);
    expect(canFillRole('home_dental', homeCareClinic)).toBe(false);
  });
});
