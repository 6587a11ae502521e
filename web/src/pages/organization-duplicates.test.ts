import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { duplicatesOf } from './organization-duplicates';

describe('duplicatesOf', () => {
  it('lists the existing organisations a 409 of reason organization_duplicate names', () => {
    const error = new ApiError(
      409,
      'invalid_transition',
      '同じ名称・種別の組織が既に登録されています',
      [
        {
          path: 'name',
          message: '「岡山大学病院」（岡山市北区鹿田町2-5-1）が登録されています。',
          code: 'existing_organization',
          params: { id: 'org-1', name: '岡山大学病院', address: '岡山市北区鹿田町2-5-1', kind: 'hospital' },
        },
      ],
      'organization_duplicate',
    );
    expect(duplicatesOf(error)).toEqual([{ id: 'org-1', name: '岡山大学病院', address: '岡山市北区鹿田町2-5-1' }]);
  });

  it('lists nothing for another error or none', () => {
    expect(duplicatesOf(null)).toEqual([]);
    expect(duplicatesOf(new ApiError(400, 'validation_failed', '入力内容に誤りがあります', []))).toEqual([]);
    const roleFilled = new ApiError(409, 'invalid_transition', '既に決まっています。', [], 'role_filled');
    expect(duplicatesOf(roleFilled)).toEqual([]);
  });
});
