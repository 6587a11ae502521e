import { describe, expect, it } from 'vitest';
import { CreateCaseRequest } from '../../../../src/features/cases/case.schema';
import {
  caseLengthLimits,
  createRequestOf,
  emptyDraft,
  lengthErrors,
  mergeDraftOntoLatest,
  updateRequestOf,
  validateDraft,
  withAddress,
  type CaseDraft,
} from './case-draft';
import type { PickedLocation } from './LocationPicker';

const today = '2026-11-26';

function filled(overrides: Partial<CaseDraft> = {}): CaseDraft {
  return {
    ...emptyDraft('連携室 看護師'),
    name: '岡山 花子',
    nameKana: 'おかやま はなこ',
    birthDate: '1941-04-03',
    sex: 'female',
    address: '岡山市北区鹿田町2丁目5-1',
    careLevel: 'care_2',
    plannedDischargeDate: '2026-12-10',
    consentScope: ['center', 'referral_summary'],
    ...overrides,
  };
}

describe('the case form', () => {
  it('asks for the required fields with the server paths as keys', () => {
    const errors = validateDraft(emptyDraft(''), { isNew: true, today });
    expect(errors).toMatchObject({
      'patient.name': 'nameRequired',
      'patient.nameKana': 'kanaRequired',
      'patient.birthDate': 'birthDateRequired',
      'patient.sex': 'sexRequired',
      'patient.address': 'addressRequired',
      careLevel: 'careLevelRequired',
      plannedDischargeDate: 'dischargeRequired',
      'consent.recordedBy': 'recordedByRequired',
    });
  });

  it('refuses kana with kanji, a past discharge date and discharge before admission', () => {
    expect(validateDraft(filled({ nameKana: '岡山' }), { isNew: true, today })['patient.nameKana']).toBe('kanaInvalid');
    expect(
      validateDraft(filled({ plannedDischargeDate: '2026-11-01' }), { isNew: true, today }).plannedDischargeDate,
    ).toBe('dischargePast');
    expect(
      validateDraft(filled({ admissionDate: '2026-11-20', plannedDischargeDate: '2026-11-19' }), {
        isNew: false,
        today,
        initial: filled({ plannedDischargeDate: '2026-11-19' }),
      }).plannedDischargeDate,
    ).toBe('dischargeBeforeAdmission');
    expect(validateDraft(filled(), { isNew: true, today })).toEqual({});
  });

  it('asks no 介護保険 of a patient under 40: care level なし, no care manager (an untouched old record stays editable)', () => {
    const child = filled({ birthDate: '2021-05-05' });
    expect(validateDraft(child, { isNew: true, today })).toEqual({
      careLevel: 'careLevelUnderInsuranceAge',
      neededRoles: 'careManagerUnderInsuranceAge',
    });
    const fixed = {
      ...child,
      careLevel: 'none' as const,
      neededRoles: child.neededRoles.filter((r) => r !== 'care_manager'),
    };
    expect(validateDraft(fixed, { isNew: true, today })).toEqual({});
    expect(validateDraft({ ...child, note: '追記' }, { isNew: false, today, initial: child })).toEqual({});
    expect(validateDraft({ ...child, careLevel: 'care_1' }, { isNew: false, today, initial: child }).careLevel).toBe(
      'careLevelUnderInsuranceAge',
    );
  });

  it('takes a planned admission ahead (入院前からの支援), still before the planned discharge', () => {
    expect(validateDraft(filled({ admissionDate: '2026-12-01' }), { isNew: true, today })).toEqual({});
    expect(validateDraft(filled({ admissionDate: '2026-12-11' }), { isNew: true, today }).plannedDischargeDate).toBe(
      'dischargeBeforeAdmission',
    );
  });

  it('takes a phone typed in full width by a Japanese IME (the server stores its usual form), refuses letters', () => {
    const phones = {
      phone: '０８６－２６２－１２３４',
      keyPersonName: '岡山 太郎',
      keyPersonPhone: '０９０ー１２３４ー５６７８',
    };
    expect(validateDraft(filled(phones), { isNew: true, today })).toEqual({});
    const refused = validateDraft(filled({ phone: 'でんわ', keyPersonPhone: '12' }), { isNew: true, today });
    expect(refused).toMatchObject({ 'patient.phone': 'phoneInvalid', 'keyPerson.phone': 'phoneInvalid' });
    const body = CreateCaseRequest.parse(createRequestOf(filled(phones)));
    expect(body.patient.phone).toBe('086-262-1234');
  });

  it('builds the POST body without empty optional parts', () => {
    const body = createRequestOf(filled({ phone: ' ', acpCare: 'home' }));
    expect(body.patient).toEqual({
      name: '岡山 花子',
      nameKana: 'おかやま はなこ',
      birthDate: '1941-04-03',
      sex: 'female',
      address: '岡山市北区鹿田町2丁目5-1',
      phone: null,
      lat: null,
      lng: null,
    });
    expect(body.keyPerson).toBeNull();
    expect(body.acp).toEqual({ preferredPlaceOfCare: 'home' });
    expect(body.neededRoles).toEqual(['primary_doctor', 'visiting_nurse', 'care_manager']);
    expect(body).not.toHaveProperty('admissionDate');
  });

  it('sends only what changed in an edit', () => {
    const initial = filled({
      location: {
        lat: 34.65,
        lng: 133.92,
        source: 'record',
        precision: null,
        areaCode: '33101',
        label: null,
        address: '岡山市北区鹿田町2丁目5-1',
      },
    });
    expect(updateRequestOf(initial, { ...initial, careLevel: 'care_3' })).toEqual({ careLevel: 'care_3' });
    expect(updateRequestOf(initial, { ...initial, address: '岡山市北区今2丁目', location: null })).toEqual({
      patient: { address: '岡山市北区今2丁目' },
    });
    expect(updateRequestOf(initial, initial)).toEqual({});
  });

  it('sets aside a location found for another address, and keeps one placed by hand', () => {
    const located: PickedLocation = {
      lat: 34.652,
      lng: 133.951,
      source: 'geocoder',
      precision: 'machiaza',
      areaCode: '33102',
      label: '岡山市中区浜三丁目',
      address: '岡山市中区浜3丁目',
    };
    const draft = filled({ address: '岡山市中区浜3丁目', location: located });
    expect(withAddress(draft, ' 岡山市中区浜3丁目 ', null)).toEqual({
      draft: { ...draft, address: ' 岡山市中区浜3丁目 ' },
      setAside: null,
    });
    const moved = withAddress(draft, '東京都千代田区千代田1-1', null);
    expect(moved.draft.location).toBeNull();
    expect(moved.setAside).toEqual(located);
    expect(createRequestOf(moved.draft).patient).toMatchObject({ address: '東京都千代田区千代田1-1', lat: null });
    // Back to the address it was found for: the location comes back.
    expect(withAddress(moved.draft, '岡山市中区浜3丁目', moved.setAside)).toEqual({ draft, setAside: null });

    const placed: PickedLocation = { ...located, source: 'map', precision: null, label: null };
    const onMap = withAddress({ ...draft, location: placed }, '岡山市中区浜3丁目 2-1', null);
    expect(onMap.draft.location).toEqual(placed);
    expect(onMap.setAside).toBeNull();
  });
});

