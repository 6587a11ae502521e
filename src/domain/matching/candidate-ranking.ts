/**
 * Ranking candidates for a team role, with the reasons in words. Only organisations that can
 * serve the patient reach this point (the directory index filtered them); the score orders them.
 * Seven factors, each scored 0…1 and combined as a weighted mean (weights: matching-settings.ts):
 * capability (specialist fit for 医療的ケア児・看取り・難病), distance weighted by the travel burden
 * of the patient's area (for the roles that visit the home, the care manager included), declared availability, its freshness, current load against the declared
 * capacity, 24-hour support where the patient needs it (for the roles that visit for medical care
 * only: team-roles.ts needs24hSupport), and continuity (already in the patient's team, or the
 * primary/secondary pair partner of a team member). Same inputs → same order.
 * For the secondary doctor, the standing pair partner of the patient's primary doctor is the
 * default and comes first (its reasons say so); the others follow by score.
 */
import type { AvailabilityStatus, PatientGroup, Procedure, TeamRole } from '../codes.js';
import { availabilityStatusLabels, patientGroupLabels, procedureLabels } from '../labels.js';
import { roleRequirements } from '../cases/team-roles.js';
import { defaultMatchingSettings, type MatchingSettings, type TravelBurden } from './matching-settings.js';
import type { CandidateReasonCode, TextParams } from '../server-text.js';
import { undeclaredCoverageKm } from './eligibility.js';
import { declineReasonLabels, type DeclineReasonCode } from '../cases/case-codes.js';

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
  /** Name of the team member this organisation is paired with (主治医・副主治医), if any. */
  pairedWithName?: string | null;
  /**
   * The standing pair partner of the patient's primary doctor, when the role is the secondary
   * doctor: the default choice (issue 7: "a case's secondary doctor defaults from the pair of its
   * primary"), listed first whatever its score.
   */
  isPairDefault?: boolean;
  /**
   * Declared no coverage and lies beyond the usual home-visit distance (eligibility.ts
   * undeclaredCoverageKm): listed last, saying why, for the coordinator to check by phone.
   */
  isBeyondUsualReach?: boolean;
  /**
   * Its latest referral for this role of this case was declined or ran out, and none is open: said
   * first among its reasons; one that declined is listed after every other candidate, so that a
   * re-referral starts elsewhere.
   */
  answeredBefore?: {
    status: 'declined' | 'expired';
    reasonCode: DeclineReasonCode | null;
    reason: string | null;
  } | null;
};

export type RankingSettings = MatchingSettings['ranking'];
export type RankingWeights = RankingSettings['weights'];
export const defaultRankingSettings: RankingSettings = defaultMatchingSettings.ranking;
/** @deprecated kept for callers of the first version; use defaultRankingSettings. */
export const defaultRankingWeights = defaultRankingSettings;

export type RankingContext = {
  /** The role being filled: specialist fit only matters for roles that take on the patient's procedures. */
  role?: TeamRole;
  /** Travel burden of the patient's home (matching-settings.ts travelBurdenAt). */
  travel?: TravelBurden;
  /** Keep only the first `limit` of the order (their reasons are the only ones written). */
  limit?: number;
};

/** A reason in Japanese words, with what a client needs to say it in another language (server-text.ts). */
export type Reason = {
  code: CandidateReasonCode | `${CandidateReasonCode}:${string}`;
  message: string;
  params?: TextParams;
};
export type FactorScores = Record<keyof RankingWeights, number>;
export type RankedCandidate = Candidate & { score: number; reasons: Reason[]; factors: FactorScores };

/** Procedures and groups that make round-the-clock support matter. */
const needs24hProcedures: readonly Procedure[] = [
  'ventilator',
  'tracheostomy',
  'central_venous_nutrition',
  'opioid_pain_control',
  'suction',
];
const needs24hGroups: readonly PatientGroup[] = ['terminal_care', 'pediatric_medical_care'];

/**
 * Groups that need a specialist's range beyond today's procedures: the procedures such patients
 * commonly come to need, so a candidate holding more of them is less likely to hand over later.
 */
export const specialistProcedures: Partial<Record<PatientGroup, readonly Procedure[]>> = {
  pediatric_medical_care: ['ventilator', 'tracheostomy', 'suction', 'tube_feeding', 'home_oxygen'],
  terminal_care: [
    'opioid_pain_control',
    'central_venous_nutrition',
    'home_oxygen',
    'urinary_catheter',
    'pressure_ulcer',
  ],
  intractable_disease: ['ventilator', 'tracheostomy', 'suction', 'tube_feeding', 'rehabilitation'],
};

/**
 * Whether 24-hour support counts for `role` (team-roles.ts needs24hSupport: the roles that visit for
 * medical care). Without a role (callers of the first version) it counts, as before.
 */
export function roleNeeds24hSupport(role: TeamRole | undefined): boolean {
  return role === undefined || roleRequirements[role].needs24hSupport;
}

/**
 * Whether the travel burden of the patient's area counts for `role` (team-roles.ts visitsHome: the roles whose staff
 * travel to the home, the care manager included). Without a role (callers of the first version) it counts, as before.
 */
