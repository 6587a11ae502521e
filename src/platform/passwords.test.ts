import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy, weakPasswordReason } from './passwords.js';

const email = 'yamada.hanako@example.jp';

describe('password policy', () => {
  it('refuses passwords of the right length that are easy to guess, and says why', () => {
    for (const password of [
      '1111111111111',
      'ａａａａａａａａａａａａａａ',
      'abababababababab',
      '1234567890123',
      '９８７６５４３２１０９８７',
      'abcdefghijklmn',
      'QWERTYUIOPASDF',
      'yamada.hanako-2026',
    ]) {
      expect(weakPasswordReason(password, email), password).not.toBeNull();
      expect(() => assertPasswordPolicy(password, email), password).toThrow();
    }
    expect(weakPasswordReason('1111111111111', email)).toContain('同じ文字の繰り返し');
    expect(weakPasswordReason('1234567890123', email)).toContain('並びだけ');
    expect(weakPasswordReason('yamada.hanako-2026', email)).toContain('メールアドレス');
  });

  it('accepts passphrases and mixed passwords', () => {
    for (const password of [
      'renkei-demo-2026',
      'correct-horse-battery-staple',
      'Kibi-dango 2026!',
      'みどりの窓口で友人と待ち合わせ',
    ]) {
      expect(weakPasswordReason(password, email), password).toBeNull();
      expect(() => assertPasswordPolicy(password, email), password).not.toThrow();
    }
  });

  it('keeps the length and e-mail rules first', () => {
    const detail = (password: string) => {
      try {
        assertPasswordPolicy(password, email);
        return null;
      } catch (error) {
        return (error as { details?: { message: string }[] }).details?.[0]?.message ?? null;
      }
    };
    expect(detail('1111')).toMatch(/13文字以上/);
    expect(detail(email)).toMatch(/メールアドレスと同じ/);
  });
});
