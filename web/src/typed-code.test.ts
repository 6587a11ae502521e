import { describe, expect, it } from 'vitest';
import { isSixDigitCode, normalizeTypedCode } from './typed-code';

describe('codes typed with a Japanese IME', () => {
  it('turns full-width digits and letters into ASCII and drops spaces', () => {
    expect(normalizeTypedCode('４６３７０１')).toBe('463701');
    expect(normalizeTypedCode(' ４６３\u3000７０１ ')).toBe('463701');
    expect(normalizeTypedCode('ＡＢＣＤ－ｅｆｇｈ－２３４５')).toBe('ABCD-efgh-2345');
  });

  it('accepts a full-width 6-digit code and nothing else', () => {
    expect(isSixDigitCode('４６３７０１')).toBe(true);
    expect(isSixDigitCode('463701')).toBe(true);
    expect(isSixDigitCode('４６３７０')).toBe(false);
    expect(isSixDigitCode('46370a')).toBe(false);
  });
});
