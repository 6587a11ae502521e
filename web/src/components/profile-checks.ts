/**
 * The checks of an organisation's contact fields before they are sent: the rules of the server's
 * src/platform/contact-fields.ts (the phone number's is the server's own, src/domain/phone-number.ts; a test keeps
 * the others equal). Keys are the request's paths; values are i18n keys.
 */
import { normalizePhoneNumber } from '../../../src/domain/phone-number';

/** Whether the server reads `value` as a phone number (full width and dash look-alikes included). */
export function isPhoneNumber(value: string): boolean {
  return normalizePhoneNumber(value) !== null;
}

/** Whether the server takes `value` as a homepage (https:// is added to `www.example.jp`). */
export function isHomepageUrl(value: string): boolean {
  const text = value.trim();
  if (text === '' || /\s/.test(text)) return false;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+\.[^:/]+:\d/.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return /^[^.]+(\.[^.]+)+$/.test(url.hostname) && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export type ContactDraft = { phone: string; professionalPhone: string; url: string };

export function checkContacts(draft: ContactDraft): Partial<Record<keyof ContactDraft, string>> {
  const checks: Partial<Record<keyof ContactDraft, string>> = {};
  for (const path of ['phone', 'professionalPhone'] as const) {
    if (draft[path].trim() !== '' && !isPhoneNumber(draft[path])) checks[path] = 'profileForm.phoneInvalid';
  }
  if (draft.url.trim() !== '' && (!isHomepageUrl(draft.url) || draft.url.trim().length > 500))
    checks.url = 'profileForm.urlInvalid';
  return checks;
}