describe('loading the latest version after a stale save', () => {
  const base = filled({ note: '前のメモ', livingSituation: 'alone' });

  it('keeps the edits to fields the other change did not touch, and takes the rest from the latest record', () => {
    const mine = { ...base, note: '自分のメモ' };
    const latest = { ...base, plannedDischargeDate: '2026-12-14', livingSituation: 'with_family' as const };
    const merged = mergeDraftOntoLatest(base, mine, latest);
    expect(merged.draft).toEqual({ ...latest, note: '自分のメモ' });
    expect(merged.kept).toEqual(['note']);
    expect(merged.discarded).toEqual([]);
    // Saved on the latest version, only the kept edit is sent.
    expect(updateRequestOf(latest, merged.draft)).toEqual({ note: '自分のメモ' });
  });

  it('drops an edit to a field the other change also changed, unless both made the same change', () => {
    const mine = { ...base, plannedDischargeDate: '2026-12-20', note: '自分のメモ', careLevel: 'care_3' as const };
    const latest = { ...base, plannedDischargeDate: '2026-12-14', note: '  自分のメモ ', careLevel: 'care_3' as const };
    const merged = mergeDraftOntoLatest(base, mine, latest);
    expect(merged.draft.plannedDischargeDate).toBe('2026-12-14');
    expect(merged.discarded).toEqual(['plannedDischargeDate']);
    expect(merged.kept).toEqual([]);
  });

  it('treats the address and its location on the map as one field', () => {
    const located = { ...base, location: null };
    const mine = { ...located, address: '岡山市北区大供1-1-1' };
    const latest = {
      ...located,
      location: {
        lat: 34.66,
        lng: 133.92,
        source: 'record' as const,
        precision: null,
        areaCode: '33101',
        label: null,
        address: base.address,
      },
    };
    const merged = mergeDraftOntoLatest(located, mine, latest);
    expect(merged.discarded).toEqual(['address']);
    expect(merged.draft.address).toBe(base.address);
    expect(mergeDraftOntoLatest(located, mine, { ...located, note: '別' }).draft).toMatchObject({
      address: '岡山市北区大供1-1-1',
      location: null,
      note: '別',
    });
  });
});

