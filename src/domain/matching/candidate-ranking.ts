/**
 * Ranking candidates for a team role, with the reasons in words. Only organisations that can
 * serve the patient reach this point (the directory index filtered them); the score orders them:
 * nearer, declared accepting and recently confirmed, with free capacity, 24-hour where the patient
 * needs it, and already caring for this patient rank first. Same inputs → same order.
 */
import type { AvailabilityStatus, PatientGroup, Procedure } from '../codes.js';
import { availabilityStatusLabels, patientGroupLabels, procedureLabels } from '../labels.js';

export type Candidate = {
  id: string;
  distanceKm: number;
  status: AvailabilityStatus | null;
  freeSlots: number | null;
  availabilityAgeDays: number | null;
  isStale: boolean;
  isAvailable24h: boolean;
  groups: readonly PatientGroup[];
  procedures: readonly Procedure[];
  /** Already in this patient's team in another role. */
  isInTeam: boolean;
  /** Active home patients (team roles held) and the capacity the organisation declared, when known. */
  currentLoad?: number;
  declaredCapacity?: number | null;
};

export type RankingWeights = {
  distance: number;
  availability: number;
  freshness: number;
  capacity: number;
  availability24h: number;
  continuity: number;
  /** Distance at which the distance score halves (km). */
  distanceHalfKm: number;
};

export const defaultRankingWeights: RankingWeights = {
  distance: 0.35,
  availability: 0.2,
  freshness: 0.15,
  capacity: 0.1,
  availability24h: 0.1,
  continuity: 0.1,
  distanceHalfKm: 4,
};

export type Reason = { code: string; message: string };
export type RankedCandidate = Candidate & { score: number; reasons: Reason[] };

/** Procedures and groups that make round-the-clock support matter. */
const needs24hProcedures: readonly Procedure[] = [
  'ventilator',
  'tracheostomy',
  'central_venous_nutrition',
  'opioid_pain_control',
  'suction',
];
const needs24hGroups: readonly PatientGroup[] = ['terminal_care', 'pediatric_medical_care'];

export function patientNeeds24h(patient: {
  groups: readonly PatientGroup[];
  procedures: readonly Procedure[];
}): boolean {
  return (
    patient.procedures.some((procedure) => needs24hProcedures.includes(procedure)) ||
    patient.groups.some((group) => needs24hGroups.includes(group))
  );
}

function formatKm(km: number): string {
  return km < 10 ? km.toFixed(1) : String(Math.round(km));
}

export function rankCandidates(
  candidates: readonly Candidate[],
  patient: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] },
  required: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] },
  weights: RankingWeights = defaultRankingWeights,
): RankedCandidate[] {
  const needs24h = patientNeeds24h(patient);
  const ranked = candidates.map((candidate) => {
    const reasons: Reason[] = [{ code: 'distance', message: `距離 ${formatKm(candidate.distanceKm)} km` }];
    for (const procedure of required.procedures)
      reasons.push({ code: `procedure:${procedure}`, message: `${procedureLabels[procedure]}対応` });
    for (const group of required.groups) {
      if (group !== 'elderly') reasons.push({ code: `group:${group}`, message: `${patientGroupLabels[group]}に対応` });
    }
    const distanceScore = Math.pow(0.5, candidate.distanceKm / weights.distanceHalfKm);
    const availabilityScore =
      candidate.status === 'accepting' ? 1 : candidate.status === 'limited' ? 0.6 : candidate.status === null ? 0.3 : 0;
    const freshnessScore = candidate.status === null ? 0 : candidate.isStale ? 0.3 : 1;
    if (candidate.status === null) {
      reasons.push({ code: 'availability_unknown', message: '受入状況は未登録（要確認）' });
    } else {
      const age =
        candidate.availabilityAgeDays === null
          ? ''
          : candidate.availabilityAgeDays === 0
            ? '今日更新'
            : `${candidate.availabilityAgeDays}日前更新`;
      reasons.push({
        code: candidate.isStale ? 'availability_stale' : 'availability',
        message: `${availabilityStatusLabels[candidate.status]}（${age}${candidate.isStale ? '・要確認' : ''}）`,
      });
    }
    let capacityScore =
      candidate.freeSlots === null ? 0.5 : candidate.freeSlots > 0 ? Math.min(1, 0.6 + candidate.freeSlots / 10) : 0.2;
    if (candidate.freeSlots !== null && candidate.freeSlots > 0)
      reasons.push({ code: 'free_slots', message: `空き ${candidate.freeSlots} 名` });
    if (candidate.currentLoad !== undefined && candidate.declaredCapacity) {
      const utilisation = candidate.currentLoad / candidate.declaredCapacity;
      capacityScore = Math.min(capacityScore, Math.max(0, 1 - utilisation));
      if (utilisation >= 1)
        reasons.push({
          code: 'over_capacity',
          message: `受け持ち ${candidate.currentLoad} 名（申告上限 ${candidate.declaredCapacity} 名に到達）`,
        });
    }
    const score24h = candidate.isAvailable24h ? 1 : needs24h ? 0 : 0.5;
    if (candidate.isAvailable24h) reasons.push({ code: 'available_24h', message: '24時間対応' });
    const continuityScore = candidate.isInTeam ? 1 : 0;
    if (candidate.isInTeam) reasons.push({ code: 'continuity', message: 'この患者のチームに参加中' });
    const score =
      weights.distance * distanceScore +
      weights.availability * availabilityScore +
      weights.freshness * freshnessScore +
      weights.capacity * capacityScore +
      weights.availability24h * (needs24h ? score24h : 0.5) +
      weights.continuity * continuityScore;
    return { ...candidate, score: Math.round(score * 1000) / 1000, reasons };
  });
  return ranked.sort(
    (a, b) => b.score - a.score || a.distanceKm - b.distanceKm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
