import { describe, expect, it } from 'vitest';
import { tellingDetailOf } from './organization-picker-detail';

const source = (id: string) => ({ id, attribution: id, license: null, asOf: null });

describe('what tells two organisations of one name apart in the picker', () => {
  it('is the official code when there is one, else the source of the record', () => {
    expect(
      tellingDetailOf({
        codes: { medicalInstitutionCode: '3312345678', careOfficeNumber: '3360100001' },
        source: source('mhlw'),
      }),
    ).toEqual({ kind: 'medicalInstitutionCode', value: '3312345678' });
    expect(
      tellingDetailOf({
        codes: { medicalInstitutionCode: null, careOfficeNumber: '3360100001' },
        source: source('kaigo'),
      }),
    ).toEqual({ kind: 'careOfficeNumber', value: '3360100001' });
    expect(
      tellingDetailOf({ codes: { medicalInstitutionCode: null, careOfficeNumber: null }, source: source('manual') }),
    ).toEqual({ kind: 'source', sourceId: 'manual' });
  });
});
