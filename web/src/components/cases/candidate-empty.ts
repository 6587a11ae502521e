/**
 * What an empty candidate list says (cases.json `candidates.*`): that the directory holds no organisation of a kind
 * that can fill the role at all — looking again will not help — or that some are registered but none fits this
 * patient. The Center is not told to ask the Center: neither the Center's own coordinator (whatever the case's
 * route), nor anyone once the case is with the Center.
 */
import type { CandidateEmptyReason, NearMiss } from '../../api/case-types';
import type { CaseRoute } from '../../api/case-codes';
import type { Role } from '../../codes';

/** Whether the advice to consult the Center is out of place: the viewer is the Center, or the case is with it. */
export function isWithCenter(viewerRole: Role, route: CaseRoute | null): boolean {
  return viewerRole === 'center_coordinator' || route === 'center';
}

export function emptyCandidatesMessageKey(emptyReason: CandidateEmptyReason | null, isWithCenter: boolean): string {
  if (emptyReason === 'no_organization_of_kind')
    return isWithCenter ? 'candidates.noOrganizationOfKindOnCenterRoute' : 'candidates.noOrganizationOfKind';
  return isWithCenter ? 'candidates.noneOnCenterRoute' : 'candidates.none';
}

/** The near misses a list shows (an older server sends none: the field is absent). */
export function nearMissesOf(list: { nearMisses?: NearMiss[] | undefined } | undefined): NearMiss[] {
  return list?.nearMisses ?? [];
}
