import { describe, expect, it } from 'vitest';
import { CreateCaseRequest } from '../../../../src/features/cases/case.schema';
import { createRequestOf, emptyDraft, type CaseDraft } from '../../components/cases/case-draft';
import { caseLengthLimits, lengthErrors } from './CaseCreatePage.lengths';

const filled = (changes: Partial<CaseDraft>): CaseDraft => ({
  ...emptyDraft('連携 太郎'),
  name: '岡山 ひなた',
  nameKana: 'おかやま ひなた',
  birthDate: '2022-04-01',
  sex: 'female',
  address: '岡山市南区福浜町10-5',
  careLevel: 'none',
  plannedDischargeDate: '2026-12-10',
  ...changes,
});

describe('length limits of the new-case form', () => {
  it('refuses an over-long name, address, key person and recorder at their fields', () => {
    expect(
      lengthErrors(
        filled({
          name: 'あ'.repeat(300),
          address: '岡'.repeat(301),
          keyPersonName: 'い'.repeat(101),
          consentRecordedBy: 'う'.repeat(101),
        }),
      ),
    ).toEqual({
      'patient.name': 'tooLong100',
      'patient.address': 'tooLong300',
      'keyPerson.name': 'tooLong100',
      'consent.recordedBy': 'tooLong100',
    });
  });

  it('takes values at the limit, counted in characters after trimming', () => {
    expect(lengthErrors(filled({ name: ` ${'𠮷'.repeat(100)} `, address: '岡'.repeat(300) }))).toEqual({});
  });

  it.each(caseLengthLimits.map((limit) => [limit.path, limit.max, limit.field] as const))(
    'has the limit of the server for %s (%i)',
    (path, max, field) => {
      const atLimit = CreateCaseRequest.safeParse(createRequestOf(filled({ [field]: 'ア'.repeat(max) })));
      expect(atLimit.success, JSON.stringify(atLimit.error?.issues)).toBe(true);
      expect(lengthErrors(filled({ [field]: 'ア'.repeat(max) }))).toEqual({});
      const over = CreateCaseRequest.safeParse(createRequestOf(filled({ [field]: 'ア'.repeat(max + 1) })));
      expect(over.error?.issues.map((issue) => issue.path.join('.'))).toEqual([path]);
      expect(lengthErrors(filled({ [field]: 'ア'.repeat(max + 1) }))).toEqual({ [path]: `tooLong${max}` });
    },
  );
});
