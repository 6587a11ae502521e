import { describe, expect, it } from 'vitest';
import { resolveEscalation, type EscalationFacts, type EscalationOrganization } from './escalation.js';

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