export function roleVisitsHome(role: TeamRole | undefined): boolean {
  return role === undefined || roleRequirements[role].visitsHome;
}

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

function formatFactor(factor: number): string {
  return String(Math.round(factor * 100) / 100);
}

/** Specialist fit (0…1) and its reasons; 1 when the patient is in none of the specialist groups. */
function capabilityFit(
  candidate: Candidate,
  patient: { groups: readonly PatientGroup[] },
  role: TeamRole | undefined,
): { score: number; reasons: Reason[] } {
  if (role !== undefined && roleRequirements[role].procedures === 'none') return { score: 1, reasons: [] };
  const fits: number[] = [];
  const reasons: Reason[] = [];
  for (const group of patient.groups) {
    const related = specialistProcedures[group];
    if (!related) continue;
    const held = related.filter((procedure) => candidate.procedures.includes(procedure)).length;
    fits.push(held / related.length);
    // Says which procedures it counts: the ones such patients commonly come to need, some of which this patient
    // may not need yet (a child on a ventilator may later need oxygen) — not the patient's own list.
    reasons.push({
      code: `specialist:${group}`,
      message: `${patientGroupLabels[group]}に多い処置（${related.map((procedure) => procedureLabels[procedure]).join('・')}）のうち ${held}/${related.length} に対応`,
      params: { group, held, total: related.length, relatedProcedures: [...related] },
    });
  }
  if (fits.length === 0) return { score: 1, reasons };
  return { score: fits.reduce((sum, fit) => sum + fit, 0) / fits.length, reasons };
}

function loadScore(candidate: Candidate): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let score =
    candidate.freeSlots === null ? 0.5 : candidate.freeSlots > 0 ? Math.min(1, 0.6 + candidate.freeSlots / 10) : 0.2;
  if (candidate.freeSlots !== null && candidate.freeSlots > 0)
    reasons.push({
      code: 'free_slots',
      message: `空き ${candidate.freeSlots} 名`,
      params: { freeSlots: candidate.freeSlots },
    });
  const load = candidate.currentLoad;
  const capacity = candidate.declaredCapacity;
  if (load !== undefined && capacity) {
    const utilisation = load / capacity;
    score = Math.min(score, Math.max(0, 1 - utilisation));
    if (utilisation >= 1) {
      reasons.push({
        code: 'over_capacity',
        message: `受け持ち ${load} 名（申告上限 ${capacity} 名に到達）`,
        params: { load, capacity },
      });
    } else {
      reasons.push({
        code: 'load',
        message: `受け持ち ${load} 名／申告上限 ${capacity} 名`,
        params: { load, capacity },
      });
    }
  } else if (load !== undefined && load > 0) {
    reasons.push({
      code: 'load',
      message: `受け持ち ${load} 名（上限は未申告）`,
      params: { load, variant: 'uncapped' },
    });
  }
  return { score, reasons };
}

/**
 * Scores and orders the candidates. `required` is what the role needs of the patient's groups and
 * procedures (all candidates hold it): it is repeated in the reasons so the list explains itself.
 */
