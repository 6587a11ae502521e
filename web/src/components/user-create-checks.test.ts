import { describe, expect, it } from 'vitest';
import { checkNewUser } from './user-create-checks';

describe('checkNewUser', () => {
  it('marks every empty required field, not only the first', () => {
    expect(checkNewUser({ email: '', name: '  ', password: '' })).toEqual({
      email: { key: 'users.emailRequired' },
      name: { key: 'users.nameRequired' },
      password: { key: 'users.passwordRequired' },
    });
  });

  it('refuses a malformed e-mail, a short password and over-long values as the server would', () => {
    expect(checkNewUser({ email: 'nurse at example', name: 'あ'.repeat(101), password: 'short' })).toEqual({
      email: { key: 'users.emailInvalid' },
      name: { key: 'forms.tooLong', values: { count: 100 } },
      password: { key: 'users.passwordTooShort', values: { count: 13 } },
    });
    expect(checkNewUser({ email: 'a@example', name: 'x', password: 'p'.repeat(257) })).toEqual({
      email: { key: 'users.emailInvalid' },
      password: { key: 'forms.tooLong', values: { count: 256 } },
    });
  });

  it('accepts a complete user (names counted in characters, not UTF-16 units)', () => {
    expect(
      checkNewUser({ email: ' Nurse@Chaimu.example.jp ', name: '𠮷'.repeat(100), password: 'correct horse battery' }),
    ).toEqual({});
  });
});
