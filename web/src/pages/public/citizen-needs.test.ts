/** The citizens' needs table: every need is labelled in both languages and maps to codes the API knows. */
import { describe, expect, it } from 'vitest';
import ja from '../../i18n/ja/public.json';
import en from '../../i18n/en/public.json';
import { searchParameters } from '../../api/directory';
import { organizationKinds, patientGroups, procedures } from '../../codes';
import { citizenNeeds, findNeed, publicQueryFor } from './citizen-needs';

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

  it('maps every need to known kinds, groups and procedures', () => {
    for (const need of citizenNeeds) {
      const codes = need as { kinds: readonly string[]; groups?: readonly string[]; procedures?: readonly string[] };
      expect(codes.kinds.length, need.id).toBeGreaterThan(0);
      for (const kind of codes.kinds) expect(organizationKinds).toContain(kind);
      for (const group of codes.groups ?? []) expect(patientGroups).toContain(group);
      for (const procedure of codes.procedures ?? []) expect(procedures).toContain(procedure);
    }
  });

  it('builds the public query near a typed place or in a whole ward', () => {
    const need = findNeed('cancer_pain');
    if (!need) throw new Error('cancer_pain is missing');
    expect(searchParameters(publicQueryFor(need, { place: '700-0913' }, { isAcceptingOnly: true })).toString()).toBe(
      'near=700-0913&radiusKm=5&kind=clinic&kind=visiting_nursing&group=cancer&procedure=opioid_pain_control&accepting=true&limit=30',
    );
    expect(
      searchParameters(
        publicQueryFor(need, { areaCode: '33104' }, { isAcceptingOnly: false, radiusKm: 10 }),
      ).toString(),
    ).toBe('areaCode=33104&kind=clinic&kind=visiting_nursing&group=cancer&procedure=opioid_pain_control&limit=30');
    expect(findNeed('nonsense')).toBeUndefined();
  });
});
