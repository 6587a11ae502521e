/**
 * The case page's team logic that is not drawing: whether a role is filled (福祉窓口 by an acknowledged welfare link,
 * as the server counts it), what a direct addition may do with an organisation (GET …/team/fit), and the link from an
 * empty candidate list to 資源検索 carrying the case's conditions.
 */
import type { Team, TeamWelfareLink } from '../../api/case-types';
import type { TeamRole } from '../../api/case-codes';
import type { FitProblem, TeamFit } from '../../api/team-direct';
import type { OrganizationKind, PatientGroup, Procedure } from '../../codes';
import { roleRequirements } from '../../../../src/domain/cases/team-roles';
import { emptyFilters, paramsFromFilters } from '../directory/search-filters';

/** The welfare links that speak for 福祉窓口: those acknowledged first, then those still requested. */
export function welfareRoleLinks(team: Pick<Team, 'welfareLinks'>): {
  acknowledged: TeamWelfareLink[];
  requested: TeamWelfareLink[];
} {
  const links = team.welfareLinks ?? [];
  return {
    acknowledged: links.filter((link) => link.status === 'acknowledged'),
    requested: links.filter((link) => link.status === 'requested'),
  };
}

/** The kinds of organisation that can fill a role (the others are refused, even added directly). */
export function roleOrganizationKinds(role: TeamRole): readonly OrganizationKind[] {
  return roleRequirements[role].kinds;
}

/** Whether a role is filled: by a member, or 福祉窓口 by an acknowledged welfare link (the server's open roles agree). */
export function isRoleFilled(role: TeamRole, team: Pick<Team, 'members' | 'welfareLinks'>): boolean {
  if (team.members.some((member) => member.role === role)) return true;
  return role === 'welfare_contact' && welfareRoleLinks(team).acknowledged.length > 0;
}

/**
 * What a direct addition can do with the organisation chosen: add it at once (it fits), add it only once the caller
 * accepts what does not fit and says why (`accept`), or not at all — a kind that cannot fill the role or an
 * organisation without a registered place (`refused`), or the role was filled meanwhile (`filled`).
 */
export type DirectAddChoice = 'fits' | 'accept' | 'refused' | 'filled';

export function directAddChoice(fit: Pick<TeamFit, 'roleFilled' | 'problems'>): DirectAddChoice {
  if (fit.roleFilled) return 'filled';
  if (fit.problems.some((problem) => problem.refuses)) return 'refused';
  return fit.problems.length > 0 ? 'accept' : 'fits';
}

/** Whether the form may be sent: a choice that allows it, with the acceptance and a reason where they are needed. */
export function canSubmitDirectAdd(choice: DirectAddChoice, accepted: boolean, note: string): boolean {
  if (choice === 'fits') return true;
  return choice === 'accept' && accepted && note.trim() !== '';
}

/** The i18n key (cases.json `direct.problem.*`) and values of a problem, said in the user's language. */
export function fitProblemText(
  problem: FitProblem,
  label: {
    kind: (code: OrganizationKind) => string;
    group: (code: PatientGroup) => string;
    procedure: (code: Procedure) => string;
    role: string;
  },
): { key: string; values: Record<string, string | number> } {
  switch (problem.code) {
    case 'kind':
      return {
        key: 'direct.problem.kind',
        values: { kind: problem.kind ? label.kind(problem.kind) : '', role: label.role },
      };
    case 'groups':
      return { key: 'direct.problem.groups', values: { groups: (problem.groups ?? []).map(label.group).join('・') } };
    case 'procedures':
      return {
        key: 'direct.problem.procedures',
        values: { procedures: (problem.procedures ?? []).map(label.procedure).join('・') },
      };
    case 'coverage':
      return problem.radiusKm === null || problem.radiusKm === undefined
        ? { key: 'direct.problem.coverageArea', values: { km: problem.distanceKm ?? 0 } }
        : { key: 'direct.problem.coverage', values: { km: problem.distanceKm ?? 0, radius: problem.radiusKm } };
    case 'profile':
      return { key: 'direct.problem.profile', values: { role: label.role } };
    case 'not_located':
    case 'full':
      return { key: `direct.problem.${problem.code}`, values: {} };
  }
}

/**
 * 資源検索 with the conditions of the candidate list: the patient's home as the point, the role's kind when there is
 * one, its groups and procedures — so that the user widens the search from there. The point is rounded to about
 * 100 m (3 decimals): the search needs no more, and the address stays out of the link. Without a located home, the
 * conditions only.
 */
const roundTo100m = (degrees: number) => Math.round(degrees * 1000) / 1000;

export function resourceSearchHref(
  filters: { kinds: readonly OrganizationKind[]; groups: readonly PatientGroup[]; procedures: readonly Procedure[] },
  home: { lat: number | null; lng: number | null },
): string {
  const params = paramsFromFilters({
    ...emptyFilters,
    point: home.lat !== null && home.lng !== null ? { lat: roundTo100m(home.lat), lng: roundTo100m(home.lng) } : null,
    kind: filters.kinds.length === 1 ? (filters.kinds[0] ?? null) : null,
    groups: [...filters.groups],
    procedures: [...filters.procedures],
  });
  const query = params.toString();
  return query ? `/directory/search?${query}` : '/directory/search';
}