export function rankCandidates(
  candidates: readonly Candidate[],
  patient: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] },
  required: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] },
  settings: RankingSettings = defaultRankingSettings,
  context: RankingContext = {},
): RankedCandidate[] {
  const { weights } = settings;
  // 24-hour support is a criterion of the roles that visit for medical care only: for a care manager
  // or a welfare window it is neutral, and neither its presence nor its lack is a reason.
  const counts24h = roleNeeds24hSupport(context.role);
  const needs24h = counts24h && patientNeeds24h(patient);
  // The travel burden weighs the distance for every role whose staff travel to the home, with the same factor for
  // every candidate; for a backup hospital or a welfare window nobody travels there, so it is 1 and unnamed.
  const travel = (roleVisitsHome(context.role) ? context.travel : undefined) ?? { factor: 1, label: null };
  const weightSum = Object.values(weights).reduce((sum, value) => sum + value, 0) || 1;

  function scoreOf(candidate: Candidate): { score: number; factors: FactorScores } {
    const effectiveKm = candidate.distanceKm * travel.factor;
    const isPaired = !candidate.isInTeam && Boolean(candidate.pairedWithName);
    const factors: FactorScores = {
      capability: capabilityFit(candidate, patient, context.role).score,
      distance: Math.pow(0.5, effectiveKm / settings.distanceHalfKm),
      availability:
        candidate.status === 'accepting'
          ? 1
          : candidate.status === 'limited'
            ? 0.6
            : candidate.status === null
              ? 0.3
              : 0,
      freshness: candidate.status === null ? 0 : candidate.isStale ? 0.3 : 1,
      load: loadScore(candidate).score,
      availability24h: needs24h ? (candidate.isAvailable24h ? 1 : 0) : 0.5,
      continuity: candidate.isInTeam ? 1 : isPaired ? 0.8 : 0,
    };
    const weighted = (Object.keys(weights) as (keyof RankingWeights)[]).reduce(
      (sum, key) => sum + weights[key] * factors[key],
      0,
    );
    return { score: Math.round((weighted / weightSum) * 1000) / 1000, factors };
  }

  /** The reasons in words, written only for the candidates kept. */
  function reasonsOf(candidate: Candidate): Reason[] {
    const km = formatKm(candidate.distanceKm);
    const reasons: Reason[] = [{ code: 'distance', message: `距離 ${km} km`, params: { km: Number(km) } }];
    if (travel.factor > 1) {
      reasons.push({
        code: 'travel_burden',
        message: `移動負担 ×${formatFactor(travel.factor)}${travel.label ? `（${travel.label}）` : ''}`,
        params: { factor: Number(formatFactor(travel.factor)) },
      });
    }
    for (const procedure of required.procedures)
      reasons.push({
        code: `procedure:${procedure}`,
        message: `${procedureLabels[procedure]}対応`,
        params: { procedure },
      });
    for (const group of required.groups) {
      if (group !== 'elderly')
        reasons.push({ code: `group:${group}`, message: `${patientGroupLabels[group]}に対応`, params: { group } });
    }
    reasons.push(...capabilityFit(candidate, patient, context.role).reasons);
    const before = candidate.answeredBefore;
    if (before) {
      const note = before.reason?.trim() ? before.reason.trim().slice(0, 100) : null;
      const because = before.reasonCode ? declineReasonLabels[before.reasonCode] : null;
      reasons.unshift({
        code: 'answered_before',
        message:
          before.status === 'expired'
            ? '前回のこの役割の紹介は回答期限切れ'
            : `前回のこの役割の紹介を辞退${because ? `（${because}${note ? `: ${note}` : ''}）` : ''}`,
        params: {
          variant: before.status === 'expired' ? 'expired' : note ? 'note' : because ? null : 'plain',
          declineReason: before.reasonCode,
          note,
        },
      });
    }
    if (candidate.isBeyondUsualReach)
      reasons.push({
        code: 'beyond_usual_reach',
        message: `訪問範囲が未登録で、通常の訪問距離（${undeclaredCoverageKm} km）を超えています（要確認）`,
        params: { km: undeclaredCoverageKm },
      });
    if (candidate.status === null) {
      reasons.push({ code: 'availability_unknown', message: '受入状況は未登録（要確認）', params: {} });
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
        params: {
          availabilityStatus: candidate.status,
          ageDays: candidate.availabilityAgeDays,
          variant:
            candidate.availabilityAgeDays === null ? null : candidate.availabilityAgeDays === 0 ? 'today' : 'days',
        },
      });
    }
    reasons.push(...loadScore(candidate).reasons);
    if (counts24h && candidate.isAvailable24h)
      reasons.push({ code: 'available_24h', message: '24時間対応', params: {} });
    else if (needs24h) reasons.push({ code: 'no_24h', message: '24時間対応なし（この患者には必要）', params: {} });
    if (candidate.isInTeam) reasons.push({ code: 'continuity', message: 'この患者のチームに参加中', params: {} });
    const isPaired = !candidate.isInTeam && Boolean(candidate.pairedWithName);
    if (isPaired && !candidate.isPairDefault)
      reasons.push({
        code: 'continuity_pair',
        message: `チームの${candidate.pairedWithName ?? ''}と主治医・副主治医のペア`,
        params: { name: candidate.pairedWithName ?? null },
      });
    if (candidate.isPairDefault)
      reasons.unshift({
        code: 'pair_default',
        message: `主治医（${candidate.pairedWithName ?? ''}）のペアの診療所: 副主治医の既定の候補`,
        params: { name: candidate.pairedWithName ?? null },
      });
    return reasons;
  }

  // Availability that needs checking (stale or never declared) ranks below fresh answers, whatever
  // the score (issue 4: 要確認 entries rank below fresh ones everywhere they appear).
  const needsChecking = (candidate: Candidate) => Number(candidate.status === null || candidate.isStale);
  // One that said no to this role comes after every other; one that let the deadline pass keeps its
  // place (asking it again is common), with the note.
  const declinedBefore = (candidate: Candidate) => Number(candidate.answeredBefore?.status === 'declined');
  const ordered = candidates
    .map((candidate) => ({ candidate, ...scoreOf(candidate) }))
    .sort(
      (a, b) =>
        declinedBefore(a.candidate) - declinedBefore(b.candidate) ||
        Number(Boolean(b.candidate.isPairDefault)) - Number(Boolean(a.candidate.isPairDefault)) ||
        Number(Boolean(a.candidate.isBeyondUsualReach)) - Number(Boolean(b.candidate.isBeyondUsualReach)) ||
        needsChecking(a.candidate) - needsChecking(b.candidate) ||
        b.score - a.score ||
        a.candidate.distanceKm - b.candidate.distanceKm ||
        (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
    );
  const kept = context.limit === undefined ? ordered : ordered.slice(0, Math.max(0, context.limit));
  return kept.map(({ candidate, score, factors }) => ({ ...candidate, score, reasons: reasonsOf(candidate), factors }));
}
