/**
 * The code lists of discharge coordination, copied from src/domain/cases/*.ts and src/domain/codes.ts (the web
 * build cannot import server code). Labels come from i18n: `codes.<list>.<code>` in i18n/{ja,en}/cases.json.
 */

export const teamRoles = [
  'primary_doctor',
  'secondary_doctor',
  'home_visit_specialist',
  'visiting_nurse',
  'care_manager',
  'visiting_rehab',
  'home_dental',
  'home_pharmacy',
  'community_support_center',
  'welfare_contact',
  'backup_hospital',
] as const;
export type TeamRole = (typeof teamRoles)[number];

/** Roles filled by a referral (the welfare contact is a welfare link, not a referral). */
export const referableRoles: readonly TeamRole[] = teamRoles.filter((role) => role !== 'welfare_contact');

/** The roles a discharge usually needs when the hospital names none (src/domain/cases/team-roles.ts). */
export const defaultNeededRoles: readonly TeamRole[] = ['primary_doctor', 'visiting_nurse', 'care_manager'];

export const careLevels = [
  'none',
  'applying',
  'support_1',
  'support_2',
  'care_1',
  'care_2',
  'care_3',
  'care_4',
  'care_5',
] as const;
export type CareLevel = (typeof careLevels)[number];

export const sexes = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof sexes)[number];

export const welfareIssues = [
  'financial_hardship',
  'living_alone',
  'abuse_suspected',
  'no_key_person',
  'other',
] as const;
export type WelfareIssue = (typeof welfareIssues)[number];

export const livingSituations = ['alone', 'with_family', 'elderly_couple', 'facility', 'other'] as const;
export type LivingSituation = (typeof livingSituations)[number];

export const places = ['home', 'facility', 'hospital', 'undecided'] as const;
export type Place = (typeof places)[number];

export const difficultyReasons = ['area', 'profession', 'symptom', 'welfare', 'other', 'timeout'] as const;
export type DifficultyReason = (typeof difficultyReasons)[number];
/** The reasons a hospital may choose (timeout is set by the automatic hand-on only). */
export const requestableDifficultyReasons = ['area', 'profession', 'symptom', 'welfare', 'other'] as const;
export type RequestableDifficultyReason = (typeof requestableDifficultyReasons)[number];

export const outcomes = ['home', 'readmitted', 'facility', 'died_home', 'died_hospital'] as const;
export type Outcome = (typeof outcomes)[number];

export const declineReasonCodes = ['capacity', 'distance', 'capability', 'schedule', 'other'] as const;
export type DeclineReasonCode = (typeof declineReasonCodes)[number];

export const consentScopes = ['center', 'referral_summary', 'team_record', 'welfare_record'] as const;
export type ConsentScope = (typeof consentScopes)[number];

export const consentGivenBy = ['patient', 'family', 'guardian'] as const;
export type ConsentGivenBy = (typeof consentGivenBy)[number];

export const caseStatuses = ['planning', 'coordinating', 'discharged', 'closed', 'cancelled'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const activeCaseStatuses: readonly CaseStatus[] = ['planning', 'coordinating'];

export const caseRoutes = ['direct', 'center'] as const;
export type CaseRoute = (typeof caseRoutes)[number];

export const referralStatuses = [
  'sent',
  'viewed',
  'needs_info',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];
export const openReferralStatuses: readonly ReferralStatus[] = ['sent', 'viewed', 'needs_info'];

export function isOpenReferral(status: ReferralStatus): boolean {
  return openReferralStatuses.includes(status);
}

export const consultationStatuses = ['open', 'in_progress', 'answered', 'closed'] as const;
export type ConsultationStatus = (typeof consultationStatuses)[number];

export const welfareLinkStatuses = ['requested', 'acknowledged', 'closed'] as const;
export type WelfareLinkStatus = (typeof welfareLinkStatuses)[number];

/** The organisations a case may be linked to for welfare (福祉事務所・保健所・社会福祉協議会・地域包括支援センター). */
export const welfareOrganizationKinds = [
  'welfare_office',
  'public_health_center',
  'social_welfare_council',
  'community_support_center',
] as const;
export type WelfareOrganizationKind = (typeof welfareOrganizationKinds)[number];

export const conferenceStatuses = ['scheduled', 'held', 'cancelled'] as const;
export type ConferenceStatus = (typeof conferenceStatuses)[number];
/** Allowed length of a conference in minutes (src/domain/cases/conference-state.ts). */
export const conferenceDurationMinutes = { min: 15, max: 480 } as const;
