/**
 * The code lists of discharge coordination, re-exported from the server's src/domain/codes.ts and
 * src/domain/cases/*.ts (pure TypeScript with no Node imports, so the web bundles them; import only
 * src/domain/** from the web). Labels come from i18n: `codes.<list>.<code>` in i18n/{ja,en}/cases.json.
 */
import { teamRoles, type OrganizationKind, type TeamRole } from '../../../src/domain/codes';
import { consentGivenBy, difficultyReasons, type DifficultyReason } from '../../../src/domain/cases/case-codes';
import { roleRequirements } from '../../../src/domain/cases/team-roles';
import { welfareOrganizationKinds as serverWelfareOrganizationKinds } from '../../../src/domain/cases/welfare-link-state';

export { teamRoles, type TeamRole } from '../../../src/domain/codes';
export { defaultNeededRoles } from '../../../src/domain/cases/team-roles';
export {
  careLevels,
  type CareLevel,
  sexes,
  type Sex,
  welfareIssues,
  type WelfareIssue,
  livingSituations,
  type LivingSituation,
  places,
  type Place,
  routes as caseRoutes,
  type CaseRoute,
  difficultyReasons,
  type DifficultyReason,
  outcomes,
  type Outcome,
  declineReasonCodes,
  type DeclineReasonCode,
  declineReasonNeedsText,
  referralWithdrawnReasons,
  type ReferralWithdrawnReason,
  consentScopes,
  type ConsentScope,
  consentGivenBy,
} from '../../../src/domain/cases/case-codes';
export { caseStatuses, type CaseStatus, activeCaseStatuses } from '../../../src/domain/cases/case-state';
export {
  referralStatuses,
  type ReferralStatus,
  openReferralStatuses,
  isOpenReferral,
} from '../../../src/domain/cases/referral-state';
export { consultationStatuses, type ConsultationStatus } from '../../../src/domain/cases/consultation-state';
export {
  welfareLinkStatuses,
  type WelfareLinkStatus,
  welfareLinkableCaseStatuses,
} from '../../../src/domain/cases/welfare-link-state';
export {
  conferenceStatuses,
  type ConferenceStatus,
  conferenceDurationMinutes,
} from '../../../src/domain/cases/conference-state';

export type ConsentGivenBy = (typeof consentGivenBy)[number];

/** Roles filled by a referral (the welfare contact is a welfare link, not a referral). */
export const referableRoles: readonly TeamRole[] = teamRoles.filter((role) => roleRequirements[role].isReferable);

/** The reasons a hospital may choose (timeout is set by the automatic hand-on only). */
export type RequestableDifficultyReason = Exclude<DifficultyReason, 'timeout'>;
export const requestableDifficultyReasons: readonly RequestableDifficultyReason[] = difficultyReasons.filter(
  (reason): reason is RequestableDifficultyReason => reason !== 'timeout',
);

/**
 * The organisations a case may be linked to for welfare (福祉事務所・保健所・社会福祉協議会・地域包括支援センター).
 * The list and its order are the server's; the server types it as any organisation kind, the web narrows it.
 */
export type WelfareOrganizationKind = Extract<
  OrganizationKind,
  'welfare_office' | 'public_health_center' | 'social_welfare_council' | 'community_support_center'
>;
export const welfareOrganizationKinds = serverWelfareOrganizationKinds as readonly WelfareOrganizationKind[];
