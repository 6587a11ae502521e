/**
 * Loading a case for a caller: the case, the caller's relation to it and the access level the
 * policy grants. A case the caller may not see is "not found" — its existence is not revealed.
 * Other features (referrals, teams, conferences, messages) go through here too.
 */
import type { DbExecutor } from '../../db/client.js';
import type { ActorContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import { errors } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { caseAccessLevel, type CaseAccessFacts, type CaseAccessLevel } from '../../domain/policies/case-policy.js';
import type { ConsentScope } from '../../domain/cases/case-codes.js';
import type { CaseEventKind } from '../../domain/server-text.js';
import * as repository from './case.repository.js';

export type LoadedCase = { row: repository.CaseRow; facts: CaseAccessFacts; level: CaseAccessLevel };

export function consentScopesOf(row: Pick<repository.CaseRow, 'consent'>): ConsentScope[] {
  const scope = (row.consent as { scope?: unknown }).scope;
  return Array.isArray(scope) ? (scope.filter((entry) => typeof entry === 'string') as ConsentScope[]) : [];
}

/**
 * The statuses of a case that has ended: closed (outcome recorded, e.g. the patient died) or
 * cancelled. A discharged case has not: its team and its welfare windows still work with the
 * family at home (welfare links may still be requested and acknowledged then).
 */
export const endedCaseStatuses: readonly string[] = ['closed', 'cancelled'];

export function isEndedCase(row: Pick<repository.CaseRow, 'status'>): boolean {
  return endedCaseStatuses.includes(row.status);
}

/**
 * The caller's welfare link as the policy sees it. A link still only requested when the case
 * ended was never taken up: like a referral withdrawn at the end of the case it shows nothing
 * (and it can no longer be acknowledged) — whether or not the end of the case closed it yet.
 */
function welfareLinkOf(row: repository.CaseRow, relation: repository.OrganizationRelation) {
  return relation.welfareLink === 'requested' && isEndedCase(row) ? 'none' : relation.welfareLink;
}

export function factsOf(row: repository.CaseRow, relation: repository.OrganizationRelation): CaseAccessFacts {
  return {
    hospitalOrganizationId: row.hospitalOrganizationId,
    pastHospitalOrganizationIds: relation.pastHospitalOrganizationIds,
    route: row.route === 'direct' || row.route === 'center' ? row.route : null,
    consentScopes: consentScopesOf(row),
    hasOpenReferral: relation.hasOpenReferral,
    isTeamMember: relation.isTeamMember,
    welfareLink: welfareLinkOf(row, relation),
  };
}

export async function loadCase(
  executor: DbExecutor,
  context: ActorContext,
  caseId: string,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedCase> {
  const found = await repository.findCaseWithRelation(executor, caseId, context.actor.organizationId, options);
  if (!found) throw errors.notFound('指定されたケースが見つかりません。');
  const { row, relation } = found;
  const facts = factsOf(row, relation);
  const level = caseAccessLevel(context.actor, facts);
  if (level === 'none') throw errors.notFound('指定されたケースが見つかりません。');
  return { row, facts, level };
}

/** Audits a read of patient data (every read of a case is recorded). */
export async function auditCaseRead(
  executor: DbExecutor,
  clock: Clock,
  context: ActorContext,
  loaded: LoadedCase,
  what: string,
): Promise<void> {
  await writeAudit(executor, clock, context, {
    action: 'read',
    entity: 'case',
    entityId: loaded.row.id,
    ownerOrganizationId: loaded.row.hospitalOrganizationId,
    details: { what, level: loaded.level },
  });
}

/** One entry of the case's timeline, in the caller's transaction. */
export async function recordCaseEvent(
  executor: DbExecutor,
  clock: Clock,
  context: ActorContext | { actor: null },
  caseId: string,
  /** `summary` in Japanese; `details` holds its values (domain/server-text.ts) for other languages. */
  event: { kind: CaseEventKind; summary: string; details?: Record<string, unknown> },
): Promise<void> {
  await repository.insertEvent(executor, {
    caseId,
    at: clock.now(),
    actorUserId: context.actor?.userId ?? null,
    actorOrganizationId: context.actor?.organizationId ?? null,
    kind: event.kind,
    summary: event.summary,
    details: event.details ?? null,
  });
}
