/**
 * Whether an organisation can serve a patient in a team role, and if not, why — in words, so a
 * refused referral tells the sender what to change. The same rules as the directory search.
 */
import type { PatientGroup, Procedure, TeamRole } from '../codes.js';
import { organizationKindLabels, patientGroupLabels, procedureLabels, teamRoleLabels } from '../labels.js';
import type { DirectoryEntry } from '../directory/search-index.js';
import { distanceKm } from '../directory/geo.js';
import { candidateFilters, requiresDeclaredPatients, roleRequirements } from '../cases/team-roles.js';

export type PatientPlace = { lat: number; lng: number; areaCode: string | null };

/**
 * How far a candidate that declared no coverage is assumed to visit: 16 km, the distance within which
 * insurance normally pays for home visits (往診・訪問診療・訪問看護の16km). Roles that do not visit the
 * home (a backup hospital admits; welfare and community support work by area) are not limited.
 */
export const undeclaredCoverageKm = 16;
/** The roles that do not go to the home; every other role visits. */
const nonVisitingRoles: ReadonlySet<TeamRole> = new Set([
  'backup_hospital',
  'welfare_contact',
  'community_support_center',
]);

/** Whether the organisation said where it goes (a radius or areas). */
function declaresCoverage(entry: Pick<DirectoryEntry, 'coverageRadiusKm' | 'coverageAreaCodes'>): boolean {
  return entry.coverageRadiusKm !== null || entry.coverageAreaCodes.length > 0;
}

/** Whether a candidate without declared coverage is too far for the role to visit. */
export function isBeyondAssumedCoverage(
  entry: Pick<DirectoryEntry, 'coverageRadiusKm' | 'coverageAreaCodes'>,
  role: TeamRole,
  distance: number,
): boolean {
  return !declaresCoverage(entry) && !nonVisitingRoles.has(role) && distance > undeclaredCoverageKm;
}

/**
 * One reason an organisation does not fit, with its code and values so that a client can say it in
 * another language: `not_located` (no place or abilities registered), `kind` (its kind cannot fill
 * the role), `groups`/`procedures` (the patient's groups or procedures it does not declare), `profile` (it declared
 * no patients at all, which a doctor or visiting nurse must — team-roles.ts canFillRole — told when the patient has no
 * group that would already say so),
 * `coverage` (the home is outside its declared area), `full` (受入不可).
 */
export type EligibilityProblem =
  | { code: 'not_located'; message: string }
  | { code: 'kind'; message: string; kind: DirectoryEntry['kind'] }
  | { code: 'groups'; message: string; groups: PatientGroup[] }
  | { code: 'procedures'; message: string; procedures: Procedure[] }
  | { code: 'profile'; message: string }
  | { code: 'coverage'; message: string; distanceKm: number; radiusKm: number | null }
  | { code: 'full'; message: string };

export function eligibilityFindings(
  entry: DirectoryEntry | undefined,
  role: TeamRole,
  patient: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] },
  home: PatientPlace,
): EligibilityProblem[] {
  if (!entry) return [{ code: 'not_located', message: '所在地・対応能力が登録されていないため、紹介先にできません' }];
  const problems: EligibilityProblem[] = [];
  const requirement = roleRequirements[role];
  const filters = candidateFilters(role, patient);
  if (!requirement.kinds.includes(entry.kind)) {
    problems.push({
      code: 'kind',
      kind: entry.kind,
      message: `${organizationKindLabels[entry.kind]}は「${teamRoleLabels[role]}」を担えません`,
    });
  }
  const missingGroups = filters.groups.filter((group) => !entry.groups.includes(group));
  if (missingGroups.length > 0)
    problems.push({
      code: 'groups',
      groups: missingGroups,
      message: `${missingGroups.map((group) => patientGroupLabels[group]).join('・')}に対応していません`,
    });
  if (
    missingGroups.length === 0 &&
    requirement.kinds.includes(entry.kind) &&
    requiresDeclaredPatients(role) &&
    entry.groups.length === 0
  )
    problems.push({
      code: 'profile',
      message: `対応できる患者さん（対象）が登録されていないため、「${teamRoleLabels[role]}」の候補になりません`,
    });
  const missingProcedures = filters.procedures.filter((procedure) => !entry.procedures.includes(procedure));
  if (missingProcedures.length > 0)
    problems.push({
      code: 'procedures',
      procedures: missingProcedures,
      message: `${missingProcedures.map((procedure) => procedureLabels[procedure]).join('・')}に対応していません`,
    });
  const distance = distanceKm(home.lng, home.lat, entry.lng, entry.lat);
  const reachesByRadius = entry.coverageRadiusKm !== null && distance <= entry.coverageRadiusKm;
  const coversArea = home.areaCode !== null && entry.coverageAreaCodes.includes(home.areaCode);
  if (declaresCoverage(entry) && !reachesByRadius && !coversArea) {
    problems.push({
      code: 'coverage',
      distanceKm: Math.round(distance * 10) / 10,
      radiusKm: entry.coverageRadiusKm,
      message: `患者宅（${distance.toFixed(1)} km）が訪問範囲${entry.coverageRadiusKm !== null ? `（${entry.coverageRadiusKm} km）` : ''}の外です`,
    });
  }
  if (entry.availabilityStatus === 'full')
    problems.push({ code: 'full', message: '受入不可（満床）と登録されています' });
  return problems;
}

export function eligibilityProblems(
  entry: DirectoryEntry | undefined,
  role: TeamRole,
  patient: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] },
  home: PatientPlace,
): string[] {
  return eligibilityFindings(entry, role, patient, home).map((problem) => problem.message);
}
