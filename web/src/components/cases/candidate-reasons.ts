/**
 * How the candidate list (候補を探す) says what the server's ranking did (src/domain/matching/candidate-ranking.ts):
 * the colour of each reason chip, the distance in one format, and the part of the order each candidate is in — the
 * server lists the pair partner of the primary doctor first, then the others with fresh availability by score, then
 * those whose availability is old or never declared (要確認) whatever their score, then those beyond the usual
 * home-visit distance, and last those that declined this role before. The list says where each part begins.
 */
import type { Candidate } from '../../api/case-types';

/**
 * The colour of a reason chip: what speaks against this candidate (要確認, 24時間対応なし, 上限到達) stands out. The
 * travel burden is not one of them: it is the patient's area, the same for every candidate.
 */
export function reasonTone(code: string): 'ok' | 'warning' | 'neutral' {
  const [base = ''] = code.split(':');
  if (['availability_stale', 'availability_unknown', 'over_capacity', 'no_24h', 'beyond_usual_reach'].includes(base))
    return 'warning';
  if (['availability', 'available_24h', 'free_slots', 'continuity', 'continuity_pair'].includes(base)) return 'ok';
  return 'neutral';
}

/**
 * A distance in one format: one decimal under 10 km (「8.2」), whole kilometres from 10 km (「12」) — a value that
 * rounds to 10.0 is said 「10」, never 「10.0」. Under 0.1 km is said 「0.1」 (the directory search does the same).
 */
export function formatCandidateKm(km: number): string {
  const tenths = Math.round(Math.max(km, 0.1) * 10) / 10;
  return tenths < 10 ? tenths.toFixed(1) : String(Math.round(km));
}

/** The part of the server's order a candidate is in. */
export type CandidatePlace = 'pair_default' | 'fresh' | 'needs_checking' | 'beyond_reach' | 'declined_before';

const hasReason = (candidate: Candidate, code: string) =>
  candidate.reasons.some((reason) => reason.code.split(':')[0] === code);

/** Whether its availability is old (older than the configured days) or was never declared: 受入状況 要確認. */
export function needsAvailabilityCheck(candidate: Candidate): boolean {
  return candidate.availability === null || candidate.availability.isStale;
}

export function candidatePlace(candidate: Candidate): CandidatePlace {
  const before = candidate.reasons.find((reason) => reason.code === 'answered_before');
  if (before && before.params?.variant !== 'expired') return 'declined_before';
  if (hasReason(candidate, 'pair_default')) return 'pair_default';
  if (hasReason(candidate, 'beyond_usual_reach')) return 'beyond_reach';
  return needsAvailabilityCheck(candidate) ? 'needs_checking' : 'fresh';
}

/**
 * For each candidate of the list in its order, the part of the order that begins with it (a note above it), or null:
 * said for the parts that are placed below candidates with a higher score (要確認, beyond reach, declined before),
 * and only where one of another part comes before it.
 */
export function placeStarts(candidates: readonly Candidate[]): (CandidatePlace | null)[] {
  return candidates.map((candidate, index) => {
    const place = candidatePlace(candidate);
    const previous = index > 0 ? candidates[index - 1] : undefined;
    if (!previous || place === 'fresh' || place === 'pair_default') return null;
    return candidatePlace(previous) === place ? null : place;
  });
}

/** The travel burden factor of the patient's area (the same for every candidate), when there is one (> 1). */
export function travelBurdenFactor(candidates: readonly Candidate[]): number | null {
  for (const candidate of candidates) {
    const reason = candidate.reasons.find((item) => item.code === 'travel_burden');
    const factor = reason?.params?.factor;
    if (typeof factor === 'number' && factor > 1) return factor;
  }
  return null;
}
