import { describe, expect, it } from 'vitest';
import { normalizeHomepageUrl, normalizePhoneNumber } from '../../../src/platform/contact-fields';
import { checkContacts, isHomepageUrl, isPhoneNumber } from './profile-checks';

const phones = [
  '086-284-0000',
  '０８６－２８４－００００',
  '086ー284ー0000',
  '+81-86-284-0000',
  'abc',
  '12345',
  '------',
  '',
];
const urls = [
  'https://www.example.jp/',
  'www.example.jp',
  'example.jp:8080/top',
  'not a url',
  'abc',
  'javascript:alert(1)',
  'mailto:info@example.jp',
  'https://localhost/',
  'https://user:pw@example.jp/',
];

describe('contact checks of the profile form', () => {
  it.each(phones)('reads the phone %j as the server does', (phone) => {
    expect(isPhoneNumber(phone)).toBe(normalizePhoneNumber(phone) !== null);
  });

  it.each(urls)('reads the homepage %j as the server does', (url) => {
    expect(isHomepageUrl(url)).toBe(normalizeHomepageUrl(url) !== null);
  });

  it('names each wrong field, and leaves empty ones alone (they are optional)', () => {
    expect(checkContacts({ phone: 'abc', professionalPhone: '', url: 'not a url' })).toEqual({
      phone: 'profileForm.phoneInvalid',
      url: 'profileForm.urlInvalid',
    });
    expect(checkContacts({ phone: '', professionalPhone: '086-284-0000', url: '' })).toEqual({});
  });
});
