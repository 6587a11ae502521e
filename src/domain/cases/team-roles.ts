/**
 * What each team role needs from an organisation: which kinds can fill it, and whether the
 * patient's groups and procedures must all be held (a care manager need not run a ventilator).
 */
import type { OrganizationKind, PatientGroup, Procedure, TeamRole } from '../codes.js';

export type RoleRequirement = {
  kinds: readonly OrganizationKind[];
  /** true = every group of the patient must be held; a list = only these of the patient's groups; false = none. */
  needsGroups: boolean | readonly PatientGroup[];
  /**
   * 'all' = every procedure of the patient except those a role of their own provides (rehabilitation:
   * `visiting_rehab`); a list = only these of the patient's procedures; 'none'.
   */
  procedures: 'all' | 'none' | readonly Procedure[];
  /** Procedures every candidate must hold whatever the patient needs (e.g. rehabilitation). */
  alwaysProcedures?: readonly Procedure[];
  /** Whether a referral is the way to fill it (welfare contacts are linked, not referred). */
  isReferable: boolean;
  /**
   * Whether 24-hour support counts for it: only the roles that visit the patient for medical care
   * (the doctors and the visiting nurse answer the night calls); a care manager, a pharmacy or a
   * welfare window is not asked for it, so its lack neither lowers the score nor shows as a reason.
   */
  needs24hSupport: boolean;
  /**
   * Whether its staff travel to the patient's home, so that the travel burden of the patient's area
   * (matching-settings.ts travelBurdenAt) weighs the distance of its candidates. True for the doctors,
   * the nurse, rehabilitation, dentistry, the pharmacy, the 地域包括支援センター and the care manager — a care manager visits less
   * often than a nurse (at least the monthly monitoring visit at home the 居宅介護支援 standards require,
   * plus the assessment), but every one of those trips costs the same hills and roads, so the same
   * factor applies: the distance score compares offices for one patient, not how often they drive.
   * False for the backup hospital (the patient is taken there) and the welfare windows (a desk the
   * family contacts): nobody drives to the home, so the factor is 1 and no reason names it.
   */
  visitsHome: boolean;
};

export const roleRequirements: Record<TeamRole, RoleRequirement> = {
  primary_doctor: {
    kinds: ['clinic', 'hospital'],
    needsGroups: true,
    procedures: 'all',
    isReferable: true,
    needs24hSupport: true,
    visitsHome: true,
  },
  secondary_doctor: {
    kinds: ['clinic', 'hospital'],
    needsGroups: true,
    procedures: 'all',
    isReferable: true,
    needs24hSupport: true,
    visitsHome: true,
  },
  home_visit_specialist: {
    kinds: ['clinic'],
    needsGroups: true,
    procedures: 'all',
    isReferable: true,
    needs24hSupport: true,
    visitsHome: true,
  },
  visiting_nurse: {
    kinds: ['visiting_nursing'],
    needsGroups: true,
    procedures: 'all',
    isReferable: true,
    needs24hSupport: true,
    visitsHome: true,
  },
  care_manager: {
    kinds: ['care_management'],
    // A care manager plans care for anyone certified under long-term care insurance, whatever the illness: only a
    // child needing medical care (no 介護保険; planned by a 相談支援専門員 who knows it) asks for a declared one.
    needsGroups: ['pediatric_medical_care'],
    procedures: 'none',
    isReferable: true,
    needs24hSupport: false,
    visitsHome: true,
  },
  visiting_rehab: {
    // Also the 介護老人保健施設 and other kaigo offices registered for 訪問リハビリテーション (official service 140).
    kinds: ['visiting_rehab', 'visiting_nursing', 'clinic', 'hospital', 'care_service'],
    // Rehabilitation of a child needing medical care is a specialty of its own; for others any
    // rehabilitation service will do.
    needsGroups: ['pediatric_medical_care'],
    procedures: 'none',
    alwaysProcedures: ['rehabilitation'],
    isReferable: true,
    needs24hSupport: false,
    visitsHome: true,
  },
  home_dental: {
    kinds: ['home_dental'],
    needsGroups: false,
    procedures: 'none',
    isReferable: true,
    needs24hSupport: false,
    visitsHome: true,
  },
  home_pharmacy: {
    kinds: ['home_pharmacy'],
    needsGroups: false,
    procedures: ['opioid_pain_control', 'central_venous_nutrition'],
    isReferable: true,
    needs24hSupport: false,
    visitsHome: true,
  },
  community_support_center: {
    kinds: ['community_support_center'],
    needsGroups: false,
    procedures: 'none',
    isReferable: true,
    needs24hSupport: false,
    visitsHome: true,
  },
  welfare_contact: {
    kinds: ['welfare_office', 'public_health_center', 'social_welfare_council', 'community_support_center'],
    needsGroups: false,
    procedures: 'none',
    isReferable: false,
    needs24hSupport: false,
    visitsHome: false,
  },
  backup_hospital: {
    kinds: ['hospital'],
    // The hospital that admits the patient when the condition at home suddenly worsens must take
    // patients like this one: a child needing medical care, cancer and end-of-life care, an
    // intractable disease, an elderly patient (a psychiatric or maternity hospital does not) — and
    // manage the devices the patient lives with.
    needsGroups: ['elderly', 'pediatric_medical_care', 'cancer', 'terminal_care', 'intractable_disease'],
    procedures: ['ventilator', 'tracheostomy', 'central_venous_nutrition', 'dialysis'],
    isReferable: true,
    needs24hSupport: false,
    visitsHome: false,
  },
};

