/**
 * The registration / edit form of a case as plain data: the draft the inputs hold, its checks with Japanese
 * messages (the same rules as src/features/cases/case.schema.ts and case.service.ts), and the request bodies.
 * Error keys are the server's detail paths (`patient.nameKana`), so client and server errors land on one field.
 */
import type { PatientGroup, Procedure } from '../../codes';
import type {
  CareLevel,
  ConsentGivenBy,
  ConsentScope,
  LivingSituation,
  Place,
  Sex,
  TeamRole,
  WelfareIssue,
} from '../../api/case-codes';
import { defaultNeededRoles } from '../../api/case-codes';
import { careInsuranceProblems } from '../../../../src/domain/cases/care-insurance';
import type { CreateCaseRequest, FullCase, UpdateCaseRequest } from '../../api/case-types';
import { isPhoneNumber } from '../profile-checks';
import { isIsoDate } from './dates';
import type { PickedLocation } from './LocationPicker';

export type CaseDraft = {
  name: string;
  nameKana: string;
  birthDate: string;
  sex: Sex | '';
  address: string;
  phone: string;
  location: PickedLocation | null;
  keyPersonName: string;
  keyPersonRelationship: string;
  keyPersonPhone: string;
  groups: PatientGroup[];
  procedures: Procedure[];
  careLevel: CareLevel | '';
  livingSituation: LivingSituation | '';
  welfareIssues: WelfareIssue[];
  acpCare: Place | '';
  acpDeath: Place | '';
  acpNote: string;
  consentScope: ConsentScope[];
  consentRecordedBy: string;
  consentGivenBy: ConsentGivenBy | '';
  consentNote: string;
  admissionDate: string;
  diagnosis: string;
  plannedDischargeDate: string;
  neededRoles: TeamRole[];
  note: string;
};

/** The messages of the checks, resolved by the caller through i18n (`caseForm.errors.<key>`). */
export type DraftErrorKey =
  | 'nameRequired'
  | 'kanaRequired'
  | 'kanaInvalid'
  | 'birthDateRequired'
  | 'birthDateInvalid'
  | 'sexRequired'
  | 'addressRequired'
  | 'phoneInvalid'
  | 'keyPersonNameRequired'
  | 'careLevelRequired'
  | 'dischargeRequired'
  | 'dischargePast'
  | 'dischargeBeforeAdmission'
  | 'admissionInvalid'
  | 'recordedByRequired'
  | 'neededRolesRequired'
  | 'careLevelUnderInsuranceAge'
  | 'careManagerUnderInsuranceAge'
  | LengthErrorKey;

/** Over the server's length limit: `tooLong<max>` (「<max>文字以内で入力してください。」). */
export type LengthErrorKey = 'tooLong50' | 'tooLong100' | 'tooLong300' | 'tooLong1000' | 'tooLong2000' | 'tooLong4000';

type LimitedField =
  | 'name'
  | 'nameKana'
  | 'address'
  | 'keyPersonName'
  | 'keyPersonRelationship'
  | 'acpNote'
  | 'consentRecordedBy'
  | 'consentNote'
  | 'diagnosis'
  | 'note';
type LengthLimit = { path: string; field: LimitedField; max: 50 | 100 | 300 | 1000 | 2000 | 4000 };

/**
 * The length limits of the server's schema (src/features/cases/case.schema.ts), by the request path the server
 * names in its details; a test checks each against the schema. The form's inputs carry them as maxLength too.
 */
export const caseLengthLimits: readonly LengthLimit[] = [
  { path: 'patient.name', field: 'name', max: 100 },
  { path: 'patient.nameKana', field: 'nameKana', max: 100 },
  { path: 'patient.address', field: 'address', max: 300 },
  { path: 'keyPerson.name', field: 'keyPersonName', max: 100 },
  { path: 'keyPerson.relationship', field: 'keyPersonRelationship', max: 50 },
  { path: 'acp.note', field: 'acpNote', max: 2000 },
  { path: 'consent.recordedBy', field: 'consentRecordedBy', max: 100 },
  { path: 'consent.note', field: 'consentNote', max: 1000 },
  { path: 'diagnosis', field: 'diagnosis', max: 300 },
  { path: 'note', field: 'note', max: 4000 },
];

