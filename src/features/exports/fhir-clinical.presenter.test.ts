/** The clinical FHIR presenter against the R4 definitions, and the referral state → Task status table. */
import { describe, expect, it } from 'vitest';
import { referralStatuses } from '../../domain/cases/referral-state.js';
import { fhirErrors } from '../../../test/fixtures/validators/fhir.js';
import type { CaseRow } from '../cases/case.repository.js';
import type { ClinicalReferralRow } from './fhir-clinical.repository.js';
import {
  receiverSeesCaseSummary,
  taskStatus,
  toFhirCareTeam,
  toFhirPatient,
  toFhirServiceRequest,
  toFhirTask,
} from './fhir-clinical.presenter.js';

const at = new Date('2026-11-25T01:00:00Z');

function caseRow(overrides: Partial<CaseRow> = {}): CaseRow {
  return {
    id: '6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    hospitalOrganizationId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
    hospitalName: 'テスト病院',
    patientName: '桃太郎',
    patientNameKana: 'ももたろう',
    birthDate: '1950-02-03',
    sex: 'male',
    address: '岡山市北区大供1-1-1',
    phone: null,
    lat: null,
    lng: null,
    areaCode: null,
    keyPerson: null,
    groups: [],
    procedures: [],
    careLevel: 'none',
    livingSituation: null,
    welfareIssues: [],
    acp: null,
    consent: { scope: ['referral_summary'] },
    neededRoles: [],
    admissionDate: null,
    diagnosis: null,
    plannedDischargeDate: '2026-12-01',
    route: null,
    difficulty: [],
    difficultyNote: null,
    status: 'planning',
    dischargedOn: null,
    outcome: null,
    outcomeOn: null,
    note: null,
    version: 1,
    createdByUserId: null,
    updatedByUserId: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function referralRow(status: string, overrides: Partial<ClinicalReferralRow['referral']> = {}): ClinicalReferralRow {
  return {
    referral: {
      id: '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
      caseId: '6a1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      batchId: '8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a',
      role: 'care_manager',
      organizationId: '9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
      senderOrganizationId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
      senderUserId: '0f1a2b3c-4d5e-4f6a-9b7c-8d9e0f1a2b3c',
      status,
      message: '',
      respondBy: at,
      declineReasonCode: null,
      declineReason: null,
      withdrawnReason: null,
      viewedAt: null,
      respondedAt: null,
      respondedByUserId: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      ...overrides,
    },
    organizationName: '居宅介護支援事業所',
    senderOrganizationName: 'テスト病院',
    caseStatus: 'coordinating',
    hospitalOrganizationId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
    hospitalName: 'テスト病院',
    patientName: '桃太郎',
    consent: { scope: ['referral_summary'] },
    plannedDischargeDate: '2026-12-01',
    groups: [],
    procedures: [],
  };
}

describe('the clinical FHIR presenter', () => {
  it('maps every referral state to a Task status (pending → requested … expired → cancelled)', () => {
    expect(Object.fromEntries(referralStatuses.map((status) => [status, taskStatus(status, 'coordinating')]))).toEqual({
      sent: 'requested',
      viewed: 'requested',
      needs_info: 'on-hold',
      accepted: 'accepted',
      declined: 'rejected',
      expired: 'cancelled',
      withdrawn: 'cancelled',
    });
    expect(taskStatus('accepted', 'discharged')).toBe('completed');
  });

  it('produces valid resources with the least data: a name without a space, no phone, no area, no team', () => {
    const row = caseRow();
    const full = toFhirPatient({ row, level: 'full', today: '2026-11-25', areaName: null });
    expect(full.name?.[0]).toEqual({
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation', valueCode: 'IDE' }],
      use: 'official',
      text: '桃太郎',
    });
    const summary = toFhirPatient({ row, level: 'summary', today: '2026-11-25', areaName: null });
    expect(summary.address).toBeUndefined();
    const team = toFhirCareTeam({ row, level: 'summary', members: [] });
    expect(team).toMatchObject({ status: 'proposed' });
    expect(team.participant).toBeUndefined();
    for (const resource of [full, summary, team]) expect(fhirErrors(resource)).toEqual([]);
    expect(full.deceasedDateTime).toBeUndefined();
  });

  it('lists 福祉窓口 as undecided only until a welfare window acknowledged a link (as the team view says)', () => {
    const row = caseRow({ neededRoles: ['primary_doctor', 'welfare_contact'] });
    const requested = toFhirCareTeam({ row, level: 'full', members: [], welfareLinks: [{ status: 'requested' }] });
    expect(requested.note?.[0]?.text).toBe('未決定の役割: 主治医、福祉窓口');
    const acknowledged = toFhirCareTeam({
      row,
      level: 'full',
      members: [],
      welfareLinks: [{ status: 'acknowledged' }],
    });
    expect(acknowledged.note?.[0]?.text).toBe('未決定の役割: 主治医');
  });

  it('says the patient died, and when, once the outcome records a death', () => {
    for (const outcome of ['died_home', 'died_hospital'] as const) {
      const row = caseRow({ status: 'closed', outcome, outcomeOn: '2026-12-20' });
      const patient = toFhirPatient({ row, level: 'full', today: '2026-12-21', areaName: null });
      expect(patient.deceasedDateTime).toBe('2026-12-20');
      expect(fhirErrors(patient)).toEqual([]);
    }
    const home = toFhirPatient({
      row: caseRow({ status: 'closed', outcome: 'home', outcomeOn: '2026-12-20' }),
      level: 'full',
      today: '2026-12-21',
      areaName: null,
    });
    expect(home.deceasedDateTime).toBeUndefined();
  });

  it('produces valid ServiceRequests and Tasks in every state, the decline reason as statusReason', () => {
    for (const status of referralStatuses) {
      const row = referralRow(
        status,
        status === 'declined' ? { declineReasonCode: 'distance', declineReason: '' } : {},
      );
      const request = toFhirServiceRequest({ row, patientName: null });
      const task = toFhirTask({ row, patientName: '桃太郎' });
      expect(fhirErrors(request), status).toEqual([]);
      expect(fhirErrors(task), status).toEqual([]);
      if (status === 'declined') expect(task.statusReason?.text).toBe('距離・訪問範囲外');
    }
  });

  it('keeps the case from a receiver whose referral ended without it, as REST does (case: null)', () => {
    expect(Object.fromEntries(referralStatuses.map((status) => [status, receiverSeesCaseSummary(status)]))).toEqual({
      sent: true,
      viewed: true,
      needs_info: true,
      accepted: true,
      declined: false,
      expired: false,
      withdrawn: false,
    });
    const row = {
      ...referralRow('withdrawn', {
        message: '看取りの相談です',
        senderOrganizationId: 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
      }),
      senderOrganizationName: '在宅医療連携センター',
      groups: ['terminal_care'],
      procedures: ['home_oxygen'],
    };
    const whole = toFhirServiceRequest({ row, patientName: null });
    expect(whole).toMatchObject({ occurrenceDateTime: '2026-12-01', note: [{ text: '看取りの相談です' }] });
    const request = toFhirServiceRequest({ row, patientName: '桃太郎', showsCase: false });
    expect(fhirErrors(request)).toEqual([]);
    expect(request).toMatchObject({
      status: 'revoked',
      meta: { security: [{ code: 'REDACTED' }] },
      // The sender (here the Center), not the patient's hospital.
      requester: { reference: 'Organization/a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', display: '在宅医療連携センター' },
    });
    const text = JSON.stringify(request);
    for (const detail of ['2026-12-01', '看取り', 'terminal_care', 'home_oxygen', 'テスト病院', '桃太郎'])
      expect(text, detail).not.toContain(detail);
    const task = toFhirTask({ row, patientName: '桃太郎', showsCase: false });
    expect(fhirErrors(task)).toEqual([]);
    expect(task.for).toEqual({ reference: `Patient/${row.referral.caseId}` });
  });
});
