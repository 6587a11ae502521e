/**
 * What an empty candidate list says (cases.json `candidates.*`): that the directory holds no organisation of a kind
 * that can fill the role at all — looking again will not help — or that some are registered but none fits this
 * patient. The Center is not told to ask the Center.
 */
import type { CandidateEmptyReason } from '../../api/case-types';

export function emptyCandidatesMessageKey(emptyReason: CandidateEmptyReason | null, isWithCenter: boolean): string {
  if (emptyReason === 'no_organization_of_kind')
    return isWithCenter ? 'candidates.noOrganizationOfKindOnCenterRoute' : 'candidates.noOrganizationOfKind';
  return isWithCenter ? 'candidates.noneOnCenterRoute' : 'candidates.none';
}