/** The longest text the server takes in a field of the form. */
export function maxLengthOf(field: LimitedField): number {
  return caseLengthLimits.find((limit) => limit.field === field)?.max ?? 0;
}

/** The text the server counts: trimmed; ふりがな in NFKC (half-width kana become full width), as it reads it. */
function countedText(draft: CaseDraft, field: LimitedField): string {
  const text = draft[field].trim();
  return field === 'nameKana' ? text.normalize('NFKC') : text;
}

/** The fields longer than the server takes (in characters after trimming, as zod counts them: code points). */
export function lengthErrors(draft: CaseDraft): DraftErrors {
  const errors: DraftErrors = {};
  for (const limit of caseLengthLimits) {
    if (Array.from(countedText(draft, limit.field)).length > limit.max) errors[limit.path] = `tooLong${limit.max}`;
  }
  return errors;
}

export type DraftErrors = Partial<Record<string, DraftErrorKey>>;

export function emptyDraft(recordedBy: string): CaseDraft {
  return {
    name: '',
    nameKana: '',
    birthDate: '',
    sex: '',
    address: '',
    phone: '',
    location: null,
    keyPersonName: '',
    keyPersonRelationship: '',
    keyPersonPhone: '',
    groups: [],
    procedures: [],
    careLevel: '',
    livingSituation: '',
    welfareIssues: [],
    acpCare: '',
    acpDeath: '',
    acpNote: '',
    consentScope: [],
    consentRecordedBy: recordedBy,
    consentGivenBy: '',
    consentNote: '',
    admissionDate: '',
    diagnosis: '',
    plannedDischargeDate: '',
    neededRoles: [...defaultNeededRoles],
    note: '',
  };
}

export function draftOfCase(record: FullCase): CaseDraft {
  const { patient } = record;
  return {
    name: patient.name,
    nameKana: patient.nameKana,
    birthDate: patient.birthDate,
    sex: patient.sex,
    address: patient.address,
    phone: patient.phone ?? '',
    location:
      patient.lat !== null && patient.lng !== null
        ? {
            lat: patient.lat,
            lng: patient.lng,
            source: 'record',
            precision: null,
            areaCode: patient.areaCode,
            label: null,
            address: patient.address.trim(),
          }
        : null,
    keyPersonName: record.keyPerson?.name ?? '',
    keyPersonRelationship: record.keyPerson?.relationship ?? '',
    keyPersonPhone: record.keyPerson?.phone ?? '',
    groups: record.groups,
    procedures: record.procedures,
    careLevel: record.careLevel,
    livingSituation: record.livingSituation ?? '',
    welfareIssues: record.welfareIssues,
    acpCare: record.acp?.preferredPlaceOfCare ?? '',
    acpDeath: record.acp?.preferredPlaceOfDeath ?? '',
    acpNote: record.acp?.note ?? '',
    consentScope: record.consent.scope ?? [],
    consentRecordedBy: record.consent.recordedBy ?? '',
    consentGivenBy: record.consent.givenBy ?? '',
    consentNote: record.consent.note ?? '',
    admissionDate: record.admissionDate ?? '',
    diagnosis: record.diagnosis ?? '',
    plannedDischargeDate: record.plannedDischargeDate,
    neededRoles: record.neededRoles,
    note: record.note ?? '',
  };
}

/**
 * Whether a location still goes with the address in the form. One found from an address (or the saved one, found
 * when the case was registered) belongs to that address only; one placed by hand on the map or typed stays the
 * user's choice when the address text is edited afterwards (LocationPicker then asks to check it).
 */
export function locationFitsAddress(location: PickedLocation, address: string): boolean {
  return location.source === 'map' || location.source === 'typed' || location.address === address.trim();
}

