import { describe, expect, it } from 'vitest';
import { draftFrom, paramsFrom, radiusFrom } from './search-params';

describe('the citizen search form in the address bar', () => {
  it('restores the distance, whether named radius or radiusKm (the API’s name)', () => {
    expect(draftFrom(new URLSearchParams('place=西大寺中&need=home_doctor&radius=10')).radiusKm).toBe(10);
    expect(draftFrom(new URLSearchParams('place=西大寺中&need=home_doctor&radiusKm=10')).radiusKm).toBe(10);
    expect(draftFrom(new URLSearchParams('radius=20&radiusKm=3')).radiusKm).toBe(20);
    expect(draftFrom(new URLSearchParams('place=西大寺中')).radiusKm).toBe(5);
  });

  it('shows a distance that is not a choice as the nearest choice, and nonsense as the default', () => {
    expect(radiusFrom('7')).toBe(5);
    expect(radiusFrom('8')).toBe(10);
    expect(radiusFrom('4')).toBe(5);
    expect(radiusFrom('100')).toBe(20);
    expect(radiusFrom('0.5')).toBe(3);
    for (const nonsense of [null, '', ' ', 'abc', '-3', '0', 'Infinity', 'NaN']) expect(radiusFrom(nonsense)).toBe(5);
  });

  it('writes the form back as it reads it (the default distance left out)', () => {
    const draft = {
      place: '岡山市東区',
      areaCode: '33103',
      needs: ['home_doctor' as const, 'cancer_pain' as const],
      radiusKm: 10,
      isAcceptingOnly: true,
    };
    const params = paramsFrom(draft);
    expect(params.get('radius')).toBe('10');
    expect(draftFrom(params)).toEqual(draft);
    expect(paramsFrom({ ...draft, radiusKm: 5 }).has('radius')).toBe(false);
  });

  it('ignores an area that is not a code and needs it does not know', () => {
    const draft = draftFrom(new URLSearchParams('area=北区&need=teleport&need=home_doctor'));
    expect(draft.areaCode).toBeNull();
    expect(draft.needs).toEqual(['home_doctor']);
  });
});
