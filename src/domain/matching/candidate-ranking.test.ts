import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rankCandidates, roleNeeds24hSupport, type Candidate } from './candidate-ranking.js';
import { defaultMatchingSettings, parseMatchingSettings, travelBurdenAt } from './matching-settings.js';
import { patientGroups, procedures, teamRoles, type PatientGroup, type Procedure, type TeamRole } from '../codes.js';

const base: Candidate = {
  id: 'x',
  distanceKm: 2,
  status: 'accepting',
  freeSlots: 3,
  availabilityAgeDays: 1,
  isStale: false,
  isAvailable24h: true,
  groups: ['elderly', 'terminal_care'],
  procedures: ['opioid_pain_control', 'home_oxygen'],
  isInTeam: false,
  currentLoad: 5,
  declaredCapacity: 30,
};
const patient = { groups: ['elderly', 'terminal_care'] as const, procedures: ['opioid_pain_control'] as const };
const required = patient;
const rank = (candidates: Candidate[], travel = { factor: 1, label: null as string | null }) =>
  rankCandidates(candidates, patient, required, defaultMatchingSettings.ranking, { role: 'primary_doctor', travel });

const candidateArbitrary = fc.record({
  id: fc.uuid(),
  distanceKm: fc.double({ min: 0, max: 30, noNaN: true }),
  status: fc.constantFrom('accepting', 'limited', null),
  freeSlots: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
  availabilityAgeDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  isStale: fc.boolean(),
  isAvailable24h: fc.boolean(),
  groups: fc.subarray([...patientGroups]),
  procedures: fc.subarray([...procedures]),
  isInTeam: fc.boolean(),
  currentLoad: fc.integer({ min: 0, max: 80 }),
  declaredCapacity: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
  pairedWithName: fc.option(fc.constant('A診療所'), { nil: null }),
}) as fc.Arbitrary<Candidate>;