/**
 * The draft after the address was edited, and the location set aside for it. A location that belonged to the
 * previous address is set aside (not sent: the server locates the new address, or the user locates it again), and
 * comes back if the address is changed back to the one it was found for.
 */
export function withAddress(
  draft: CaseDraft,
  address: string,
  setAside: PickedLocation | null,
): { draft: CaseDraft; setAside: PickedLocation | null } {
  const { location } = draft;
  if (location) {
    return locationFitsAddress(location, address)
      ? { draft: { ...draft, address }, setAside }
      : { draft: { ...draft, address, location: null }, setAside: location };
  }
  if (setAside && setAside.address === address.trim()) {
    return { draft: { ...draft, address, location: setAside }, setAside: null };
  }
  return { draft: { ...draft, address }, setAside };
}

const kanaPattern = /^[\p{Script=Katakana}\p{Script=Hiragana}ー・\s\u3000]+$/u;

/**
 * The checks the server would make, before sending. `today` is YYYY-MM-DD in Tokyo. A field's length is checked
 * first; another problem of the same field (a required one left empty, a wrong kana) is said instead.
 */
export function validateDraft(draft: CaseDraft, options: { isNew: boolean; today: string; initial?: CaseDraft }) {
  const errors: DraftErrors = lengthErrors(draft);
  if (!draft.name.trim()) errors['patient.name'] = 'nameRequired';
  if (!draft.nameKana.trim()) errors['patient.nameKana'] = 'kanaRequired';
  else if (!kanaPattern.test(draft.nameKana.trim())) errors['patient.nameKana'] = 'kanaInvalid';
  if (!draft.birthDate) errors['patient.birthDate'] = 'birthDateRequired';
  else if (!isIsoDate(draft.birthDate) || draft.birthDate > options.today || draft.birthDate < '1900-01-01')
    errors['patient.birthDate'] = 'birthDateInvalid';
  if (!draft.sex) errors['patient.sex'] = 'sexRequired';
  if (!draft.address.trim()) errors['patient.address'] = 'addressRequired';
  if (draft.phone.trim() && !isPhoneNumber(draft.phone)) errors['patient.phone'] = 'phoneInvalid';
  if (draft.keyPersonPhone.trim() && !isPhoneNumber(draft.keyPersonPhone)) errors['keyPerson.phone'] = 'phoneInvalid';
  if (!draft.keyPersonName.trim() && (draft.keyPersonRelationship.trim() || draft.keyPersonPhone.trim()))
    errors['keyPerson.name'] = 'keyPersonNameRequired';
  if (!draft.careLevel) errors.careLevel = 'careLevelRequired';
  if (!draft.plannedDischargeDate || !isIsoDate(draft.plannedDischargeDate))
    errors.plannedDischargeDate = 'dischargeRequired';
  else if (
    draft.plannedDischargeDate < options.today &&
    (options.isNew || draft.plannedDischargeDate !== options.initial?.plannedDischargeDate)
  )
    errors.plannedDischargeDate = 'dischargePast';
  else if (draft.admissionDate && draft.plannedDischargeDate < draft.admissionDate)
    errors.plannedDischargeDate = 'dischargeBeforeAdmission';
  // A planned admission may lie ahead (入院前からの支援).
  if (draft.admissionDate && !isIsoDate(draft.admissionDate)) errors.admissionDate = 'admissionInvalid';
  if (!draft.consentRecordedBy.trim()) errors['consent.recordedBy'] = 'recordedByRequired';
  if (draft.neededRoles.length === 0) errors.neededRoles = 'neededRolesRequired';
  // 介護保険 starts at 40 (care-insurance.ts); an edit is checked only when it touches what the rule reads, as the
  // server does, so that a case registered before the rule stays editable.
  const initial = options.initial;
  const touchesInsurance =
    !initial ||
    initial.birthDate !== draft.birthDate ||
    initial.plannedDischargeDate !== draft.plannedDischargeDate ||
    initial.careLevel !== draft.careLevel ||
    initial.neededRoles.join() !== draft.neededRoles.join();
  if (
    touchesInsurance &&
    draft.careLevel &&
    isIsoDate(draft.birthDate) &&
    isIsoDate(draft.plannedDischargeDate) &&
    !errors['patient.birthDate']
  ) {
    const insuranceKeys = {
      care_level_under_insurance_age: 'careLevelUnderInsuranceAge',
      care_manager_under_insurance_age: 'careManagerUnderInsuranceAge',
    } as const;
    for (const problem of careInsuranceProblems({
      birthDate: draft.birthDate,
      plannedDischargeDate: draft.plannedDischargeDate,
      careLevel: draft.careLevel,
      neededRoles: draft.neededRoles,
    }))
      errors[problem.path] ??= insuranceKeys[problem.code];
  }
  return errors;
}

