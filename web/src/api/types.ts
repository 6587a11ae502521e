/** TypeScript mirrors of the API's response and request shapes (src/features/*\/*.schema.ts). */
import type {
  AvailabilityStatus,
  HomeCareSupportClinicType,
  HospitalFunction,
  OrganizationKind,
  PatientGroup,
  Procedure,
  Role,
} from '../codes';

export type Me = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  /** The kind of the user's organisation (null for an admin without one). */
  organizationKind: OrganizationKind | null;
  isMfaEnabled: boolean;
  isMfaRequired: boolean;
  mustChangePassword: boolean;
};

export type SignedIn = { user: Me; token: string; expiresAt: string; mfaEnrollmentRequired: boolean };
export type MfaChallenge = { mfaRequired: true; challenge: string };
export type LoginResult = SignedIn | MfaChallenge;

export type MfaEnrollment = { otpauthUri: string; secret: string; qrCodeDataUrl: string };

export type Page<Item> = { items: Item[]; nextCursor: string | null };

/**
 * A public data set: `attribution` is the 出典 line shown under the data, `asOf` a date (YYYY-MM or YYYY-MM-DD),
 * `note` how the data reached us and how sure it is (the data page only; GET public/config gives it).
 */
export type DataSource = {
  id: string;
  attribution: string;
  license: string | null;
  asOf: string | null;
  note?: string | null | undefined;
};

export type PublicConfig = {
  demo: boolean;
  mapTileUrl: string | null;
  staleAvailabilityDays: number;
  sources: DataSource[];
};

export type Availability = {
  status: AvailabilityStatus;
  freeSlots: number | null;
  note: string | null;
  updatedAt: string;
  updatedBy: string | null;
  ageDays: number;
  isStale: boolean;
};

export type Organization = {
  id: string;
  name: string;
  nameKana: string | null;
  kind: OrganizationKind;
  codes: { medicalInstitutionCode: string | null; careOfficeNumber: string | null };
  postalCode: string | null;
  address: string;
  lat: number | null;
  lng: number | null;
  geocodePrecision: string | null;
  areaCode: string | null;
  areaName: string | null;
  phone: string | null;
  fax: string | null;
  professionalPhone: string | null;
  url: string | null;
  corporationName: string | null;
  kaigoServices: { code: string; name: string }[];
  capacity: number | null;
  hospitalFunction: HospitalFunction | null;
  isBackupHospital: boolean;
  homeCareSupportClinic: HomeCareSupportClinicType | null;
  isHomeVisitOnly: boolean;
  associationId: string | null;
  capabilities: { groups: PatientGroup[]; procedures: Procedure[]; available24h: boolean };
  coverage: { radiusKm: number | null; areaCodes: string[] };
  availability: Availability | null;
  isDemo: boolean;
  /** Capabilities, coverage and capacity are the demo's invented values. */
  isDemoProfile: boolean;
  /** The availability is the demo's invented answer (the provider has not answered yet). */
  isDemoAvailability: boolean;
  version: number;
  source: DataSource;
};

export type OrganizationQuery = {
  q?: string | undefined;
  kind?: OrganizationKind | undefined;
  areaCode?: string | undefined;
  associationId?: string | undefined;
  /** 受入状況: none（未登録）| stale（要確認）. */
  availability?: 'none' | 'stale' | undefined;
  limit?: number | undefined;
};

export type UpdateOrganizationRequest = {
  name?: string;
  nameKana?: string | null;
  postalCode?: string | null;
  areaCode?: string | null;
  address?: string;
  phone?: string | null;
  fax?: string | null;
  professionalPhone?: string | null;
  url?: string | null;
  hospitalFunction?: HospitalFunction | null;
  isBackupHospital?: boolean;
  homeCareSupportClinic?: HomeCareSupportClinicType | null;
  isHomeVisitOnly?: boolean;
  capabilities?: { groups?: PatientGroup[]; procedures?: Procedure[]; available24h?: boolean };
  coverage?: { radiusKm?: number | null; areaCodes?: string[] };
  /** Admin only. */
  codes?: { medicalInstitutionCode?: string | null; careOfficeNumber?: string | null };
};

export type CreateOrganizationRequest = {
  name: string;
  nameKana: string | null;
  kind: OrganizationKind;
  areaCode: string | null;
  address: string;
  postalCode?: string | null;
  phone: string | null;
  fax?: string | null;
  /** Official codes (admin only): an import of public data then recognises the organisation instead of adding it again. */
  codes?: { medicalInstitutionCode?: string | null; careOfficeNumber?: string | null };
  /** Register although an organisation of the same name and kind exists (else 409 organization_duplicate). */
  allowDuplicateName?: boolean;
};

export type UpdateAvailabilityRequest = { status: AvailabilityStatus; freeSlots: number | null; note: string | null };

export type Area = {
  code: string;
  name: string;
  fullName: string;
  kind: string;
  parentCode: string | null;
  centroid: { lat: number; lng: number } | null;
  source: DataSource;
};

export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  organizationKind: OrganizationKind | null;
  disabled: boolean;
  isMfaEnabled: boolean;
  isDemo: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
};

export type CreateUserRequest = {
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
  password: string;
};

export type UpdateUserRequest = {
  name?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
  resetMfa?: true;
};

export type AuditEvent = {
  id: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrganizationId: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
};

export type AuditQuery = { entity?: string | undefined; entityId?: string | undefined };
