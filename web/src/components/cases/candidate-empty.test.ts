import { describe, expect, it } from 'vitest';
import ja from '../../i18n/ja/cases.json';
import en from '../../i18n/en/cases.json';
import { emptyCandidatesMessageKey } from './candidate-empty';

const text = (resources: Record<string, unknown>, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);

describe('an empty candidate list', () => {
  it('says the directory holds no organisation of the kind, apart from "none fits"', () => {
    expect(emptyCandidatesMessageKey('no_organization_of_kind', false)).toBe('candidates.noOrganizationOfKind');
    expect(emptyCandidatesMessageKey('no_organization_of_kind', true)).toBe(
      'candidates.noOrganizationOfKindOnCenterRoute',
    );
    expect(emptyCandidatesMessageKey('no_candidate_fits', false)).toBe('candidates.none');
    expect(emptyCandidatesMessageKey('no_candidate_fits', true)).toBe('candidates.noneOnCenterRoute');
    expect(emptyCandidatesMessageKey(null, false)).toBe('candidates.none');
  });

  it('has its words in both languages', () => {
    for (const emptyReason of ['no_organization_of_kind', 'no_candidate_fits', null] as const) {
      for (const isWithCenter of [false, true]) {
        const key = emptyCandidatesMessageKey(emptyReason, isWithCenter);
        expect(text(ja, key), key).toEqual(expect.any(String));
        expect(text(en, key), key).toEqual(expect.any(String));
      }
    }
    expect(text(ja, 'candidates.noOrganizationOfKind')).toMatch(
      /^名簿にこの役割を担える種類の事業所が登録されていません。/,
    );
  });
});
