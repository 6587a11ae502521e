import { describe, expect, it } from 'vitest';
import { createRequestOf, emptyDraft, updateRequestOf, validateDraft, withAddress, type CaseDraft } from './case-draft';
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
