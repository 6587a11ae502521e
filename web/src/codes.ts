/**
 * The code lists of DESIGN.md §3, re-exported from the server's src/domain/codes.ts (pure TypeScript with no
 * Node imports, so the web bundles it; import only src/domain/** from the web). Labels come from i18n:
 * `codes.<list>.<code>` in i18n/ja.json and en.json.
 */
import type { OrganizationKind } from '../../src/domain/codes';

export {
  roles,
  type Role,
  organizationKinds,
  type OrganizationKind,
  hospitalFunctions,
  type HospitalFunction,
  homeCareSupportClinicTypes,
  type HomeCareSupportClinicType,
  patientGroups,
  type PatientGroup,
  procedures,
  type Procedure,
  availabilityStatuses,
  type AvailabilityStatus,
  rolesSeeingPatientData,
} from '../../src/domain/codes';

/** Kinds whose official code is the 医療機関コード rather than the 介護保険事業所番号. */
export const medicalKinds: readonly OrganizationKind[] = ['hospital', 'clinic', 'home_dental', 'home_pharmacy'];

/**
 * The minimum password length of the server's policy. The server's constant lives in src/platform/passwords.ts,
 * next to argon2 (server-only), so the web keeps its own.
 */
export const minimumPasswordLength = 13;
