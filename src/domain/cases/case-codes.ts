/** Code lists of discharge coordination (CONTRACT §3), with their Japanese labels. */

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
export const careLevelLabels: Record<CareLevel, string> = {
  none: 'なし',
  applying: '申請中',
  support_1: '要支援1',
  support_2: '要支援2',
  care_1: '要介護1',
  care_2: '要介護2',
  care_3: '要介護3',
  care_4: '要介護4',
  care_5: '要介護5',
};

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
export const welfareIssueLabels: Record<WelfareIssue, string> = {
  financial_hardship: '生活困窮',
  living_alone: '独居',
  abuse_suspected: '虐待の疑い',
  no_key_person: 'キーパーソン不在',
  other: 'その他',
};

export const livingSituations = ['alone', 'with_family', 'elderly_couple', 'facility', 'other'] as const;
export type LivingSituation = (typeof livingSituations)[number];

export const places = ['home', 'facility', 'hospital', 'undecided'] as const;
export type Place = (typeof places)[number];
export const placeLabels: Record<Place, string> = {
  home: '自宅',
  facility: '施設',
  hospital: '病院',
  undecided: '未定',
};

export const routes = ['direct', 'center'] as const;
export type CaseRoute = (typeof routes)[number];

export const difficultyReasons = ['area', 'profession', 'symptom', 'welfare', 'other', 'timeout'] as const;
export type DifficultyReason = (typeof difficultyReasons)[number];
export const difficultyReasonLabels: Record<DifficultyReason, string> = {
  area: '地域',
  profession: '職種',
  symptom: '症状',
  welfare: '福祉',
  other: 'その他',
  timeout: '期限までに調整がつかない',
};

export const outcomes = ['home', 'readmitted', 'facility', 'died_home', 'died_hospital'] as const;
export type Outcome = (typeof outcomes)[number];
export const outcomeLabels: Record<Outcome, string> = {
  home: '在宅療養を継続',
  readmitted: '再入院',
  facility: '施設へ入所',
  died_home: '自宅で死亡',
  died_hospital: '病院で死亡',
};

export const declineReasonCodes = ['capacity', 'distance', 'capability', 'schedule', 'other'] as const;
export type DeclineReasonCode = (typeof declineReasonCodes)[number];
export const declineReasonLabels: Record<DeclineReasonCode, string> = {
  capacity: '受入枠がない',
  distance: '距離・訪問範囲外',
  capability: '対応できない処置・状態',
  schedule: '日程が合わない',
  other: 'その他',
};
/**
 * Why a referral was withdrawn, told to its receiver: the sender withdrew it, another organisation accepted the
 * role first, or the case ended (died, cancelled, closed by its outcome; discharged for cases ended before discharge
 * kept referrals open).
 */
export const referralWithdrawnReasons = [
  'by_sender',
  'other_accepted',
  'case_discharged',
  'case_died',
  'case_cancelled',
  'case_closed',
] as const;
export type ReferralWithdrawnReason = (typeof referralWithdrawnReasons)[number];

/** Reasons that say nothing by themselves: a decline with one of them must say why in words (`reason`). */
export const declineReasonsNeedingText: readonly DeclineReasonCode[] = ['other'];
export const declineReasonNeedsText = (code: DeclineReasonCode): boolean => declineReasonsNeedingText.includes(code);

/**
 * What the patient (or family) agreed may be shared:
 * - center: with the Regional Care Coordination Center
 * - referral_summary: the minimum necessary (age band, area, needs, dates) with candidate organisations
 * - team_record: the full record with the organisations that accepted a referral and joined the care team
 * - welfare_record: the record with the welfare windows the case is linked to (福祉事務所・保健所・
 *   社会福祉協議会・地域包括支援センター) once they acknowledged the link; before that they see the
 *   minimum necessary. A welfare link cannot be requested without it.
 */
export const consentScopes = ['center', 'referral_summary', 'team_record', 'welfare_record'] as const;
export type ConsentScope = (typeof consentScopes)[number];
export const consentScopeLabels: Record<ConsentScope, string> = {
  center: '地域ケア総合推進センターへの相談',
  referral_summary: '候補の事業所への最小限の情報（年代・地域・必要な医療処置など）',
  team_record: '在宅チームへの記録全体の共有',
  welfare_record: '福祉の連携先（福祉事務所・保健所・社会福祉協議会・地域包括支援センター）への記録の共有',
};
export const consentGivenBy = ['patient', 'family', 'guardian'] as const;
