/**
 * The ranking behind GET /cases/:id/candidates (teams feature): adds what the directory index
 * does not hold — each organisation's current load and declared capacity, pair partners of the
 * team (continuity), the travel burden of the patient's area — and scores with the configured
 * weights (domain/matching/candidate-ranking.ts). For the secondary doctor, the standing pair
 * partner of the team's primary doctor is the default and is listed first.
 */
import type { DbExecutor } from '../../db/client.js';
import type { PatientGroup, Procedure, TeamRole } from '../../domain/codes.js';
import { rankCandidates, type Candidate, type RankedCandidate } from '../../domain/matching/candidate-ranking.js';
import { travelBurdenAt, type MatchingSettings } from '../../domain/matching/matching-settings.js';
import { roleRequirements } from '../../domain/cases/team-roles.js';
import * as repository from './matching.repository.js';
import type { CandidateEmptyReason } from './matching.schema.js';

export type CandidateRankingInput = {
  role: TeamRole;
  patient: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] };
  filters: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] };
  home: { lat: number; lng: number; areaCode: string | null };
  /** The case's active team (organisation id and name; the role when known). */
  members: readonly { organizationId: string; organizationName: string; role?: string }[];
  /** Candidates from the directory (eligibility already checked). */
  candidates: readonly Candidate[];
  /** How many of the order to keep (only theirs get reasons in words). */
  limit?: number;
};

export type CandidateRanker = (tx: DbExecutor, input: CandidateRankingInput) => Promise<RankedCandidate[]>;

export function createCandidateRanker(settings: MatchingSettings): CandidateRanker {
  return async (tx, input) => {
    const ids = input.candidates.map((candidate) => candidate.id);
    // One round trip: loads, declared capacities and the team's pairs together.
    const { facts, partners } = await repository.rankingFactsOf(
      tx,
      ids,
      input.members.map((member) => member.organizationId),
    );
    const memberName = new Map(input.members.map((member) => [member.organizationId, member.organizationName]));
    const pairedWith = new Map<string, string>();
    for (const { organizationId, partnerId } of partners) {
      const name = memberName.get(organizationId);
      if (name && !pairedWith.has(partnerId)) pairedWith.set(partnerId, name);
    }
    // The secondary doctor defaults to the standing pair partner of the primary doctor.
    const primary = input.members.find((member) => member.role === 'primary_doctor');
    const defaultPartners = new Set(
      input.role === 'secondary_doctor' && primary
        ? partners.filter((pair) => pair.organizationId === primary.organizationId).map((pair) => pair.partnerId)
        : [],
    );
    return rankCandidates(
      input.candidates.map((candidate) => {
        const isPairDefault = defaultPartners.has(candidate.id) && !candidate.isInTeam;
        return {
          ...candidate,
          currentLoad: facts.get(candidate.id)?.load ?? 0,
          declaredCapacity: facts.get(candidate.id)?.declaredCapacity ?? null,
          pairedWithName: isPairDefault ? (primary?.organizationName ?? null) : (pairedWith.get(candidate.id) ?? null),
          isPairDefault,
        };
      }),
      input.patient,
      input.filters,
      settings.ranking,
      {
        role: input.role,
        travel: travelBurdenAt(settings.travel, input.home),
        ...(input.limit === undefined ? {} : { limit: input.limit }),
      },
    );
  };
}

/**
 * Why a role has no candidate for a patient: no organisation of a kind that can fill it is registered
 * at all (e.g. 訪問歯科 when the directory holds no dental clinic), or some are but none fits.
 */
export async function emptyCandidatesReason(tx: DbExecutor, role: TeamRole): Promise<CandidateEmptyReason> {
  const requirement = roleRequirements[role];
  const anyOfKind = await repository.anyOrganizationOfKind(tx, requirement.kinds, requirement.alwaysProcedures ?? []);
  return anyOfKind ? 'no_candidate_fits' : 'no_organization_of_kind';
}