describe('candidate ranking', () => {
  it('gives the same order for the same input, whatever order the candidates come in', () => {
    fc.assert(
      fc.property(fc.array(candidateArbitrary, { maxLength: 25 }), (candidates) => {
        const once = rank(candidates).map((candidate) => candidate.id);
        const reversed = rank([...candidates].reverse()).map((candidate) => candidate.id);
        expect(reversed).toEqual(once);
        for (const ranked of rank(candidates)) {
          expect(ranked.score).toBeGreaterThanOrEqual(0);
          expect(ranked.score).toBeLessThanOrEqual(1);
          expect(new Set(ranked.reasons.map((reason) => reason.code)).size).toBe(ranked.reasons.length);
        }
      }),
    );
  });

  it('lists an organisation that declined the last referral of this role after every other, saying why', () => {
    const declined: Candidate = {
      ...base,
      id: 'declined',
      distanceKm: 0.5,
      answeredBefore: { status: 'declined', reasonCode: 'distance', reason: '灘崎町は訪問エリア外です' },
    };
    const expired: Candidate = {
      ...base,
      id: 'expired',
      distanceKm: 0.6,
      answeredBefore: { status: 'expired', reasonCode: null, reason: null },
    };
    const farAndStale: Candidate = { ...base, id: 'far', distanceKm: 25, isStale: true, isAvailable24h: false };
    const ranked = rank([declined, expired, farAndStale]);
    // One that let the deadline pass keeps its place (asking it again is common), saying so.
    expect(ranked.map((candidate) => candidate.id)).toEqual(['expired', 'far', 'declined']);
    const declinedReason = ranked.find((candidate) => candidate.id === 'declined')?.reasons[0];
    expect(declinedReason).toMatchObject({
      code: 'answered_before',
      message: '前回のこの役割の紹介を辞退（距離・訪問範囲外: 灘崎町は訪問エリア外です）',
    });
    expect(ranked.find((candidate) => candidate.id === 'expired')?.reasons[0]).toMatchObject({
      code: 'answered_before',
      message: '前回のこの役割の紹介は回答期限切れ',
    });
  });

  it('explains every factor in words', () => {
    const [ranked] = rank([{ ...base, pairedWithName: '岡山内科' }], {
      factor: 1.5,
      label: '北区北部（御津・建部・足守北部）',
    });
    const messages = ranked?.reasons.map((reason) => reason.message) ?? [];
    expect(messages).toEqual(
      expect.arrayContaining([
        '距離 2.0 km',
        '移動負担 ×1.5（北区北部（御津・建部・足守北部））',
        '麻薬による疼痛管理対応',
        '看取りに多い処置（麻薬による疼痛管理・中心静脈栄養・在宅酸素・尿道カテーテル・褥瘡処置）のうち 2/5 に対応',
        expect.stringMatching(/^受入可（1日前更新）$/),
        '空き 3 名',
        '受け持ち 5 名／申告上限 30 名',
        '24時間対応',
        'チームの岡山内科と主治医・副主治医のペア',
      ]),
    );
  });

  it('prefers the less loaded of two otherwise equal candidates', () => {
    const ranked = rank([
      { ...base, id: 'busy', currentLoad: 29 },
      { ...base, id: 'quiet', currentLoad: 3 },
    ]);
    expect(ranked.map((candidate) => candidate.id)).toEqual(['quiet', 'busy']);
    expect(ranked[1]?.reasons.find((reason) => reason.code === 'load')?.message).toBe('受け持ち 29 名／申告上限 30 名');
  });

  it('ranks every fresh answer above those that need checking (stale or never declared), whatever the score', () => {
    fc.assert(
      fc.property(fc.array(candidateArbitrary, { maxLength: 25 }), (candidates) => {
        const order = rank(candidates.map((candidate) => ({ ...candidate, isPairDefault: false }))).map((candidate) =>
          Number(candidate.status === null || candidate.isStale),
        );
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
    );
    const ranked = rank([
      { ...base, id: 'near-but-stale', distanceKm: 0.5, availabilityAgeDays: 60, isStale: true },
      { ...base, id: 'far-and-fresh', distanceKm: 12, currentLoad: 25 },
    ]);
    expect(ranked.map((candidate) => candidate.id)).toEqual(['far-and-fresh', 'near-but-stale']);
  });

  it('weighs distance by the travel burden of the area', () => {
    const [plain] = rank([base]);
    const [hilly] = rank([base], { factor: 1.5, label: null });
    expect(hilly?.factors.distance ?? 1).toBeLessThan(plain?.factors.distance ?? 0);
  });

  it('applies the same travel burden to every role that visits the home, the care manager included, and to no other', () => {
    const travel = { factor: 1.15, label: null };
    const burdenOf = (role: TeamRole) => {
      const [ranked] = rankCandidates([base], patient, { groups: [], procedures: [] }, undefined, { role, travel });
      return {
        reason: ranked?.reasons.find((reason) => reason.code === 'travel_burden')?.params ?? null,
        distance: ranked?.factors.distance,
      };
    };
    const doctor = burdenOf('primary_doctor');
    expect(doctor.reason).toEqual({ factor: 1.15 });
    for (const role of ['visiting_nurse', 'care_manager', 'visiting_rehab', 'home_pharmacy'] as const)
      expect(burdenOf(role)).toEqual(doctor);
    // Nobody travels to the home from a backup hospital or a welfare window: the plain distance, no reason.
    for (const role of ['backup_hospital', 'welfare_contact'] as const) {
      const burden = burdenOf(role);
      expect(burden.reason).toBeNull();
      expect(burden.distance).toBeGreaterThan(doctor.distance ?? 1);
    }
  });

  it('ranks a specialist ahead for a patient in terminal care, and continuity counts', () => {
    const ranked = rank([
      { ...base, id: 'generalist', procedures: ['opioid_pain_control'] },
      {
        ...base,
        id: 'specialist',
        procedures: [
          'opioid_pain_control',
          'central_venous_nutrition',
          'home_oxygen',
          'urinary_catheter',
          'pressure_ulcer',
        ],
      },
    ]);
    expect(ranked[0]?.id).toBe('specialist');
    const continuity = rank([
      { ...base, id: 'new' },
      { ...base, id: 'paired', pairedWithName: 'B診療所' },
      { ...base, id: 'member', isInTeam: true },
    ]);
    expect(continuity.map((candidate) => candidate.id)).toEqual(['member', 'paired', 'new']);
  });

  it("puts the primary doctor's pair partner first for the secondary doctor, saying why", () => {
    const ranked = rank([
      { ...base, id: 'near', distanceKm: 0.5 },
      { ...base, id: 'partner', distanceKm: 9, pairedWithName: 'A診療所', isPairDefault: true },
      { ...base, id: 'other', distanceKm: 1 },
    ]);
    expect(ranked.map((candidate) => candidate.id)).toEqual(['partner', 'near', 'other']);
    expect(ranked[0]?.reasons[0]).toEqual({
      code: 'pair_default',
      message: '主治医（A診療所）のペアの診療所: 副主治医の既定の候補',
      params: { name: 'A診療所' },
    });
    expect(ranked[0]?.score).toBeLessThan(ranked[1]?.score ?? 0);
  });

  it('validates settings and finds the travel factor of a place', () => {
    expect(() => parseMatchingSettings({ ranking: { weights: { distance: -1 } } })).toThrow();
    const settings = parseMatchingSettings({ ranking: { distanceHalfKm: 6 } });
    expect(settings.ranking.distanceHalfKm).toBe(6);
    expect(settings.ranking.weights).toEqual(defaultMatchingSettings.ranking.weights);
    // 建部 (north of 北区) vs 岡山駅 (centre of 北区) vs 南区.
    expect(travelBurdenAt(settings.travel, { lat: 34.88, lng: 133.86, areaCode: '33101' })).toEqual({
      factor: 1.5,
      label: '北区北部（御津・建部・足守北部）',
    });
    expect(travelBurdenAt(settings.travel, { lat: 34.666, lng: 133.918, areaCode: '33101' })).toEqual({
      factor: 1,
      label: null,
    });
    expect(travelBurdenAt(settings.travel, { lat: 34.6, lng: 133.9, areaCode: '33104' }).factor).toBe(1.1);
  });
});

describe('rankCandidates with a limit', () => {
  it('keeps the first candidates of the full order, with the same scores and reasons', () => {
    fc.assert(
      fc.property(
        fc.array(candidateArbitrary, { maxLength: 40 }),
        fc.integer({ min: 0, max: 45 }),
        (candidates, limit) => {
          const context = { role: 'primary_doctor' as const, travel: { factor: 1.3, label: '山間部' } };
          const full = rankCandidates(candidates, patient, required, defaultMatchingSettings.ranking, context);
          const kept = rankCandidates(candidates, patient, required, defaultMatchingSettings.ranking, {
            ...context,
            limit,
          });
          expect(kept).toEqual(full.slice(0, limit));
        },
      ),
    );
  });
});

describe('24-hour support', () => {
  /** Roles whose members visit the patient for medical care: the ones answering night calls. */
  const visitingForMedicalCare = ['primary_doctor', 'secondary_doctor', 'home_visit_specialist', 'visiting_nurse'];
  const without24h: Candidate = { ...base, id: 'day-only', isAvailable24h: false };
  const with24h: Candidate = { ...base, id: 'round-the-clock', isAvailable24h: true };
  type Patient = { groups: readonly PatientGroup[]; procedures: readonly Procedure[] };
  const rankFor = (role: TeamRole, candidates: Candidate[], who: Patient = patient) =>
    rankCandidates(candidates, who, required, defaultMatchingSettings.ranking, { role });
  const codesOf = (ranked: ReturnType<typeof rankFor>, id: string) =>
    ranked.find((candidate) => candidate.id === id)?.reasons.map((reason) => reason.code) ?? [];

  it('is a criterion of the doctors and the visiting nurse only', () => {
    expect(teamRoles.filter((role) => roleNeeds24hSupport(role))).toEqual(visitingForMedicalCare);
  });

  it.each(teamRoles)('%s: counts where the patient needs it only if the role visits for medical care', (role) => {
    const ranked = rankFor(role, [without24h, with24h]);
    const day = ranked.find((candidate) => candidate.id === 'day-only');
    const night = ranked.find((candidate) => candidate.id === 'round-the-clock');
    if (visitingForMedicalCare.includes(role)) {
      // Terminal care with opioids needs it: its lack is said and pulls the score down.
      expect(codesOf(ranked, 'day-only')).toContain('no_24h');
      expect(codesOf(ranked, 'round-the-clock')).toContain('available_24h');
      expect(day?.factors.availability24h).toBe(0);
      expect(night?.factors.availability24h).toBe(1);
      expect(day?.score ?? 1).toBeLessThan(night?.score ?? 0);
    } else {
      // A care manager or a welfare window is not asked for it: neutral, and no reason either way.
      for (const id of ['day-only', 'round-the-clock']) {
        expect(codesOf(ranked, id)).not.toContain('no_24h');
        expect(codesOf(ranked, id)).not.toContain('available_24h');
      }
      expect(day?.factors.availability24h).toBe(0.5);
      expect(night?.factors.availability24h).toBe(0.5);
      expect(day?.score).toBe(night?.score);
    }
  });

  it('is neutral for a patient who does not need it, and still shown for the visiting roles', () => {
    const stable: Patient = { groups: ['elderly'], procedures: [] };
    const ranked = rankFor('visiting_nurse', [without24h, with24h], stable);
    expect(codesOf(ranked, 'day-only')).not.toContain('no_24h');
    expect(ranked.find((candidate) => candidate.id === 'day-only')?.factors.availability24h).toBe(0.5);
    expect(codesOf(ranked, 'round-the-clock')).toContain('available_24h');
  });

  it('counts as before when no role is given (callers of the first version)', () => {
    const ranked = rankCandidates([without24h], patient, required);
    expect(codesOf(ranked, 'day-only')).toContain('no_24h');
  });
});
