import { describe, expect, it } from 'vitest';
import { KeyPersonInput, PatientInput } from './case.schema.js';

const patient = {
  name: '吉備 陽葵',
  nameKana: 'きび ひまり',
  birthDate: '2021-05-05',
  sex: 'female',
  address: '岡山市南区妹尾880',
};

describe('patient input', () => {
  it('takes half-width katakana and full-width digits as copied from other systems, stored in their usual form', () => {
    const parsed = PatientInput.parse({ ...patient, nameKana: 'ｷﾋﾞ ﾋﾏﾘ', phone: '０８６－２２２－１１１１' });
    expect(parsed.nameKana).toBe('キビ ヒマリ');
    expect(parsed.phone).toBe('086-222-1111');
    expect(KeyPersonInput.parse({ name: '吉備 太郎', phone: '０９０ ００００ ００００' }).phone).toBe('090 0000 0000');
  });

  it('still refuses kana that is not kana', () => {
    for (const nameKana of ['kibi himari', '吉備', 'ｷﾋﾞ1']) {
      expect(PatientInput.safeParse({ ...patient, nameKana }).success, nameKana).toBe(false);
    }
  });
});
