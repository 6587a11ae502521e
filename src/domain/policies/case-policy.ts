/**
 * Who may see and do what with a discharge case. A case is visible to its hospital(s), the
 * Center (when the case was brought to it and consent allows), organisations with a live
 * referral or a team role, and welfare windows linked to it — within consent; to nobody else,
 * not even its existence (404).
 */
import type { ConsentScope } from '../cases/case-codes.js';
import type { TeamRole } from '../codes.js';
import type { PolicyActor } from './actor.js';

export type CaseAccessFacts = {
  hospitalOrganizationId: string;
  pastHospitalOrganizationIds: readonly string[];
  route: 'direct' | 'center' | null;
  consentScopes: readonly ConsentScope[];
  /** The actor's organisation's relation to the case. */
  hasOpenReferral: boolean;
  isTeamMember: boolean;
  /** The actor's organisation's open (not closed) welfare link to the case, if any. */
  welfareLink: 'none' | 'requested' | 'acknowledged';
};

/** none: 404 · summary: minimum necessary, no identity · full: the record. */
export type CaseAccessLevel = 'none' | 'summary' | 'full';

export function caseAccessLevel(actor: PolicyActor, facts: CaseAccessFacts): CaseAccessLevel {
  if (actor.organizationId === null) return 'none';
  if (actor.role === 'hospital_liaison') {
    if (actor.organizationId === facts.hospitalOrganizationId) return 'full';
    if (facts.pastHospitalOrganizationIds.includes(actor.organizationId)) return 'full';
  }
  if (actor.role === 'center_coordinator') {
    return facts.route === 'center' && facts.consentScopes.includes('center') ? 'full' : 'none';
  }
  if (actor.role === 'provider' || actor.role === 'hospital_liaison') {
    if (facts.isTeamMember) return facts.consentScopes.includes('team_record') ? 'full' : 'summary';
    const referral = facts.hasOpenReferral && facts.consentScopes.includes('referral_summary') ? 'summary' : 'none';
    return widest(welfareLinkAccessLevel(facts), referral);
  }
  return 'none';
}

const levelOrder: readonly CaseAccessLevel[] = ['none', 'summary', 'full'];
function widest(a: CaseAccessLevel, b: CaseAccessLevel): CaseAccessLevel {
  return levelOrder.indexOf(a) >= levelOrder.indexOf(b) ? a : b;
}

/**
 * A linked welfare window (福祉事務所・保健所・社会福祉協議会・地域包括支援センター): the minimum
 * necessary (what a referral candidate sees) while the link is only requested; the record once it
 * acknowledged the link — both only with the patient's consent to share with welfare windows
 * (`welfare_record`, required to request a link). A link without that consent (recorded before
 * the scope existed, or withdrawn since) shows what a candidate would see under `referral_summary`.
 */
function welfareLinkAccessLevel(facts: CaseAccessFacts): CaseAccessLevel {
  if (facts.welfareLink === 'none') return 'none';
  if (facts.consentScopes.includes('welfare_record')) return facts.welfareLink === 'acknowledged' ? 'full' : 'summary';
  return facts.consentScopes.includes('referral_summary') ? 'summary' : 'none';
}

/** A welfare window that acknowledged its link and may see the record (it then joins the thread). */
export function isAcknowledgedWelfareWindow(facts: CaseAccessFacts): boolean {
  return welfareLinkAccessLevel(facts) === 'full';
}

/** The current hospital: edits the record, chooses the route, transfers, discharges, records the outcome. */
export function isCaseHospital(actor: PolicyActor, facts: Pick<CaseAccessFacts, 'hospitalOrganizationId'>): boolean {
  return actor.role === 'hospital_liaison' && actor.organizationId === facts.hospitalOrganizationId;
}

/** Who coordinates the team: the current hospital, and the Center once the case was brought to it. */
export function canCoordinateCase(actor: PolicyActor, facts: CaseAccessFacts): boolean {
  if (isCaseHospital(actor, facts)) return true;
  return actor.role === 'center_coordinator' && caseAccessLevel(actor, facts) === 'full';
}

/**
 * The team roles that follow the patient at home and so learn first how they are 30 days on (at home, in a
 * facility, readmitted, died): they may record the outcome besides the coordinators. Not the pharmacy, the dental
 * practice or a welfare window, who see the patient less often and would guess.
 */
export const outcomeRecordingTeamRoles: readonly TeamRole[] = [
  'primary_doctor',
  'secondary_doctor',
  'home_visit_specialist',
  'visiting_nurse',
  'care_manager',
];

/**
 * Who records the outcome after discharge: the coordinators (the hospital, the Center that took the case on), and a
 * team member in one of `outcomeRecordingTeamRoles` that sees the record (consent to share it with the team).
 * `actorTeamRoles`: the roles the actor's organisation holds in the team now.
 */
export function canRecordCaseOutcome(
  actor: PolicyActor,
  facts: CaseAccessFacts,
  actorTeamRoles: readonly string[],
): boolean {
  if (canCoordinateCase(actor, facts)) return true;
  if (actor.role !== 'provider' || !facts.isTeamMember || caseAccessLevel(actor, facts) !== 'full') return false;
  return actorTeamRoles.some((role) => (outcomeRecordingTeamRoles as readonly string[]).includes(role));
}

/** The message thread: the team, the hospital(s) and the Center — not mere candidates. */
export function canUseCaseThread(actor: PolicyActor, facts: CaseAccessFacts): boolean {
  if (isCaseHospital(actor, facts)) return true;
  if (
    actor.role === 'hospital_liaison' &&
    actor.organizationId !== null &&
    facts.pastHospitalOrganizationIds.includes(actor.organizationId)
  )
    return true;
  if (actor.role === 'center_coordinator') return caseAccessLevel(actor, facts) === 'full';
  return facts.isTeamMember || isAcknowledgedWelfareWindow(facts);
}
