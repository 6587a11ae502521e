import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  defaultWaitMinutes,
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

  it('says first, for 看取り at home by the patient’s wish, to call the doctor or the nurse before 119', () => {
    const wish = resolveEscalation(
      facts({ patient: { groups: ['terminal_care', 'cancer'], procedures: [], wishesToDieAtHome: true } }),
    );
    expect(wish.noteDetails[0]).toMatchObject({ code: 'home_death_wish' });
    expect(wish.notes[0]).toContain('119番ではなく、まず主治医・訪問看護に連絡');
    // The order itself stays the clinical one.
    expect(wish.steps.map((step) => step.role)).toEqual(resolveEscalation(facts()).steps.map((step) => step.role));
    // Not for a patient who is not in end-of-life care, nor for one who wishes otherwise.
    for (const patient of [
      { groups: ['elderly' as const], procedures: [], wishesToDieAtHome: true },
      { groups: ['terminal_care' as const], procedures: [], wishesToDieAtHome: false },
    ])
      expect(resolveEscalation(facts({ patient })).noteDetails.map((note) => note.code)).not.toContain(
        'home_death_wish',
      );
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

  it('keeps the clinical order when contacts have no phone number: marked in place, with the role’s wait', () => {
    const noPhone = (id: string, name: string, extra: Partial<EscalationOrganization> = {}) =>
      org(id, name, { phone: null, ...extra });
    const base = facts().backupHospitals;
    const result = resolveEscalation(
      facts({
        isAcute: true,
        primary: noPhone('1', '番号なし主治医'),
        pairSecondary: noPhone('2', '番号なし副主治医'),
        onDuty: [{ ...facts().onDuty[0]!, organization: noPhone('3', '番号なし当番医') }],
        backupHospitals: [
          {
            ...base[1]!,
            organization: noPhone('21', '番号なし高度急性期病院', { kind: 'hospital', lat: 34.66, lng: 133.92 }),
            hospitalFunction: 'advanced_acute',
          },
          ...base,
        ],
      }),
    );
    // 主治医 → 副主治医 → 当番医 → 後方支援病院 (acute first, nearest first) → 119, whatever is on file.
    expect(result.steps.map((step) => [step.order, step.organization?.name ?? '119', step.waitMinutes])).toEqual([
      [1, '番号なし主治医', 5],
      [2, '番号なし副主治医', 5],
      [3, '番号なし当番医', 15],
      [4, '番号なし高度急性期病院', 10],
      [5, '急性期病院', 10],
      [6, '回復期病院', 10],
      [7, '119', null],
    ]);
    for (const step of result.steps) expect(step.phoneMissing).toBe(step.phone === null);
    for (const step of result.steps.filter((entry) => entry.phoneMissing)) {
      expect(step.reason).toMatch(/^電話番号未登録: 順番はこのまま/);
      expect(step.reason).not.toMatch(/後にしています/);
    }
    // The primary's own words stay true: it is called first.
    expect(result.steps[0]?.reason).toContain('まず主治医に連絡します');
    expect(result.noteDetails.filter((entry) => entry.code === 'no_phone').map((entry) => entry.params.name)).toEqual([
      '番号なし主治医',
      '番号なし副主治医',
      '番号なし当番医',
      '番号なし高度急性期病院',
    ]);
  });

  it('chooses backup hospitals by function and distance, never by whether a phone number is on file', () => {
    const hospitals: BackupHospital[] = [0, 1, 2, 3].map((index) => ({
      organization: org(String(30 + index), `番号なし急性期病院${index}`, {
        kind: 'hospital',
        phone: null,
        lat: 34.66 + index * 0.01,
        lng: 133.92,
      }),
      hospitalFunction: 'acute',
      unavailableUntil: null,
      unavailableNote: null,
      isTeamDesignated: false,
    }));
    hospitals.push({ ...facts().backupHospitals[0]! });
    const steps = resolveEscalation(facts({ isAcute: true, backupHospitals: hospitals })).steps.filter(
      (step) => step.role === 'backup_hospital',
    );
    expect(steps.map((step) => step.organization?.name)).toEqual([
      '番号なし急性期病院0',
      '番号なし急性期病院1',
      '番号なし急性期病院2',
    ]);
  });

  it('for an acute change, ranks 高度急性期・急性期, then 回復期, then unregistered, then 慢性期 — and says when none is acute', () => {
    const hospital = (id: string, name: string, hospitalFunction: string | null, lat: number): BackupHospital => ({
      organization: org(id, name, { kind: 'hospital', lat, lng: 133.92 }),
      hospitalFunction,
      unavailableUntil: null,
      unavailableNote: null,
      isTeamDesignated: false,
    });
    // The chronic-care hospital is the nearest, the acute one the farthest.
    const chronic = hospital('50', '慢性期病院', 'chronic', 34.66);
    const unknown = hospital('51', '機能未登録病院', null, 34.67);
    const recovery = hospital('52', '回復期病院', 'recovery', 34.68);
    const acute = hospital('53', '急性期病院', 'acute', 34.7);
    const advanced = hospital('54', '高度急性期病院', 'advanced_acute', 34.75);
    const names = (result: ReturnType<typeof resolveEscalation>) =>
      result.steps.filter((step) => step.role === 'backup_hospital').map((step) => step.organization?.name);

    const acuteChain = resolveEscalation(
      facts({ isAcute: true, backupHospitals: [chronic, unknown, recovery, acute, advanced] }),
    );
    expect(names(acuteChain)).toEqual(['急性期病院', '高度急性期病院', '回復期病院']);
    expect(acuteChain.noteDetails.map((entry) => entry.code)).not.toContain('no_acute_backup');
    const withoutAcute = resolveEscalation(facts({ isAcute: true, backupHospitals: [chronic, unknown, recovery] }));
    expect(names(withoutAcute)).toEqual(['回復期病院', '機能未登録病院', '慢性期病院']);
    expect(withoutAcute.noteDetails.map((entry) => entry.code)).toContain('no_acute_backup');
    // Not acute: 回復期, 慢性期, unregistered, then the acute functions.
    expect(
      names(
        resolveEscalation(facts({ isAcute: false, backupHospitals: [advanced, acute, unknown, chronic, recovery] })),
      ),
    ).toEqual(['回復期病院', '慢性期病院', '機能未登録病院']);
  });

  it('leaves out an area hospital whose profile does not take patients like this one, and says why', () => {
    const hospital = (
      id: string,
      name: string,
      profile: { groups: string[]; procedures: string[] },
      extra: Partial<BackupHospital> = {},
    ): BackupHospital => ({
      organization: org(id, name, { kind: 'hospital', lat: 34.66 + Number(id) / 1000, lng: 133.92 }),
      hospitalFunction: 'acute',
      unavailableUntil: null,
      unavailableNote: null,
      isTeamDesignated: false,
      ...profile,
      ...extra,
    });
    const hospitals = [
      hospital('61', '小児専門病院', { groups: ['pediatric_medical_care'], procedures: ['ventilator'] }),
      hospital('62', '透析なし病院', { groups: ['elderly'], procedures: [] }),
      hospital('63', '高齢者透析病院', { groups: ['elderly', 'dementia'], procedures: ['dialysis'] }),
      hospital(
        '65',
        'チームの病院',
        { groups: ['pediatric_medical_care'], procedures: [] },
        { isTeamDesignated: true },
      ),
    ];
    const result = resolveEscalation(
      facts({
        isAcute: true,
        backupHospitals: hospitals,
        // Dementia is not a group a backup hospital is asked for; the elderly and dialysis are.
        patient: { groups: ['elderly', 'dementia'], procedures: ['dialysis', 'home_oxygen'] },
      }),
    );
    expect(
      result.steps.filter((step) => step.role === 'backup_hospital').map((step) => step.organization?.name),
    ).toEqual(['チームの病院', '高齢者透析病院']);
    expect(result.skipped.map((entry) => [entry.organization.name, entry.reasonCode, entry.reasonParams])).toEqual([
      ['小児専門病院', 'backup_not_fit', { group: ['elderly'], procedure: ['dialysis'], variant: 'both' }],
      ['透析なし病院', 'backup_not_fit', { group: [], procedure: ['dialysis'], variant: 'procedures' }],
    ]);
    expect(result.skipped[0]?.reason).toBe(
      'この患者（高齢者・透析）を受け入れる対象として登録されていないため、後方支援病院に入れていません。',
    );
    // Without the patient's needs, nobody is left out for its profile; a hospital that declared nothing stays, after
    // those that declared they take such patients (and then the left-out ones are not worth a line: the chain is full).
    expect(resolveEscalation(facts({ isAcute: true, backupHospitals: hospitals })).skipped).toEqual([]);
    const undeclared = hospital('64', '申告なし病院', { groups: [], procedures: [] });
    const fuller = resolveEscalation(
      facts({
        isAcute: true,
        backupHospitals: [undeclared, ...hospitals],
        patient: { groups: ['elderly'], procedures: ['dialysis'] },
      }),
    );
    expect(
      fuller.steps.filter((step) => step.role === 'backup_hospital').map((step) => step.organization?.name),
    ).toEqual(['チームの病院', '高齢者透析病院', '申告なし病院']);
    expect(fuller.skipped).toEqual([]);
  });

  it('calls the hospital the patient left when no other backup hospital can take the patient, and only then', () => {
    const hospital = (id: string, name: string, extra: Partial<BackupHospital> = {}): BackupHospital => ({
      organization: org(id, name, { kind: 'hospital', lat: 34.66, lng: 133.92 }),
      hospitalFunction: 'acute',
      unavailableUntil: null,
      unavailableNote: null,
      isTeamDesignated: false,
      groups: ['elderly'],
      procedures: [],
      ...extra,
    });
    const child = { groups: ['pediatric_medical_care' as const], procedures: ['ventilator' as const] };
    const discharging = hospital('70', '退院元病院', { isDischargingHospital: true });
    const backups = (result: ReturnType<typeof resolveEscalation>) =>
      result.steps
        .filter((step) => step.role === 'backup_hospital')
        .map((step) => [step.organization?.name, step.reasonCode]);
    // Nobody in the area takes a ventilated child: the hospital she left (which knows her) instead of 119 alone.
    const alone = resolveEscalation(
      facts({ isAcute: true, patient: child, backupHospitals: [hospital('71', '高齢者の病院'), discharging] }),
    );
    expect(backups(alone)).toEqual([['退院元病院', 'backup_discharging']]);
    expect(alone.steps.find((step) => step.organization?.name === '退院元病院')?.reason).toMatch(
      /^この患者が退院した病院です/,
    );
    // An area hospital that does take her: the chain as before, without it.
    const fitting = hospital('72', '小児の病院', { groups: ['pediatric_medical_care'], procedures: ['ventilator'] });
    expect(
      backups(resolveEscalation(facts({ isAcute: true, patient: child, backupHospitals: [fitting, discharging] }))),
    ).toEqual([['小児の病院', 'backup_area']]);
    // Stopped admitting, it is not called either.
    const stopped = { ...discharging, unavailableUntil: new Date('2026-05-04T00:00:00Z') };
    expect(backups(resolveEscalation(facts({ isAcute: true, patient: child, backupHospitals: [stopped] })))).toEqual(
      [],
    );
  });

  it('never offers a psychiatric hospital as the backup for an acute change, whatever its function says', () => {
    const psychiatric = (id: string, name: string, isTeamDesignated = false): BackupHospital => ({
      organization: org(id, name, { kind: 'hospital', lat: 34.66, lng: 133.92 }),
      hospitalFunction: 'advanced_acute',
      unavailableUntil: null,
      unavailableNote: null,
      isTeamDesignated,
    });
    const hospitals = [
      psychiatric('40', '公益財団法人テスト精神医学研究所附属精神科神経科病院'),
      psychiatric('41', 'テスト心療内科病院', true),
      psychiatric('42', 'テストメンタル病院'),
      ...facts().backupHospitals,
    ];
    const acute = resolveEscalation(facts({ isAcute: true, backupHospitals: hospitals }));
    expect(
      acute.steps.filter((step) => step.role === 'backup_hospital').map((step) => step.organization?.name),
    ).toEqual(['急性期病院', '回復期病院']);
    expect(
      acute.skipped
        .filter((entry) => entry.reasonCode === 'backup_psychiatric')
        .map((entry) => entry.organization.id)
        .sort(),
    ).toEqual(['40', '41', '42']);
    // Not acute: they may be called, after the others (the team's own still first), never as the acute ones.
    const nonAcute = resolveEscalation(facts({ isAcute: false, backupHospitals: hospitals }));
    const names = nonAcute.steps
      .filter((step) => step.role === 'backup_hospital')
      .map((step) => step.organization?.name);
    expect(names).toEqual(['テスト心療内科病院', '回復期病院', '急性期病院']);
    for (const step of nonAcute.steps) expect(step.reason).not.toMatch(/急性期の病院を先に/);
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
    hasPhone: fc.boolean(),
    isPsychiatric: fc.boolean(),
  });
  const randomFacts = fc
    .record({
      isAcute: fc.boolean(),
      hasPrimary: fc.boolean(),
      hasSecondary: fc.boolean(),
      hasPair: fc.boolean(),
      primaryHasPhone: fc.boolean(),
      onDuty: fc.integer({ min: 0, max: 2 }),
      hospitals: fc.uniqueArray(hospital, { maxLength: 6, selector: (entry) => entry.id }),
      waits: fc.record({ primary_doctor: fc.integer({ min: 0, max: 30 }), on_duty: fc.integer({ min: 0, max: 30 }) }),
    })
    .map((draw): EscalationFacts => {
      const backups: BackupHospital[] = draw.hospitals.map((entry, index) => ({
        organization: org(String(100 + index), entry.isPsychiatric ? `精神科病院${index}` : `病院${index}`, {
          kind: 'hospital',
          lat: entry.lat,
          lng: 133.9,
          ...(entry.hasPhone ? {} : { phone: null }),
        }),
        hospitalFunction: entry.hospitalFunction,
        unavailableUntil: entry.stopHours === null ? null : new Date(at.getTime() + entry.stopHours * 3_600_000),
        unavailableNote: null,
        isTeamDesignated: entry.isTeamDesignated,
      }));
      return facts({
        isAcute: draw.isAcute,
        primary: draw.hasPrimary ? org('1', 'A診療所', draw.primaryHasPhone ? {} : { phone: null }) : null,
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
        // The contract's order, whatever phone numbers are on file (119 last); a missing number is marked in place.
        const contacts = steps.slice(0, -1);
        const ranks = contacts.map((step) => escalationRoles.indexOf(step.role));
        expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
        if (input.primary) expect(steps[0]).toMatchObject({ role: 'primary_doctor' });
        for (const step of contacts) {
          expect(step.phoneMissing).toBe(!step.phone);
          expect(step.waitMinutes).toBe(input.waitMinutes[step.role] ?? defaultWaitMinutes[step.role]);
        }
        const stopped = new Set(
          input.backupHospitals
            .filter((entry) => entry.unavailableUntil && entry.unavailableUntil.getTime() > input.at.getTime())
            .map((entry) => entry.organization.id),
        );
        // Psychiatric hospitals are left out of an acute chain (a stopped one is skipped as stopped).
        const psychiatric = new Set(
          input.backupHospitals
            .filter(
              (entry) =>
                input.isAcute && entry.organization.name.includes('精神') && !stopped.has(entry.organization.id),
            )
            .map((entry) => entry.organization.id),
        );
        const called = steps.filter((step) => step.role === 'backup_hospital').map((step) => step.organization?.id);
        for (const id of called) expect(stopped.has(id ?? '') || psychiatric.has(id ?? '')).toBe(false);
        expect(skipped.map((entry) => entry.organization.id).sort()).toEqual([...stopped, ...psychiatric].sort());
        // Team-designated first; then psychiatric hospitals last; then by function for the condition (acute first
        // when acute, 慢性期 last; the reverse when not) — a psychiatric hospital never counts as acute. Phones do not count.
        const calledHospitals = called.map((id) =>
          input.backupHospitals.find((entry) => entry.organization.id === id)!,
        );
        const key = (entry: BackupHospital) => {
          const isPsychiatric = entry.organization.name.includes('精神');
          const hospitalFunction = isPsychiatric ? null : entry.hospitalFunction;
          const rank = (
            input.isAcute
              ? { advanced_acute: 0, acute: 0, recovery: 1, chronic: 3 }
              : { recovery: 0, chronic: 1, advanced_acute: 3, acute: 3 }
          ) as Record<string, number>;
          return (entry.isTeamDesignated ? 0 : 40) + (isPsychiatric ? 20 : 0) + (rank[hospitalFunction ?? ''] ?? 2);
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