const trimmedOrUndefined = (value: string) => (value.trim() === '' ? undefined : value.trim());

function patientOf(draft: CaseDraft) {
  return {
    name: draft.name.trim(),
    nameKana: draft.nameKana.trim(),
    birthDate: draft.birthDate,
    sex: draft.sex as Sex,
    address: draft.address.trim(),
    phone: trimmedOrUndefined(draft.phone) ?? null,
    lat: draft.location?.lat ?? null,
    lng: draft.location?.lng ?? null,
  };
}

function keyPersonOf(draft: CaseDraft) {
  if (!draft.keyPersonName.trim()) return null;
  const relationship = trimmedOrUndefined(draft.keyPersonRelationship);
  const phone = trimmedOrUndefined(draft.keyPersonPhone);
  return {
    name: draft.keyPersonName.trim(),
    ...(relationship ? { relationship } : {}),
    ...(phone ? { phone } : {}),
  };
}

function acpOf(draft: CaseDraft) {
  const note = trimmedOrUndefined(draft.acpNote);
  if (!draft.acpCare && !draft.acpDeath && !note) return null;
  return {
    ...(draft.acpCare ? { preferredPlaceOfCare: draft.acpCare } : {}),
    ...(draft.acpDeath ? { preferredPlaceOfDeath: draft.acpDeath } : {}),
    ...(note ? { note } : {}),
  };
}

function consentOf(draft: CaseDraft) {
  const note = trimmedOrUndefined(draft.consentNote);
  return {
    scope: draft.consentScope,
    recordedBy: draft.consentRecordedBy.trim(),
    ...(draft.consentGivenBy ? { givenBy: draft.consentGivenBy } : {}),
    ...(note ? { note } : {}),
  };
}

