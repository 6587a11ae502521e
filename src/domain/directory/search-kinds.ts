/**
 * What the resource search's `kind` filter finds, and which kinds have an acceptance status at all. Pure TypeScript
 * with no Node imports: the web bundles it (the kind select, the result cards, the organisation page).
 *
 * `kind` keeps its codes (DESIGN.md §3) and means "organisations that provide this": an organisation is found under
 * its own kind and, when it provides visiting rehabilitation as the matching understands it (team-roles.ts
 * `visiting_rehab`: a visiting nursing station, clinic, hospital or 介護サービス事業所 that holds `rehabilitation` —
 * the data loader records it for every office registered for official kaigo service 140), under `visiting_rehab` too.
 */
import type { OrganizationKind, Procedure } from '../codes.js';
import { roleRequirements } from '../cases/team-roles.js';

/**
 * Kinds that admit no patients: the consultation windows (地域包括支援センター, 福祉事務所, 保健所, 社会福祉協議会,
 * 地域ケア総合推進センター) and the public bodies (医師会, 市). An acceptance status (受入可・空き n人) means nothing
 * for them: whatever one of them once declared is not shown, is no filter (「受入可のみ」 keeps them) and does not
 * rank them (never 要確認).
 */
export const nonAdmittingKinds = [
  'community_support_center',
  'welfare_office',
  'public_health_center',
  'social_welfare_council',
  'coordination_center',
  'medical_association',
  'city',
] as const satisfies readonly OrganizationKind[];

/** Whether organisations of this kind take patients, so that their acceptance status (受入状況) means something. */
export function admitsPatients(kind: string): boolean {
  return !(nonAdmittingKinds as readonly string[]).includes(kind);
}

const visitingRehab = roleRequirements.visiting_rehab;

/** Whether an organisation provides visiting rehabilitation, as the matching's `visiting_rehab` role asks. */
export function providesVisitingRehab(kind: OrganizationKind, procedures: readonly Procedure[]): boolean {
  if (kind === 'visiting_rehab') return true;
  return (
    visitingRehab.kinds.includes(kind) &&
    (visitingRehab.alwaysProcedures ?? []).every((procedure) => procedures.includes(procedure))
  );
}

/** The kinds an organisation is found under by the search's `kind` filter: its own, and `visiting_rehab` when it provides it. */
export function searchKindsOf(kind: OrganizationKind, procedures: readonly Procedure[]): OrganizationKind[] {
  return kind !== 'visiting_rehab' && providesVisitingRehab(kind, procedures) ? [kind, 'visiting_rehab'] : [kind];
}
