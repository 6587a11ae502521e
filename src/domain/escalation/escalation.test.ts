import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  escalationRoles,
  resolveEscalation,
  type BackupHospital,
  type EscalationFacts,
  type EscalationOrganization,
} from './escalation.js';

const org = (id: string, name: string, extra: Partial<EscalationOrganization> = {}): EscalationOrganization => ({
  id,
  name,
  kind: 'clinic',
  phone: `086-000-${id.padStart(4, '0')}`,
  ...extra,
});

const at = new Date('2026-05-03T13:00:00.000Z'); // 22:00 JST, a holiday night

function facts(overrides: Partial<EscalationFacts> = {}): EscalationFacts {
  return {
    at,
    isAcute: false,
    areaName: '北区',
    patientLocation: { lat: 34.66, lng: 133.92 },
    primary: org('1', 'A診療所'),
    secondary: null,
    pairSecondary: org('2', 'Bクリニック'),
    onDuty: [
      {
        organization: org('3', 'C医院'),
        groupName: '北区輪番',
        shift: 'holiday_night',
        shiftLabel: '休日夜間',
        date: '2026-05-03',
        hours: '18:00〜翌09:00',
      },
    ],
    onDutyGap: null,
    backupHospitals: [
      {
        organization: org('10', '回復期病院', { kind: 'hospital', lat: 34.66, lng: 133.92 }),
        hospitalFunction: 'recovery',
        unavailableUntil: null,
        unavailableNote: null,
        isTeamDesignated: false,
      },
      {
        organization: org('11', '急性期病院', { kind: 'hospital', lat: 34.7, lng: 133.95 }),
        hospitalFunction: 'acute',
        unavailableUntil: null,
        unavailableNote: null,
        isTeamDesignated: false,
      },
      {
        organization: org('12', '停止中病院', { kind: 'hospital' }),
        hospitalFunction: 'acute',
        unavailableUntil: new Date('2026-05-04T00:00:00Z'),
        unavailableNote: '病床満床',
        isTeamDesignated: false,
      },
    ],
    waitMinutes: { on_duty: 15 },
    formatTime: (date) => date.toISOString(),
    ...overrides,
  };
}

describe('the emergency chain', () => {
  it('calls primary → secondary (from the pair) → on-duty clinic → backup hospitals → 119, with wait times', () => {
    const result = resolveEscalation(facts());
    expect(
      result.steps.map((step) => [step.order, step.role, step.organization?.name ?? null, step.waitMinutes]),
    ).toEqual([
      [1, 'primary_doctor', 'A診療所', 5],
      [2, 'secondary_doctor', 'Bクリニック', 5],
      [3, 'on_duty', 'C医院', 15],
      [4, 'backup_hospital', '回復期病院', 10],
      [5, 'backup_hospital', '急性期病院', 10],
      [6, 'emergency_119', null, null],
    ]);
    expect(result.steps[1]?.source).toBe('pair');
    expect(result.steps[1]?.reason).toContain('ペア');
    expect(result.steps[2]?.reason).toContain('北区輪番');
    expect(result.steps[5]?.phone).toBe('119');
  });

  it('does not call the clinic on duty a second time when it is the primary or the secondary doctor', () => {
    for (const own of [org('1', 'A診療所'), org('2', 'Bクリニック')]) {
      const onDuty = [{ ...facts().onDuty[0]!, organization: own }];
      const result = resolveEscalation(facts({ onDuty }));
      expect(result.steps.filter((step) => step.organization?.id === own.id)).toHaveLength(1);
      expect(result.steps.some((step) => step.role === 'on_duty')).toBe(false);
      expect(result.skipped).toContainEqual(
        expect.objectContaining({ role: 'on_duty', organization: own, reason: expect.stringContaining('既に連絡先') }),
      );
    }
  });

  it('puts acute hospitals first when the condition is acute and skips one that cannot admit now', () => {
    const result = resolveEscalation(facts({ isAcute: true }));
    const hospitals = result.steps
      .filter((step) => step.role === 'backup_hospital')
      .map((step) => step.organization?.name);
    expect(hospitals).toEqual(['急性期病院', '回復期病院']);
    expect(result.skipped).toEqual([
      expect.objectContaining({ role: 'backup_hospital', reason: expect.stringContaining('病床満床') }),
    ]);
  });

  it('takes the stopped hospital again once its stop has ended', () => {
    const later = resolveEscalation(facts({ isAcute: true, at: new Date('2026-05-05T00:00:00Z') }));
    expect(later.skipped).toEqual([]);
    expect(later.steps.filter((step) => step.role === 'backup_hospital')).toHaveLength(3);
  });

  it('prefers the team’s secondary and says when no clinic is on duty', () => {
    const result = resolveEscalation(
      facts({ secondary: org('5', 'チーム副主治医'), onDuty: [], onDutyGap: 'outside_duty_hours' }),
    );
    expect(result.steps[1]).toMatchObject({
      role: 'secondary_doctor',
      source: 'team',
      organization: { name: 'チーム副主治医' },
    });
    expect(result.steps.some((step) => step.role === 'on_duty')).toBe(false);
    expect(result.notes.join('')).toContain('当番時間外');
  });
});

