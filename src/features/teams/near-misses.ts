/**
 * 惜しい候補 (near misses) of a candidate list: when a role has fewer than `nearMissBelowCandidates` candidates, the
 * organisations that could fill the role (its kind, and what the role always asks: canFillRole) within
 * `nearMissRadiusKm` of the home that miss at most `nearMissMaxMisses` of the patient's conditions — each procedure and
 * each patient group counted apart, the home outside its visiting area one, 受入不可（満床） one — nearest first
 * (great-circle distance, ties by id), at most `nearMissLimit`. Nobody to phone is worse than someone to ask: such an
 * organisation may still agree by phone and join by 「直接チームに加える」. The problems are the fit endpoint's
 * (patient-fit.ts), in its words.
 *
 * The directory index leaves out an organisation whose declared coverage does not reach the home, one of the misses to
 * tell, so the organisations of the role's kinds in a box around the home are read by one indexed query (ids only),
 * and everything else comes from the index's entries in memory.
 */
import { and, between, eq, inArray } from 'drizzle-orm';
import { organizations } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';
import type { TeamRole } from '../../domain/codes.js';
import { canFillRole, roleRequirements } from '../../domain/cases/team-roles.js';
import { distanceKm } from '../../domain/directory/geo.js';
import type { EligibilityProblem } from '../../domain/matching/eligibility.js';
import { availabilityAgeDays } from '../../domain/freshness.js';
import type { CandidatesResponse } from '../matching/matching.schema.js';
import type { DirectoryIndexService } from '../directory/directory-index.service.js';
import { patientFitFindings, type FitPatient } from './patient-fit.js';

/** Below this many candidates a list also shows its near misses (at 3 or more the nurse has enough to ask). */
export const nearMissBelowCandidates = 3;
/** How far from the home a near miss is looked for (the batch assignment's limit as well). */
export const nearMissRadiusKm = 30;
/** How many near misses are shown. */
export const nearMissLimit = 5;
/** How many of the patient's conditions a near miss may miss. */
export const nearMissMaxMisses = 2;

export type NearMiss = CandidatesResponse['nearMisses'][number];
type Miss = NearMiss['misses'][number];

/** Whether a list with `candidateCount` candidates (all that fit, before the page's limit) shows near misses. */
export function showsNearMisses(candidateCount: number): boolean {
  return candidateCount < nearMissBelowCandidates;
}

/** How many of the patient's conditions a problem stands for: each group and procedure apart, anything else one. */
function conditionsMissed(problem: EligibilityProblem): number {
  if (problem.code === 'groups') return problem.groups.length;
  if (problem.code === 'procedures') return problem.procedures.length;
  return 1;
}

function asMiss(problem: EligibilityProblem): Miss | null {
  switch (problem.code) {
    case 'groups':
      return { code: 'groups', message: problem.message, groups: problem.groups };
    case 'procedures':
      return { code: 'procedures', message: problem.message, procedures: problem.procedures };
    case 'coverage':
      return {
        code: 'coverage',
        message: problem.message,
        distanceKm: problem.distanceKm,
        radiusKm: problem.radiusKm,
      };
    case 'full':
      return { code: 'full', message: problem.message };
    // Never a near miss: a kind that cannot fill the role, no place, no patients declared (canFillRole).
    case 'kind':
    case 'not_located':
    case 'profile':
      return null;
  }
}

/** Ids of the enabled organisations of `kinds` in the box around the point (`radiusKm` each way). */
async function idsNear(
  executor: DbExecutor,
  kinds: readonly string[],
  point: { lat: number; lng: number },
  radiusKm: number,
): Promise<string[]> {
  // 1° of latitude ≈ 111 km; of longitude ≈ 111 km × cos(latitude). A little wider: the distance decides.
  const latSpan = (radiusKm / 110) * 1.01;
  const lngSpan = (radiusKm / (110 * Math.max(0.1, Math.cos((point.lat * Math.PI) / 180)))) * 1.01;
  const rows = await executor
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        eq(organizations.isDisabled, false),
        inArray(organizations.kind, [...kinds]),
        between(organizations.lat, point.lat - latSpan, point.lat + latSpan),
        between(organizations.lng, point.lng - lngSpan, point.lng + lngSpan),
      ),
    );
  return rows.map((row) => row.id);
}

export async function findNearMisses(
  executor: DbExecutor,
  directory: DirectoryIndexService,
  input: {
    role: TeamRole;
    patient: FitPatient & { lat: number; lng: number };
    /** The candidates of the list (never a near miss too). */
    candidateIds: ReadonlySet<string>;
    now: Date;
    staleAfterMs: number;
  },
): Promise<NearMiss[]> {
  const { role, patient } = input;
  const found: (NearMiss & { id: string; exactKm: number })[] = [];
  for (const id of await idsNear(executor, roleRequirements[role].kinds, patient, nearMissRadiusKm)) {
    if (input.candidateIds.has(id)) continue;
    // Not in the index: disabled, or without a place, since the query ran.
    const entry = directory.entry(id);
    const display = directory.row(id);
    if (!entry || !display || !canFillRole(role, entry)) continue;
    const exactKm = distanceKm(patient.lng, patient.lat, entry.lng, entry.lat);
    if (exactKm > nearMissRadiusKm) continue;
    const problems = patientFitFindings(entry, role, patient);
    const missed = problems.reduce((sum, problem) => sum + conditionsMissed(problem), 0);
    if (missed === 0 || missed > nearMissMaxMisses) continue;
    const misses = problems.map(asMiss);
    if (misses.some((miss) => miss === null)) continue;
    const updatedAt = display.availabilityUpdatedAt;
    found.push({
      id,
      exactKm,
      organization: {
        id,
        name: display.name,
        kind: entry.kind,
        address: display.address,
        phone: display.phone ?? null,
        lat: entry.lat,
        lng: entry.lng,
      },
      distanceKm: Math.round(exactKm * 100) / 100,
      availability: entry.availabilityStatus
        ? {
            status: entry.availabilityStatus,
            freeSlots: display.freeSlots ?? null,
            ageDays: updatedAt ? availabilityAgeDays(updatedAt, input.now) : null,
            isStale: updatedAt === null || updatedAt.getTime() < input.now.getTime() - input.staleAfterMs,
          }
        : null,
      misses: misses.filter((miss): miss is Miss => miss !== null),
    });
  }
  return found
    .sort((a, b) => a.exactKm - b.exactKm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, nearMissLimit)
    .map(({ id: _id, exactKm: _exactKm, ...nearMiss }) => nearMiss);
}
