/**
 * The code lists of DESIGN.md §3, copied from src/domain/codes.ts (the web build cannot import server code).
 * Labels come from i18n: `codes.<list>.<code>` in i18n/ja.json and en.json.
 */

export const roles = [
  'admin',
  'center_coordinator',
  'hospital_liaison',
  'provider',
  'association_admin',
  'city_analyst',
] as const;
export type Role = (typeof roles)[number];

export const organizationKinds = [
  'hospital',
  'clinic',
  'visiting_nursing',
  'visiting_rehab',
  'care_management',
  'community_support_center',
  'home_dental',
  'home_pharmacy',
  'care_service',
  'welfare_office',
  'public_health_center',
  'social_welfare_council',
  'coordination_center',
  'medical_association',
  'city',
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];

export const hospitalFunctions = ['advanced_acute', 'acute', 'recovery', 'chronic'] as const;
export type HospitalFunction = (typeof hospitalFunctions)[number];

export const homeCareSupportClinicTypes = ['enhanced_single', 'enhanced_network', 'standard'] as const;
export type HomeCareSupportClinicType = (typeof homeCareSupportClinicTypes)[number];

export const patientGroups = [
  'elderly',
  'pediatric_medical_care',
  'cancer',
  'terminal_care',
  'intractable_disease',
  'dementia',
  'psychiatric',
  'disability',
] as const;
export type PatientGroup = (typeof patientGroups)[number];

export const procedures = [
  'home_oxygen',
  'ventilator',
  'tracheostomy',
  'suction',
  'tube_feeding',
  'central_venous_nutrition',
  'opioid_pain_control',
  'urinary_catheter',
  'pressure_ulcer',
  'dialysis',
  'rehabilitation',
  'stoma',
  'insulin',
] as const;
export type Procedure = (typeof procedures)[number];

export const availabilityStatuses = ['accepting', 'limited', 'full'] as const;
export type AvailabilityStatus = (typeof availabilityStatuses)[number];

/** Roles whose users see patient data: two-factor sign-in is mandatory for them outside the demo. */
export const rolesSeeingPatientData: readonly Role[] = ['admin', 'center_coordinator', 'hospital_liaison', 'provider'];

/** Kinds whose official code is the 医療機関コード rather than the 介護保険事業所番号. */
export const medicalKinds: readonly OrganizationKind[] = ['hospital', 'clinic', 'home_dental', 'home_pharmacy'];

/** The minimum password length of the server's policy (src/platform/passwords.ts). */
export const minimumPasswordLength = 13;
