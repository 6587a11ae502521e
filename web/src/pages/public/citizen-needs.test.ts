/** The citizens' needs on the page: every need labelled in both languages, kept in the address bar, sent to the API. */
import { describe, expect, it } from 'vitest';
import ja from '../../i18n/ja/public.json';
import en from '../../i18n/en/public.json';
import { searchParameters } from '../../api/directory';
import { citizenNeeds, findNeed, needsFrom, publicQueryFor, toggledNeeds } from './citizen-needs';

type Labels = Record<string, { label: string; hint: string }>;

describe('citizen needs', () => {
  it('offers at least the needs of issue 4 in everyday words', () => {
    const labels = citizenNeeds.map((need) => (ja.needs as Labels)[need.id]?.label);
    for (const word of [
      '在宅酸素',
      '人工呼吸器',
      '子ども（医療的ケア児）',
      'がんの痛み',
      '認知症',
      '看取り',
      '訪問看護',
    ]) {
      expect(labels).toContain(word);
    }
    expect(labels).toContain('ケアマネジャー');
  });

  it('labels and explains every need in Japanese and English', () => {
    for (const need of citizenNeeds) {
      for (const strings of [ja.needs as Labels, en.needs as Labels]) {
        expect(strings[need.id]?.label, need.id).toBeTruthy();
        expect(strings[need.id]?.hint, need.id).toBeTruthy();
      }
    }
  });

  it('builds the public query for several needs near a typed place or in a whole ward', () => {
    expect(
      searchParameters(
        publicQueryFor(['visiting_nursing', 'end_of_life'], { place: '700-0913' }, { isAcceptingOnly: true }),
      ).toString(),
    ).toBe('near=700-0913&radiusKm=5&need=visiting_nursing&need=end_of_life&accepting=true&limit=30');
    expect(
      searchParameters(
        publicQueryFor(['cancer_pain'], { areaCode: '33104' }, { isAcceptingOnly: false, radiusKm: 10 }),
      ).toString(),
    ).toBe('areaCode=33104&need=cancer_pain&limit=30');
    expect(findNeed('nonsense')).toBeUndefined();
  });

  it('reads the needs of the address bar, repeated or as a comma list, once each in the order of the table', () => {
    expect(needsFrom(['end_of_life'])).toEqual(['end_of_life']);
    expect(needsFrom(['end_of_life', 'visiting_nursing,end_of_life', 'nonsense'])).toEqual([
      'visiting_nursing',
      'end_of_life',
    ]);
    expect(needsFrom([])).toEqual([]);
  });

  it('ticks and unticks a need', () => {
    expect(toggledNeeds(['end_of_life'], 'home_doctor', true)).toEqual(['home_doctor', 'end_of_life']);
    expect(toggledNeeds(['home_doctor', 'end_of_life'], 'home_doctor', false)).toEqual(['end_of_life']);
    expect(toggledNeeds(['end_of_life'], 'end_of_life', true)).toEqual(['end_of_life']);
  });
});
