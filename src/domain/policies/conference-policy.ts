/**
 * Who may see and manage a discharge conference. Its participants read it and download its
 * calendar file even when their access to the case itself is only the minimum necessary; the
 * case's thread (team, hospital, Center, welfare links) reads it too; coordinators manage it.
 */
import type { PolicyActor } from './actor.js';
import { canCoordinateCase, canUseCaseThread, type CaseAccessFacts } from './case-policy.js';

export function isConferenceParticipant(actor: PolicyActor, participantOrganizationIds: readonly string[]): boolean {
  return actor.organizationId !== null && participantOrganizationIds.includes(actor.organizationId);
}

/** `facts` is null when the case itself is out of the caller's sight. */
export function canReadConference(
  actor: PolicyActor,
  facts: CaseAccessFacts | null,
  participantOrganizationIds: readonly string[],
): boolean {
  if (isConferenceParticipant(actor, participantOrganizationIds)) return true;
  return facts !== null && canUseCaseThread(actor, facts);
}

/** Scheduling, changing, cancelling and writing the minutes: those who coordinate the case. */
export function canManageConference(actor: PolicyActor, facts: CaseAccessFacts | null): boolean {
  return facts !== null && canCoordinateCase(actor, facts);
}

/** The Center takes part in a case once it was brought to it with consent (as in `caseAccessLevel`). */
export function isCenterInvolved(facts: { route: string | null; consentScopes: readonly string[] }): boolean {
  return facts.route === 'center' && facts.consentScopes.includes('center');
}
