/** The code lists of DESIGN.md §3: one name per concept across database, API, code and UI. */

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

/** 在宅療養支援診療所の類型: 機能強化型（単独型・連携型）と従来型. */
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

export const teamRoles = [
  'primary_doctor',
  'secondary_doctor',
  'home_visit_specialist',
  'visiting_nurse',
  'care_manager',
  'visiting_rehab',
  'home_dental',
  'home_pharmacy',
  'community_support_center',
  'welfare_contact',
  'backup_hospital',
] as const;
export type TeamRole = (typeof teamRoles)[number];

/** Roles whose users can see patient data: two-factor sign-in is mandatory for them (MHLW guideline 6.0). */
export const rolesSeeingPatientData: readonly Role[] = ['admin', 'center_coordinator', 'hospital_liaison', 'provider'];

/** The shortest password the policy accepts (src/platform/passwords.ts enforces it; the web states it). */
export const minimumPasswordLength = 13;

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
