import { describe, expect, it } from 'vitest';
import {
  homepageUrlInput,
  normalizeHomepageUrl,
  normalizePhoneNumber,
  normalizePostalCode,
  phoneNumberInput,
  postalCodeInput,
} from './contact-fields.js';

describe('phone numbers', () => {
  it.each([
    ['０８６－２８４－００００', '086-284-0000'],
    ['０８６-２８４-００００', '086-284-0000'],
    ['086ー284ー0000', '086-284-0000'],
    ['086−284−0000', '086-284-0000'],
    ['086‐284‐0000', '086-284-0000'],
    [' (086) 284-0000 ', '086-284-0000'],
    ['（０８６）２８２－９９９９', '086-282-9999'],
    ['090-1234-5678', '090-1234-5678'],
    ['0120-00-0000', '0120-00-0000'],
    ['086　284　0000', '086 284 0000'],
    ['+81-86-284-0000', '+81-86-284-0000'],
  ])('reads %j as %j', (input, stored) => {
    expect(normalizePhoneNumber(input)).toBe(stored);
    expect(phoneNumberInput.parse(input)).toBe(stored);
  });

  // Too many or too few digits for a number in Japan, or a domestic number without its leading 0.
  it.each([
    'abc',
    '12345',
    '------',
    '086-284-0000 内線12',
    '',
    '086-262-123456789',
    '086-284-000',
    '86-284-0000',
    '+81',
  ])('refuses %j', (input) => {
    expect(normalizePhoneNumber(input)).toBeNull();
    expect(phoneNumberInput.safeParse(input).success).toBe(false);
  });
});

describe('postal codes', () => {
  it.each(['7011152', '701-1152', '〒701-1152', '〒 701-1152', '７０１１１５２', '〒７０１－１１５２', '701ー1152'])(
    'reads %j as 7011152',
    (input) => {
      expect(normalizePostalCode(input)).toBe('7011152');
      expect(postalCodeInput.parse(input)).toBe('7011152');
    },
  );

  it.each(['701-115', '70111522', '〒', 'abc-defg', ''])('refuses %j', (input) => {
    expect(normalizePostalCode(input)).toBeNull();
    expect(postalCodeInput.safeParse(input).success).toBe(false);
  });
});

describe('homepage addresses', () => {
  it.each([
    ['https://www.example.jp/', 'https://www.example.jp/'],
    [' http://example.jp/clinic?id=1 ', 'http://example.jp/clinic?id=1'],
    ['www.example.jp', 'https://www.example.jp'],
    ['example.jp:8080/top', 'https://example.jp:8080/top'],
    ['https://岡山.example.jp/', 'https://岡山.example.jp/'],
  ])('reads %j as %j', (input, stored) => {
    expect(normalizeHomepageUrl(input)).toBe(stored);
    expect(homepageUrlInput.parse(input)).toBe(stored);
  });

  it.each([
    'not a url',
    'abc',
    'javascript:alert(1)',
    'mailto:info@example.jp',
    'https://localhost/',
    'https://user:pw@example.jp/',
  ])('refuses %j', (input) => {
    expect(normalizeHomepageUrl(input)).toBeNull();
    const result = homepageUrlInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^ホームページの URL の形式が正しくありません/);
  });

  it('keeps an empty text (a form that leaves the field blank)', () => {
    expect(homepageUrlInput.parse('  ')).toBe('');
  });
});
