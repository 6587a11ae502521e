import { describe, expect, it } from 'vitest';
import ja from '../../i18n/ja/cases.json';
import en from '../../i18n/en/cases.json';
import type { NearMissProblem } from '../../api/case-types';
import { emptyCandidatesMessageKey, isWithCenter, nearMissesOf } from './candidate-empty';
import { fitProblemText } from './team-direct';

const text = (resources: Record<string, unknown>, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);

describe('the advice of an empty candidate list', () => {
  it('never tells the Center to consult the Center, whatever the route, nor anyone once the case is with it', () => {
    expect(isWithCenter('center_coordinator', 'center')).toBe(true);
    expect(isWithCenter('center_coordinator', 'direct')).toBe(true);
    expect(isWithCenter('center_coordinator', null)).toBe(true);
    expect(isWithCenter('hospital_liaison', 'center')).toBe(true);
    expect(isWithCenter('hospital_liaison', 'direct')).toBe(false);
    expect(isWithCenter('hospital_liaison', null)).toBe(false);
    for (const emptyReason of ['no_organization_of_kind', 'no_candidate_fits', null] as const) {
      const key = emptyCandidatesMessageKey(emptyReason, isWithCenter('center_coordinator', 'center'));
      expect(text(ja, key), key).not.toMatch(/センターへの相談/);
      expect(text(en, key), key).not.toMatch(/Center/);
    }
  });
});

describe('the near misses of a candidate list', () => {
  it('are none when the server sends none (an older server has no field)', () => {
    expect(nearMissesOf(undefined)).toEqual([]);
    expect(nearMissesOf({})).toEqual([]);
    expect(nearMissesOf({ nearMisses: [] })).toEqual([]);
  });

  it('say their section and every miss in both languages', () => {
    for (const key of ['title', 'lead', 'misses', 'noPhone', 'availabilityNone']) {
      expect(text(ja, `candidates.nearMiss.${key}`), key).toEqual(expect.any(String));
      expect(text(en, `candidates.nearMiss.${key}`), key).toEqual(expect.any(String));
    }
    expect(text(ja, 'candidates.nearMiss.title')).toBe('条件を一部満たさない事業所（電話で相談できます）');
    expect(text(ja, 'candidates.nearMiss.lead')).toContain('直接チームに加える');
    const label = { kind: String, group: String, procedure: String, role: '主治医' };
    const misses: NearMissProblem[] = [
      { code: 'groups', message: '', groups: ['pediatric_medical_care'] },
      { code: 'procedures', message: '', procedures: ['ventilator'] },
      { code: 'coverage', message: '', distanceKm: 24.2, radiusKm: 16 },
      { code: 'coverage', message: '', distanceKm: 24.2, radiusKm: null },
      { code: 'full', message: '' },
    ];
    for (const miss of misses) {
      const { key } = fitProblemText({ ...miss, refuses: false }, label);
      expect(text(ja, key), key).toEqual(expect.any(String));
      expect(text(en, key), key).toEqual(expect.any(String));
    }
  });
});
