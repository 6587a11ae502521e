import { describe, expect, it } from 'vitest';
import { fieldProblem, formProblems, isDetailOf } from './form-problems';

const say = (detail: { message: string }) => detail.message;
const fields = [
  { path: 'email', label: 'メールアドレス' },
  { path: 'coverage', label: '対応地域' },
  { path: 'url', label: 'ホームページ' },
];

describe('form problems', () => {
  it('matches a detail to its field or a part of it, not to a field with a longer name', () => {
    expect(isDetailOf('coverage.radiusKm', 'coverage')).toBe(true);
    expect(isDetailOf('coverage', 'coverage')).toBe(true);
    expect(isDetailOf('coverageAreas', 'coverage')).toBe(false);
  });

  it('prefers the browser check of a field to the server detail', () => {
    const details = [{ path: 'email', message: 'server' }];
    expect(fieldProblem('email', { email: 'browser' }, details, say)).toBe('browser');
    expect(fieldProblem('email', {}, details, say)).toBe('server');
    expect(fieldProblem('url', {}, details, say)).toBeUndefined();
  });

  it('names every failing field in the order of the form, then the details about no field', () => {
    const details = [
      { path: 'url', message: 'URL の形式が正しくありません。' },
      { path: 'version', message: '現在の版は 3 です' },
      { path: 'coverage.radiusKm', message: '100以下で入力してください。' },
    ];
    expect(formProblems(fields, { email: 'メールアドレスを入力してください。' }, details, say)).toEqual([
      { path: 'email', label: 'メールアドレス', message: 'メールアドレスを入力してください。' },
      { path: 'coverage', label: '対応地域', message: '100以下で入力してください。' },
      { path: 'url', label: 'ホームページ', message: 'URL の形式が正しくありません。' },
      { path: 'version', label: null, message: '現在の版は 3 です' },
    ]);
  });
});
