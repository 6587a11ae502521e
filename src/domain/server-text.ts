/**
 * The codes of the texts the server writes in Japanese (timeline entries, notifications, candidate
 * reasons, escalation reasons, unassigned reasons), so that a client can render them in another
 * language from the code and its parameters. The Japanese text stays the default and the fallback.
 * Every list here is what the server can emit: the web's translations are tested against them.
 */

/**
 * Machine-readable values of a text: names, numbers, dates (YYYY-MM-DD), instants (ISO), codes.
 * Conventions (the web maps codes to its own labels): `role` a team role, `procedure`, `group`
 * (patient group), `availabilityStatus`, `outcome`, `wish` (place), `declineReason`,
 * `missingRoles[]`, `fields[]` (case fields), `conferenceFields[]`, `hospitalFunction`, `calledAs`
 * (escalation role), `shift`; names ending in `At` are ISO instants; `variant` chooses a form of
 * the text (e.g. `note` when a free-text note follows).
 */
export type TextParams = Record<string, string | number | boolean | null | readonly string[]>;

/** Timeline entries (case_events.kind); their parameters are in `details`. */
export const caseEventKinds = [
  'created',
  'updated',
  'route_direct',
  'route_center',
  'transferred',
  'discharged',
  'outcome',
  'outcome_replaced',
  'cancelled',
  'handed_on',
  'referrals_sent',
  'referral_viewed',
  'referral_accepted',
  'referral_declined',
  'referral_withdrawn',
  'referrals_withdrawn',
  'referral_question',
  'referral_answer',
  'referral_expired',
  'member_added',
  'message_posted',
  'conference_scheduled',
  'conference_changed',
  'conference_cancelled',
  'conference_minutes',
  'welfare_link_requested',
  'welfare_link_acknowledged',
  'welfare_link_closed',
  'acute_event',
  'waitlist_offer',
] as const;
export type CaseEventKind = (typeof caseEventKinds)[number];

/** In-app notifications (notifications.kind); their parameters are in `params`. */
export const notificationKinds = [
  'waitlist_offer',
  'referral_new',
  'referral_withdrawn',
  'referral_accepted',
  'referral_declined',
  'referral_question',
  'referral_answer',
  'referral_expired',
  'team_added',
  'case_transferred',
  'case_handon_blocked',
  'case_handed_on',
  'case_outcome_due',
  'case_outcome',
  'case_discharged',
  'case_cancelled',
  'case_discharge_date_changed',
  'consultation_new',
  'consultation_assigned',
  'consultation_taken',
  'consultation_answer',
  'doctor_pair_created',
  'case_message',
  'roster_published',
  'duty_swap',
  'availability_stale',
  'conference_invitation',
  'conference_reminder',
  'conference_changed',
  'conference_uninvited',
  'conference_cancelled',
  'conference_minutes',
  'welfare_link_new',
  'welfare_link_acknowledged',
  'welfare_link_closed',
  'acute_event',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/**
 * Candidate reasons (reasons[].code): the code before a colon (`procedure:ventilator` →
 * `procedure`); the part after it is also in the parameters.
 */
export const candidateReasonCodes = [
  'distance',
  'travel_burden',
  'procedure',
  'group',
  'specialist',
  'availability_unknown',
  'availability',
  'availability_stale',
  'free_slots',
  'over_capacity',
  'load',
  'available_24h',
  'no_24h',
  'continuity',
  'continuity_pair',
  'pair_default',
  'beyond_usual_reach',
  'answered_before',
] as const;
export type CandidateReasonCode = (typeof candidateReasonCodes)[number];

/** Why a step or a skipped contact is in the emergency chain (escalation reasonCode). */
export const escalationReasonCodes = [
  'team_primary',
  'team_secondary',
  'pair_secondary',
  'on_duty',
  'on_duty_already_called',
  'backup_team',
  'backup_area',
  'backup_discharging',
  'backup_unavailable',
  'backup_psychiatric',
  'backup_not_fit',
  'emergency_119',
] as const;
export type EscalationReasonCode = (typeof escalationReasonCodes)[number];

/** What the emergency chain lacks (escalation noteDetails[].code). */
export const escalationNoteCodes = [
  'no_primary',
  'no_secondary',
  'outside_duty_hours',
  'no_duty',
  'no_backup',
  'no_acute_backup',
  'no_phone',
  'home_death_wish',
] as const;
export type EscalationNoteCode = (typeof escalationNoteCodes)[number];

/** Why a case of a batch-assignment proposal has no organisation (unassigned[].reasonCode). */
export const unassignedReasonCodes = [
  'no_eligible',
  'no_capacity',
  'capacity_exhausted',
  'case_not_found',
  'not_coordinator',
  'not_coordinating',
  'role_not_needed',
  'role_filled',
  'not_located',
  'no_referral_consent',
  'removed_by_center',
] as const;
export type UnassignedReasonCode = (typeof unassignedReasonCodes)[number];

/**
 * Subjects the server writes itself (consultations[].subjectCode, values in subjectParams): a case's consultation
 * is 「退院調整の相談（<病院名>）」; a general consultation keeps the subject its author typed (no code).
 */
export const consultationSubjectCodes = ['case_discharge'] as const;
export type ConsultationSubjectCode = (typeof consultationSubjectCodes)[number];

/** Why a clinic got no pair partner in the suggestions (unpaired[].reason, values in unpaired[].params). */
export const unpairedPairReasonCodes = [
  'no_other_clinic',
  'none_within_distance',
  'no_shared_group',
  'partners_at_limit',
  'limit_zero',
] as const;
export type UnpairedPairReasonCode = (typeof unpairedPairReasonCodes)[number];

/** The rule the pair suggestions follow (ruleCode beside the Japanese rule). */
export const pairRuleCodes = ['wants_partner'] as const;
export type PairRuleCode = (typeof pairRuleCodes)[number];

/** Names of areas the server composes (areaNameCode, values in areaNameParams): 「岡山市全体」 is the whole city. */
export const areaNameCodes = ['city_whole'] as const;
export type AreaNameCode = (typeof areaNameCodes)[number];
