/**
 * The code lists of DESIGN.md §3, re-exported from the server's src/domain/codes.ts (pure TypeScript with no
 * Node imports, so the web bundles it; import only src/domain/** from the web). Labels come from i18n:
 * `codes.<list>.<code>` in i18n/ja.json and en.json.
 */

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
  minimumPasswordLength,
} from '../../src/domain/codes';
