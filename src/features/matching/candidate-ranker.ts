/**
 * The ranking behind GET /cases/:id/candidates (teams feature): adds what the directory index
 * does not hold — each organisation's current load and declared capacity, pair partners of the
 * team (continuity), the travel burden of the patient's area — and scores with the configured
 * weights (domain/matching/candidate-ranking.ts).
 */
import type { Tx } from '../../db/client.js';
import type { PatientGroup, Procedure, TeamRole } from '../../domain/codes.js';
import { rankCandidates, type Candidate, type RankedCandidate } from '../../domain/matching/candidate-ranking.js';
import { travelBurdenAt, type MatchingSettings } from '../../domain/matching/matching-settings.js';
import * as repository from './matching.repository.js';

export type CandidateRankingInput = {
  role: TeamRole;
  patient: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] };
  filters: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] };
  home: { lat: number; lng: number; areaCode: string | null };
  /** The case's active team (organisation id and name). */
  members: readonly { organizationId: string; organizationName: string }[];
  /** Candidates from the directory (eligibility already checked). */
  candidates: readonly Candidate[];
};

export type CandidateRanker = (tx: Tx, input: CandidateRankingInput) => Promise<RankedCandidate[]>;

export function createCandidateRanker(settings: MatchingSettings): CandidateRanker {
  return async (tx, input) => {
    const ids = input.candidates.map((candidate) => candidate.id);
    const [loads, capacities, partners] = [
      await repository.loadsOf(tx, ids),
      await repository.capacitiesOf(tx, ids),
      await repository.pairPartnersOf(
        tx,
        input.members.map((member) => member.organizationId),
      ),
    ];
    const memberName = new Map(input.members.map((member) => [member.organizationId, member.organizationName]));
    const pairedWith = new Map<string, string>();
    for (const { organizationId, partnerId } of partners) {
      const name = memberName.get(organizationId);
      if (name && !pairedWith.has(partnerId)) pairedWith.set(partnerId, name);
    }
    return rankCandidates(
      input.candidates.map((candidate) => ({
        ...candidate,
        currentLoad: loads.get(candidate.id) ?? 0,
        declaredCapacity: capacities.get(candidate.id)?.declaredCapacity ?? null,
        pairedWithName: pairedWith.get(candidate.id) ?? null,
      })),
      input.patient,
      input.filters,
      settings.ranking,
      { role: input.role, travel: travelBurdenAt(settings.travel, input.home) },
    );
  };
}
