import { describe, expect, it } from 'vitest';
import { normalizePhoneNumber, normalizePostalCode, phoneNumberInput, postalCodeInput } from './contact-fields.js';

describe('phone numbers', () => {
  it.each([
    ['０８６－２８４－００００', '086-284-0000'],
    ['０８６-２８４-００００', '086-284-0000'],
    ['086ー284ー0000', '086-284-0000'],
    ['086−284−0000', '086-284-0000'],
    ['086‐284‐0000', '086-284-0000'],
    [' (086) 284-0000 ', '(086) 284-0000'],
    ['086　284　0000', '086 284 0000'],
    ['+81-86-284-0000', '+81-86-284-0000'],
  ])('reads %j as %j', (input, stored) => {
    expect(normalizePhoneNumber(input)).toBe(stored);
    expect(phoneNumberInput.parse(input)).toBe(stored);
  });

  it.each(['abc', '12345', '------', '086-284-0000 内線12', ''])('refuses %j', (input) => {
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