/**
 * Whether an organisation can be a candidate for `role` at all, whatever the patient — the rule the matching applies to
 * every candidate (beside the patient's own groups, procedures and home) and by which 地域の分析 counts a role's supply,
 * so that the two never disagree:
 * - its kind can fill the role (`kinds`);
 * - it holds the procedures the role always asks for (`alwaysProcedures`: 訪問リハ needs rehabilitation — declared by a
 *   station or clinic, or recorded by the data loader for every office the official kaigo data registers for service
 *   140 訪問リハビリテーション, whatever runs it);
 * - for a role that cares for the patient's conditions (`needsGroups: true`: the doctors, the home-visit specialist, the
 *   visiting nurse) it declared which patients it takes (at least one patient group). A clinic that declared nothing —
 *   an eye or skin clinic, a health-check centre in the public list — does not do home care: it is no 主治医
 *   candidate, not even for a patient of no group.
 */
export function canFillRole(
  role: TeamRole,
  organization: { kind: string; groups: readonly string[]; procedures: readonly string[] },
): boolean {
  const requirement = roleRequirements[role];
  if (!(requirement.kinds as readonly string[]).includes(organization.kind)) return false;
  if (!(requirement.alwaysProcedures ?? []).every((procedure) => organization.procedures.includes(procedure)))
    return false;
  return !requiresDeclaredPatients(role) || organization.groups.length > 0;
}

/** Whether the role asks a candidate to have declared the patients it takes (canFillRole). */
export function requiresDeclaredPatients(role: TeamRole): boolean {
  return roleRequirements[role].needsGroups === true;
}

/** Procedures that a team role of their own provides: the doctors and the nurse need not hold them. */
export const proceduresOfTheirOwnRole: readonly Procedure[] = ['rehabilitation'];

/** The filters a candidate for `role` must pass for this patient. */
export function candidateFilters(
  role: TeamRole,
  patient: { groups: readonly PatientGroup[]; procedures: readonly Procedure[] },
) {
  const requirement = roleRequirements[role];
  const fromPatient =
    requirement.procedures === 'all'
      ? patient.procedures.filter((procedure) => !proceduresOfTheirOwnRole.includes(procedure))
      : requirement.procedures === 'none'
        ? []
        : patient.procedures.filter((procedure) =>
            (requirement.procedures as readonly Procedure[]).includes(procedure),
          );
  const procedures = [...new Set([...fromPatient, ...(requirement.alwaysProcedures ?? [])])];
  return {
    kinds: requirement.kinds,
    groups:
      requirement.needsGroups === true
        ? [...patient.groups]
        : requirement.needsGroups === false
          ? []
          : patient.groups.filter((group) => (requirement.needsGroups as readonly PatientGroup[]).includes(group)),
    procedures,
  };
}

/** The roles a discharge usually needs when the hospital names none. */
export const defaultNeededRoles: readonly TeamRole[] = ['primary_doctor', 'visiting_nurse', 'care_manager'];

/**
 * The roles a case has filled: those of its active members, and 福祉窓口 once a welfare window acknowledged a
 * welfare link that is still open (the welfare section is how that role is filled; it takes no referral).
 */
export function filledBy(members: readonly { role: string }[], welfareLinks: readonly { status: string }[]): string[] {
  const roles = new Set(members.map((member) => member.role));
  if (welfareLinks.some((link) => link.status === 'acknowledged')) roles.add('welfare_contact');
  return [...roles];
}
