/**
 * An organisation's basic record as the admin corrects it (name, ふりがな, postal code, ward, address): the draft,
 * the checks the browser can make before sending (the server's src/features/organizations/organization.schema.ts and
 * src/platform/contact-fields.ts; whether the address is in the city and in the chosen ward only the server can
 * tell), and the PATCH body of what changed. Check values are i18n keys.
 */
import type { Organization, UpdateOrganizationRequest } from '../api/types';
import { isPhoneNumber } from './profile-checks';

export type BasicsDraft = {
  name: string;
  nameKana: string;
  postalCode: string;
  areaCode: string;
  address: string;
  fax: string;
  /** The official codes: changed by the admin only (the form shows them to the admin). */
  medicalInstitutionCode: string;
  careOfficeNumber: string;
};

export function basicsDraftOf(organization: Organization): BasicsDraft {
  return {
    name: organization.name,
    nameKana: organization.nameKana ?? '',
    postalCode: organization.postalCode ? formatPostalCode(organization.postalCode) : '',
    areaCode: organization.areaCode ?? '',
    address: organization.address,
    fax: organization.fax ?? '',
    medicalInstitutionCode: organization.codes.medicalInstitutionCode ?? '',
    careOfficeNumber: organization.codes.careOfficeNumber ?? '',
  };
}

/** An official code as people copy it (full width, hyphens, spaces, lower case): the characters the server keeps. */
export function officialCodeOf(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―−ー]/g, '')
    .toUpperCase();
}

/** The official codes' checks (i18n keys by request path): 10 digits, and 10 letters or digits. */
export function checkOfficialCodes(draft: Pick<BasicsDraft, 'medicalInstitutionCode' | 'careOfficeNumber'>) {
  const found: Partial<Record<'codes.medicalInstitutionCode' | 'codes.careOfficeNumber', string>> = {};
  const medical = officialCodeOf(draft.medicalInstitutionCode);
  if (medical !== '' && !/^\d{10}$/.test(medical))
    found['codes.medicalInstitutionCode'] = 'organizationNew.medicalInstitutionCodeInvalid';
  const care = officialCodeOf(draft.careOfficeNumber);
  if (care !== '' && !/^[0-9A-Z]{10}$/.test(care))
    found['codes.careOfficeNumber'] = 'organizationNew.careOfficeNumberInvalid';
  return found;
}

const dashes = /[\u2010-\u2015\u2212\u2500\u2501\u30fc\uff70\ufe58\ufe63-]/g;

/** `〒701-1152`, `701-1152`, `７０１１１５２` → `7011152` (as the server reads it); null when it is not 7 digits. */
export function postalCodeDigits(value: string): string | null {
  const digits = value
    .normalize('NFKC')
    .trim()
    .replace(/^(?:〒|郵便番号\s*:?)\s*/, '')
    .replace(dashes, '')
    .replace(/\s/g, '');
  return /^\d{7}$/.test(digits) ? digits : null;
}

/** `7011152` → `701-1152`. */
export function formatPostalCode(digits: string): string {
  return /^\d{7}$/.test(digits) ? `${digits.slice(0, 3)}-${digits.slice(3)}` : digits;
}

/** The length of a text as the server counts it (code points, trimmed). */
const lengthOf = (value: string) => Array.from(value.trim()).length;

/**
 * Whether a reading is written in kana (カタカナ or ひらがな, as people type it), with the marks and digits a name's
 * reading keeps (長音, 中点, spaces, brackets of 「（カ）」, digits of 「ダイ2」): 「abc」 or a name in kanji is not.
 */
export function isKanaReading(value: string): boolean {
  const text = value.normalize('NFKC').trim();
  return (
    /^[\p{Script=Katakana}\p{Script=Hiragana}ー・･\s0-9()（）「」、。.,-]+$/u.test(text) &&
    /[\p{Script=Katakana}\p{Script=Hiragana}]/u.test(text)
  );
}

/**
 * The browser's checks; `requireAddress` on the edit page (a listed organisation keeps an address). The reading is
 * checked when it is new or changed (`initialKana`): a reading from the public data is not held against an edit of
 * another field.
 */
export function checkBasics(
  draft: BasicsDraft,
  options: { requireAddress: boolean; initialKana?: string },
): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = { ...checkOfficialCodes(draft) };
  if (draft.fax.trim() !== '' && !isPhoneNumber(draft.fax)) found.fax = 'profileForm.phoneInvalid';
  if (draft.name.trim() === '') found.name = 'basicsForm.nameRequired';
  else if (lengthOf(draft.name) > 200) found.name = 'basicsForm.nameTooLong';
  if (lengthOf(draft.nameKana) > 200) found.nameKana = 'basicsForm.kanaTooLong';
  else if (
    draft.nameKana.trim() !== '' &&
    draft.nameKana.trim() !== options.initialKana?.trim() &&
    !isKanaReading(draft.nameKana)
  )
    found.nameKana = 'basicsForm.kanaInvalid';
  if (draft.postalCode.trim() !== '' && postalCodeDigits(draft.postalCode) === null)
    found.postalCode = 'basicsForm.postalCodeInvalid';
  if (options.requireAddress && draft.address.trim() === '') found.address = 'basicsForm.addressRequired';
  else if (lengthOf(draft.address) > 300) found.address = 'basicsForm.addressTooLong';
  return found;
}

const textOrNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** Only the fields that changed (the audit trail then names exactly those); an edited address is located again. */
export function basicsRequestOf(initial: BasicsDraft, draft: BasicsDraft): UpdateOrganizationRequest {
  const body: UpdateOrganizationRequest = {};
  if (draft.name.trim() !== initial.name.trim()) body.name = draft.name.trim();
  if (textOrNull(draft.nameKana) !== textOrNull(initial.nameKana)) body.nameKana = textOrNull(draft.nameKana);
  const postalCode = draft.postalCode.trim() === '' ? null : (postalCodeDigits(draft.postalCode) ?? draft.postalCode);
  const initialPostalCode = initial.postalCode.trim() === '' ? null : postalCodeDigits(initial.postalCode);
  if (postalCode !== initialPostalCode) body.postalCode = postalCode;
  if (draft.areaCode !== initial.areaCode) body.areaCode = draft.areaCode || null;
  if (draft.address.trim() !== initial.address.trim()) body.address = draft.address.trim();
  if (textOrNull(draft.fax) !== textOrNull(initial.fax)) body.fax = textOrNull(draft.fax);
  const medical = officialCodeOf(draft.medicalInstitutionCode) || null;
  const care = officialCodeOf(draft.careOfficeNumber) || null;
  if (
    medical !== (officialCodeOf(initial.medicalInstitutionCode) || null) ||
    care !== (officialCodeOf(initial.careOfficeNumber) || null)
  )
    body.codes = { medicalInstitutionCode: medical, careOfficeNumber: care };
  return body;
}
