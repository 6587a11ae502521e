/** Case row → the full record or the minimum-necessary summary, explicitly. */
import type { CaseRow } from './case.repository.js';
import type { CaseResponse, CaseSummaryResponse } from './case.schema.js';
import type { CaseAccessFacts } from '../../domain/policies/case-policy.js';
import {
  canCoordinateCase,
  canRecordCaseOutcome,
  canUseCaseThread,
  isCaseHospital,
} from '../../domain/policies/case-policy.js';
import type { PolicyActor } from '../../domain/policies/actor.js';
import { ageBand, ageOn } from '../../domain/cases/minimum-necessary.js';
import type { PatientGroup, Procedure, TeamRole } from '../../domain/codes.js';
import type {
  CareLevel,
  DifficultyReason,
  LivingSituation,
  Outcome,
  Sex,
  WelfareIssue,
} from '../../domain/cases/case-codes.js';
import type { CaseStatus } from '../../domain/cases/case-state.js';
import { jstDate, toJstIso } from '../../platform/time.js';
import { addDays } from '../../domain/calendar/japanese-calendar.js';

const areaNames: Record<string, string> = {
  '33101': '岡山市北区',
  '33102': '岡山市中区',
  '33103': '岡山市東区',
  '33104': '岡山市南区',
};

/** The ward of a case's home as cases, referrals and notifications name it (岡山市北区); null outside the wards. */
export function caseAreaName(areaCode: string | null): string | null {
  return areaCode ? (areaNames[areaCode] ?? null) : null;
}

/**
 * Which patient a notification is about, in the minimum it may say — age band and ward, never the name — so that a
 * hospital or Center with many cases tells them apart in its list: the words (「80代・岡山市北区」), the parameters the
 * client's templates fill, and the template variant (`patient`, or `patient_age` for a home outside the wards).
 */
export function patientNoticeWords(
  row: Pick<CaseRow, 'birthDate' | 'areaCode'>,
  now: Date,
): { words: string; params: { ageBand: string; areaName?: string }; variant: 'patient' | 'patient_age' } {
  const band = ageBand(row.birthDate, jstDate(now));
  const areaName = caseAreaName(row.areaCode);
  return {
    words: [band, areaName].filter(Boolean).join('・'),
    params: { ageBand: band, ...(areaName ? { areaName } : {}) },
    variant: areaName ? 'patient' : 'patient_age',
  };
}

/** Whether the outcome happened where the patient wished to die (only for deaths) or to be cared for. */
export function outcomeMatchesWish(row: Pick<CaseRow, 'outcome' | 'acp'>): boolean | null {
  if (!row.outcome) return null;
  const acp = (row.acp ?? {}) as { preferredPlaceOfCare?: string; preferredPlaceOfDeath?: string };
  const placeOf: Record<string, string> = {
    home: 'home',
    readmitted: 'hospital',
    facility: 'facility',
    died_home: 'home',
    died_hospital: 'hospital',
  };
  const isDeath = row.outcome === 'died_home' || row.outcome === 'died_hospital';
  const wish = isDeath ? acp.preferredPlaceOfDeath : acp.preferredPlaceOfCare;
  if (!wish || wish === 'undecided') return null;
  return placeOf[row.outcome] === wish;
}

export function presentCase(
  row: CaseRow,
  options: {
    actor: PolicyActor;
    /** The roles the caller's organisation holds in the team now. */
    actorTeamRoles?: readonly string[];
    facts: CaseAccessFacts;
    today: string;
    pastHospitals: { id: string; name: string }[];
    /** RENKEI_OUTCOME_FOLLOWUP_DAYS: the outcome is due this many days after discharge. */
    outcomeFollowUpDays: number;
    /** The case's consultation with the Center, when the caller may open it. */
    consultation?: CaseResponse['consultation'];
  },
): CaseResponse {
  const outcomeFollowUpOn = row.dischargedOn ? addDays(row.dischargedOn, options.outcomeFollowUpDays) : null;
  return {
    access: 'full',
    id: row.id,
    status: row.status as CaseStatus,
    route: row.route === 'direct' || row.route === 'center' ? row.route : null,
    hospital: { id: row.hospitalOrganizationId, name: row.hospitalName },
    pastHospitals: options.pastHospitals,
    patient: {
      name: row.patientName,
      nameKana: row.patientNameKana,
      birthDate: row.birthDate,
      age: ageOn(row.birthDate, options.today),
      sex: row.sex as Sex,
      address: row.address,
      phone: row.phone,
      lat: row.lat,
      lng: row.lng,
      areaCode: row.areaCode,
    },
    keyPerson: row.keyPerson ?? null,
    groups: row.groups as PatientGroup[],
    procedures: row.procedures as Procedure[],
    careLevel: row.careLevel as CareLevel,
    livingSituation: row.livingSituation as LivingSituation | null,
    welfareIssues: row.welfareIssues as WelfareIssue[],
    acp: row.acp ?? null,
    consent: row.consent,
    neededRoles: row.neededRoles as TeamRole[],
    admissionDate: row.admissionDate,
    diagnosis: row.diagnosis,
    plannedDischargeDate: row.plannedDischargeDate,
    difficulty: row.difficulty as DifficultyReason[],
    difficultyNote: row.difficultyNote,
    dischargedOn: row.dischargedOn,
    outcome: row.outcome as Outcome | null,
    outcomeOn: row.outcomeOn,
    outcomeMatchesWish: outcomeMatchesWish(row),
    outcomeFollowUpOn,
    outcomeIsEarly: row.outcomeOn && outcomeFollowUpOn ? row.outcomeOn < outcomeFollowUpOn : null,
    note: row.note,
    version: row.version,
    createdAt: toJstIso(row.createdAt),
    updatedAt: toJstIso(row.updatedAt),
    permissions: {
      canEdit: isCaseHospital(options.actor, options.facts),
      canCoordinate: canCoordinateCase(options.actor, options.facts),
      canUseThread: canUseCaseThread(options.actor, options.facts),
      canRecordOutcome: canRecordCaseOutcome(options.actor, options.facts, options.actorTeamRoles ?? []),
    },
    consultation: options.consultation ?? null,
  };
}

export function presentCaseSummary(row: CaseRow, today: string): CaseSummaryResponse {
  return {
    access: 'summary',
    id: row.id,
    status: row.status as CaseStatus,
    hospital: { id: row.hospitalOrganizationId, name: row.hospitalName },
    ageBand: ageBand(row.birthDate, today),
    sex: row.sex as Sex,
    areaCode: row.areaCode,
    areaName: caseAreaName(row.areaCode),
    groups: row.groups as PatientGroup[],
    procedures: row.procedures as Procedure[],
    careLevel: row.careLevel as CareLevel,
    plannedDischargeDate: row.plannedDischargeDate,
    dischargedOn: row.dischargedOn,
    version: row.version,
  };
}