describe('the emergency chain on random facts', () => {
  const hospital = fc.record({
    id: fc.uuid(),
    hospitalFunction: fc.constantFrom('advanced_acute', 'acute', 'recovery', 'chronic', null),
    stopHours: fc.option(fc.integer({ min: -48, max: 48 }), { nil: null }),
    isTeamDesignated: fc.boolean(),
    lat: fc.double({ min: 34.5, max: 34.8, noNaN: true }),
  });
  const randomFacts = fc
    .record({
      isAcute: fc.boolean(),
      hasPrimary: fc.boolean(),
      hasSecondary: fc.boolean(),
      hasPair: fc.boolean(),
      onDuty: fc.integer({ min: 0, max: 2 }),
      hospitals: fc.uniqueArray(hospital, { maxLength: 6, selector: (entry) => entry.id }),
      waits: fc.record({ primary_doctor: fc.integer({ min: 0, max: 30 }), on_duty: fc.integer({ min: 0, max: 30 }) }),
    })
    .map((draw): EscalationFacts => {
      const backups: BackupHospital[] = draw.hospitals.map((entry, index) => ({
        organization: org(String(100 + index), `病院${index}`, { kind: 'hospital', lat: entry.lat, lng: 133.9 }),
        hospitalFunction: entry.hospitalFunction,
        unavailableUntil: entry.stopHours === null ? null : new Date(at.getTime() + entry.stopHours * 3_600_000),
        unavailableNote: null,
        isTeamDesignated: entry.isTeamDesignated,
      }));
      return facts({
        isAcute: draw.isAcute,
        primary: draw.hasPrimary ? org('1', 'A診療所') : null,
        secondary: draw.hasSecondary ? org('5', 'チーム副主治医') : null,
        pairSecondary: draw.hasPair ? org('2', 'Bクリニック') : null,
        onDuty: facts().onDuty.slice(0, draw.onDuty),
        onDutyGap: draw.onDuty === 0 ? 'no_published_roster' : null,
        backupHospitals: backups,
        waitMinutes: draw.waits,
      });
    });

  it('always ends with 119, numbers the steps 1…n in the contract order and never calls a stopped hospital', () => {
    fc.assert(
      fc.property(randomFacts, (input) => {
        const { steps, skipped } = resolveEscalation(input);
        expect(steps[steps.length - 1]).toMatchObject({ role: 'emergency_119', phone: '119', waitMinutes: null });
        expect(steps.map((step) => step.order)).toEqual(steps.map((_, index) => index + 1));
        const ranks = steps.map((step) => escalationRoles.indexOf(step.role));
        expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
        for (const step of steps.slice(0, -1)) expect(step.waitMinutes).toBeGreaterThanOrEqual(0);
        const stopped = new Set(
          input.backupHospitals
            .filter((entry) => entry.unavailableUntil && entry.unavailableUntil.getTime() > input.at.getTime())
            .map((entry) => entry.organization.id),
        );
        const called = steps.filter((step) => step.role === 'backup_hospital').map((step) => step.organization?.id);
        for (const id of called) expect(stopped.has(id ?? '')).toBe(false);
        expect(skipped.map((entry) => entry.organization.id).sort()).toEqual([...stopped].sort());
        // Team-designated first; then acute before the others when the condition is acute (and the reverse).
        const calledHospitals = called.map((id) =>
          input.backupHospitals.find((entry) => entry.organization.id === id)!,
        );
        const key = (entry: BackupHospital) => {
          const isAcuteHospital = ['acute', 'advanced_acute'].includes(entry.hospitalFunction ?? '');
          return (entry.isTeamDesignated ? 0 : 2) + (isAcuteHospital === input.isAcute ? 0 : 1);
        };
        const keys = calledHospitals.map(key);
        expect([...keys].sort((a, b) => a - b)).toEqual(keys);
        expect(called.length).toBeLessThanOrEqual(3);
        // The secondary: the team's when there is one, else the pair.
        const secondary = steps.find((step) => step.role === 'secondary_doctor');
        if (input.secondary) expect(secondary?.source).toBe('team');
        else if (input.pairSecondary) expect(secondary?.source).toBe('pair');
        else expect(secondary).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