describe("length limits of the case form (the server schema's)", () => {
  // With a key person, so that the relationship is sent too.
  const withKeyPerson = (changes: Partial<CaseDraft>) => filled({ keyPersonName: '岡山 太郎', ...changes });

  it('refuses over-long text at its field, and says a missing value rather than a length', () => {
    expect(
      validateDraft(
        withKeyPerson({
          name: 'あ'.repeat(300),
          address: '岡'.repeat(301),
          keyPersonRelationship: '長'.repeat(51),
          acpNote: 'a'.repeat(2001),
          consentNote: 'b'.repeat(1001),
          note: 'c'.repeat(4001),
          consentRecordedBy: ' ',
        }),
        { isNew: true, today },
      ),
    ).toEqual({
      'patient.name': 'tooLong100',
      'patient.address': 'tooLong300',
      'keyPerson.relationship': 'tooLong50',
      'acp.note': 'tooLong2000',
      'consent.note': 'tooLong1000',
      note: 'tooLong4000',
      'consent.recordedBy': 'recordedByRequired',
    });
  });

  it('takes values at the limit, counted in characters after trimming', () => {
    expect(lengthErrors(filled({ name: ` ${'𠮷'.repeat(100)} `, address: '岡'.repeat(300) }))).toEqual({});
  });

  it.each(caseLengthLimits.map((limit) => [limit.path, limit.max, limit.field] as const))(
    'has the limit of the server for %s (%i)',
    (path, max, field) => {
      const atLimit = CreateCaseRequest.safeParse(createRequestOf(withKeyPerson({ [field]: 'ア'.repeat(max) })));
      expect(atLimit.success, JSON.stringify(atLimit.error?.issues)).toBe(true);
      expect(lengthErrors(withKeyPerson({ [field]: 'ア'.repeat(max) }))).toEqual({});
      const over = CreateCaseRequest.safeParse(createRequestOf(withKeyPerson({ [field]: 'ア'.repeat(max + 1) })));
      expect(over.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
      expect(lengthErrors(withKeyPerson({ [field]: 'ア'.repeat(max + 1) }))).toEqual({ [path]: `tooLong${max}` });
    },
  );
});
