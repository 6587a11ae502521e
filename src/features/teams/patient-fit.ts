/**
 * What does not fit a patient in an organisation for a team role — the one rule behind GET …/team/fit and a direct
 * addition (team.service.ts) and the near misses of a candidate list (near-misses.ts), so that both say the same
 * problems in the same words (domain/matching/eligibility.ts eligibilityFindings).
 */
import type { PatientGroup, Procedure, TeamRole } from '../../domain/codes.js';
import type { DirectoryEntry } from '../../domain/directory/search-index.js';
import { eligibilityFindings, type EligibilityProblem } from '../../domain/matching/eligibility.js';

/** What of a case the fit is judged on: the patient's groups and procedures, and the home. */
export type FitPatient = {
  groups: readonly string[];
  procedures: readonly string[];
  lat: number | null;
  lng: number | null;
  areaCode: string | null;
};

/**
 * Every problem the directory sees (満床 included: the caller decides whether it counts). A home not yet located:
 * where the organisation visits cannot be checked, everything else can.
 */
export function patientFitFindings(
  entry: DirectoryEntry | undefined,
  role: TeamRole,
  patient: FitPatient,
): EligibilityProblem[] {
  const isLocated = patient.lat !== null && patient.lng !== null;
  return eligibilityFindings(
    entry,
    role,
    { groups: patient.groups as PatientGroup[], procedures: patient.procedures as Procedure[] },
    { lat: patient.lat ?? entry?.lat ?? 0, lng: patient.lng ?? entry?.lng ?? 0, areaCode: patient.areaCode },
  ).filter((problem) => isLocated || problem.code !== 'coverage');
}