export function createRequestOf(draft: CaseDraft): CreateCaseRequest {
  const admissionDate = trimmedOrUndefined(draft.admissionDate);
  const diagnosis = trimmedOrUndefined(draft.diagnosis);
  const note = trimmedOrUndefined(draft.note);
  return {
    patient: patientOf(draft),
    groups: draft.groups,
    procedures: draft.procedures,
    careLevel: draft.careLevel as CareLevel,
    plannedDischargeDate: draft.plannedDischargeDate,
    ...(admissionDate ? { admissionDate } : {}),
    ...(diagnosis ? { diagnosis } : {}),
    consent: consentOf(draft),
    keyPerson: keyPersonOf(draft),
    livingSituation: draft.livingSituation || null,
    welfareIssues: draft.welfareIssues,
    acp: acpOf(draft),
    neededRoles: draft.neededRoles,
    ...(note ? { note } : {}),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed since the form was filled from the record (the timeline then names exactly that). */
export function updateRequestOf(initial: CaseDraft, draft: CaseDraft): UpdateCaseRequest {
  const body: UpdateCaseRequest = {};
  const before = patientOf(initial);
  const after = patientOf(draft);
  const patient: NonNullable<UpdateCaseRequest['patient']> = {};
  for (const key of ['name', 'nameKana', 'birthDate', 'sex', 'address', 'phone'] as const) {
    if (!same(before[key], after[key])) Object.assign(patient, { [key]: after[key] });
  }
  if (!same([before.lat, before.lng], [after.lat, after.lng]) || patient.address !== undefined) {
    patient.lat = after.lat;
    patient.lng = after.lng;
    if (after.lat === null) {
      // No point: the server locates the (new) address itself.
      delete patient.lat;
      delete patient.lng;
      patient.address = after.address;
    }
  }
  if (Object.keys(patient).length > 0) body.patient = patient;
  if (!same(initial.groups, draft.groups)) body.groups = draft.groups;
  if (!same(initial.procedures, draft.procedures)) body.procedures = draft.procedures;
  if (initial.careLevel !== draft.careLevel) body.careLevel = draft.careLevel as CareLevel;
  if (initial.plannedDischargeDate !== draft.plannedDischargeDate)
    body.plannedDischargeDate = draft.plannedDischargeDate;
  if (initial.admissionDate !== draft.admissionDate) body.admissionDate = draft.admissionDate || null;
  if (initial.diagnosis !== draft.diagnosis) body.diagnosis = trimmedOrUndefined(draft.diagnosis) ?? null;
  if (!same(consentOf(initial), consentOf(draft))) body.consent = consentOf(draft);
  if (!same(keyPersonOf(initial), keyPersonOf(draft))) body.keyPerson = keyPersonOf(draft);
  if (initial.livingSituation !== draft.livingSituation) body.livingSituation = draft.livingSituation || null;
  if (!same(initial.welfareIssues, draft.welfareIssues)) body.welfareIssues = draft.welfareIssues;
  if (!same(acpOf(initial), acpOf(draft))) body.acp = acpOf(draft);
  if (!same(initial.neededRoles, draft.neededRoles)) body.neededRoles = draft.neededRoles;
  if (initial.note !== draft.note) body.note = trimmedOrUndefined(draft.note) ?? null;
  return body;
}

/** A field of the form as the user sees it: the address and its location on the map count as one. */
export type DraftField = Exclude<keyof CaseDraft, 'location'>;

const draftFields: readonly DraftField[] = [
  'name',
  'nameKana',
  'birthDate',
  'sex',
  'address',
  'phone',
  'keyPersonName',
  'keyPersonRelationship',
  'keyPersonPhone',
  'groups',
  'procedures',
  'careLevel',
  'livingSituation',
  'welfareIssues',
  'acpCare',
  'acpDeath',
  'acpNote',
  'consentScope',
  'consentRecordedBy',
  'consentGivenBy',
  'consentNote',
  'admissionDate',
  'diagnosis',
  'plannedDischargeDate',
  'neededRoles',
  'note',
];

/** The value of a field as it is compared: text trimmed; the address together with its location. */
function compared(draft: CaseDraft, field: DraftField): string {
  const value = draft[field];
  if (field === 'address') return JSON.stringify([draft.address.trim(), draft.location]);
  return JSON.stringify(typeof value === 'string' ? value.trim() : value);
}

/**
 * After a stale save (412), the latest record with the user's input laid over it (a three-way merge per field):
 * a field the user changed and the other change did not is kept (`kept`); a field both changed takes the latest
 * record's value and the user's is dropped (`discarded`), unless both made the same change; everything else is the
 * latest record's. `base` is the form as it was filled before, `fresh` the form of the record loaded now.
 */
export function mergeDraftOntoLatest(
  base: CaseDraft,
  draft: CaseDraft,
  fresh: CaseDraft,
): { draft: CaseDraft; kept: DraftField[]; discarded: DraftField[] } {
  const merged: CaseDraft = { ...fresh };
  const kept: DraftField[] = [];
  const discarded: DraftField[] = [];
  for (const field of draftFields) {
    const mine = compared(draft, field);
    if (mine === compared(base, field)) continue;
    const theirs = compared(fresh, field);
    if (theirs === mine) continue;
    if (theirs !== compared(base, field)) {
      discarded.push(field);
      continue;
    }
    Object.assign(merged, { [field]: draft[field] });
    if (field === 'address') merged.location = draft.location;
    kept.push(field);
  }
  return { draft: merged, kept, discarded };
}
