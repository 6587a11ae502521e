/**
 * All tables of Renkei: one schema, one migration set, for PGlite and PostgreSQL.
 * Write SQL both accept (PGlite is PostgreSQL 18, production may be 15).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TextParams, UnassignedReasonCode } from '../domain/server-text.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** 区 and smaller districts; codes are the 5-digit 全国地方公共団体コード for wards. */
export const areas = pgTable('areas', {
  code: text('code').primaryKey(),
  code6: text('code6'),
  name: text('name').notNull(),
  fullName: text('full_name').notNull(),
  kind: text('kind').notNull(),
  parentCode: text('parent_code'),
  centroidLat: doublePrecision('centroid_lat'),
  centroidLng: doublePrecision('centroid_lng'),
  boundary: jsonb('boundary'),
  source: text('source').notNull(),
});

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    sourceKey: text('source_key'),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    /** NFKC, lower case, katakana: what `q` is matched against. */
    searchText: text('search_text').notNull(),
    medicalInstitutionCode: text('medical_institution_code'),
    careOfficeNumber: text('care_office_number'),
    postalCode: text('postal_code'),
    address: text('address').notNull().default(''),
    areaCode: text('area_code').references(() => areas.code),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    geocodePrecision: text('geocode_precision'),
    phone: text('phone'),
    fax: text('fax'),
    /** Contact for professionals only (never shown to citizens). */
    professionalPhone: text('professional_phone'),
    url: text('url'),
    corporationName: text('corporation_name'),
    corporationNumber: text('corporation_number'),
    kaigoServices: jsonb('kaigo_services').$type<{ code: string; name: string }[]>().notNull().default([]),
    capacity: integer('capacity'),
    hospitalFunction: text('hospital_function'),
    isBackupHospital: boolean('is_backup_hospital').notNull().default(false),
    homeCareSupportClinic: text('home_care_support_clinic'),
    isHomeVisitOnly: boolean('is_home_visit_only').notNull().default(false),
    /** Home patients the organisation says it can look after (load against it is shown). */
    declaredCapacity: integer('declared_capacity'),
    /** 後方支援病院: the areas it backs, and a temporary stop of admissions. */
    backupAreaCodes: text('backup_area_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    backupUnavailableUntil: timestamp('backup_unavailable_until', { withTimezone: true }),
    backupUnavailableNote: text('backup_unavailable_note'),
    /** The medical association this organisation is a member of (clinics, hospitals). */
    associationId: uuid('association_id'),
    groups: text('groups')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    procedures: text('procedures')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isAvailable24h: boolean('is_available_24h').notNull().default(false),
    coverageRadiusKm: doublePrecision('coverage_radius_km'),
    coverageAreaCodes: text('coverage_area_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    availabilityStatus: text('availability_status'),
    freeSlots: integer('free_slots'),
    availabilityNote: text('availability_note'),
    availabilityUpdatedAt: timestamp('availability_updated_at', { withTimezone: true }),
    availabilityUpdatedBy: uuid('availability_updated_by'),
    /** Capabilities, coverage and capacity invented for the demo, not declared by the provider. */
    isDemoProfile: boolean('is_demo_profile').notNull().default(false),
    /** Availability (status, free places) invented for the demo, until the provider answers it. */
    isDemoAvailability: boolean('is_demo_availability').notNull().default(false),
    source: text('source').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    isDisabled: boolean('is_disabled').notNull().default(false),
    version: integer('version').notNull().default(1),
    /**
     * Directory revision, set by a trigger on every insert/update under one lock, so revisions
     * commit in order and every server instance can catch up with `revision > known`.
     */
    revision: bigint('revision', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('organizations_source_key_idx').on(table.sourceKey),
    index('organizations_revision_idx').on(table.revision),
    uniqueIndex('organizations_medical_institution_code_idx').on(table.medicalInstitutionCode),
    uniqueIndex('organizations_care_office_number_idx').on(table.careOfficeNumber),
    index('organizations_kind_idx').on(table.kind),
    index('organizations_area_code_idx').on(table.areaCode),
    index('organizations_name_idx').on(table.name, table.id),
    index('organizations_association_idx').on(table.associationId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id),
    passwordHash: text('password_hash').notNull(),
    isDisabled: boolean('is_disabled').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    mfaSecretEncrypted: text('mfa_secret_encrypted'),
    mfaPendingSecretEncrypted: text('mfa_pending_secret_encrypted'),
    isMfaEnabled: boolean('is_mfa_enabled').notNull().default(false),
    /** Last accepted TOTP time step: a code is never accepted twice. */
    mfaLastStep: integer('mfa_last_step'),
    recoveryCodeHashes: jsonb('recovery_code_hashes').$type<string[]>().notNull().default([]),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('users_email_idx').on(table.email), index('users_organization_idx').on(table.organizationId)],
);

/** Server-side sessions: only the SHA-256 of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [uniqueIndex('sessions_token_hash_idx').on(table.tokenHash), index('sessions_user_idx').on(table.userId)],
);

/** Failed-login counting per e-mail (whether or not the account exists). */
export const loginThrottles = pgTable('login_throttles', {
  emailKey: text('email_key').primaryKey(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  failureCount: integer('failure_count').notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/** Second step of a two-factor login. */
export const mfaChallenges = pgTable(
  'mfa_challenges',
  {
    id: uuid('id').primaryKey(),
    challengeHash: text('challenge_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('mfa_challenges_hash_idx').on(table.challengeHash)],
);

/** Append-only: a trigger in the migration refuses UPDATE and DELETE. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorOrganizationId: uuid('actor_organization_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    /** The organisation that owns the record (who may read this audit trail besides admins). */
    ownerOrganizationId: uuid('owner_organization_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (table) => [
    index('audit_events_entity_idx').on(table.entity, table.entityId),
    index('audit_events_owner_idx').on(table.ownerOrganizationId, table.id),
    index('audit_events_actor_idx').on(table.actorUserId, table.id),
  ],
);

/** Stored first responses of creating POSTs, by (principal, Idempotency-Key). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.principal, table.key] })],
);

/** Small key-value settings kept in the database (e.g. the demo seed marker). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

/** One row: locked by every directory write so that revisions commit in order. */
export const directoryState = pgTable('directory_state', {
  id: integer('id').primaryKey(),
});

/**
 * The in-app notifications (and the outbox of events that need someone's action): written in the
 * same transaction as the change, pushed live through LISTEN/NOTIFY.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    /** Everyone of this organisation, unless a single user is named. */
    recipientOrganizationId: uuid('recipient_organization_id'),
    recipientUserId: uuid('recipient_user_id'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    entity: text('entity'),
    entityId: text('entity_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** The values of title and body (domain/server-text.ts), for other languages; null on older rows. */
    params: jsonb('params').$type<TextParams>(),
  },
  (table) => [
    index('notifications_organization_idx').on(table.recipientOrganizationId, table.createdAt),
    index('notifications_user_idx').on(table.recipientUserId, table.createdAt),
  ],
);

export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.notificationId, table.userId] })],
);

/**
 * Durable background jobs (deadlines, reminders): claimed with FOR UPDATE SKIP LOCKED and
 * completed in the same transaction as their effect, so each runs exactly once.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** At most one pending job per key (e.g. one expiry per referral). */
    uniqueKey: text('unique_key'),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    index('jobs_due_idx').on(table.status, table.runAt),
    uniqueIndex('jobs_unique_key_idx').on(table.uniqueKey),
  ],
);

// ---------------------------------------------------------------------------------------------
// Discharge coordination (退院支援): cases, consultations, referrals, team, conferences.
// ---------------------------------------------------------------------------------------------

/** 退院支援ケース: one patient's way home. Versioned; every read and change is audited. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    /** The hospital currently responsible (changes on 転院). */
    hospitalOrganizationId: uuid('hospital_organization_id')
      .notNull()
      .references(() => organizations.id),
    patientName: text('patient_name').notNull(),
    patientNameKana: text('patient_name_kana').notNull(),
    birthDate: text('birth_date').notNull(),
    sex: text('sex').notNull(),
    address: text('address').notNull(),
    phone: text('phone'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    areaCode: text('area_code'),
    keyPerson: jsonb('key_person').$type<{ name: string; relationship?: string; phone?: string } | null>(),
    groups: text('groups')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    procedures: text('procedures')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    careLevel: text('care_level').notNull(),
    livingSituation: text('living_situation'),
    welfareIssues: text('welfare_issues')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    acp: jsonb('acp').$type<Record<string, unknown> | null>(),
    consent: jsonb('consent').$type<Record<string, unknown>>().notNull(),
    neededRoles: text('needed_roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    admissionDate: text('admission_date'),
    /** 主病名・入院の理由 (free text; the full record only, never the referral summary). */
    diagnosis: text('diagnosis'),
    plannedDischargeDate: text('planned_discharge_date').notNull(),
    route: text('route'),
    difficulty: text('difficulty')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    difficultyNote: text('difficulty_note'),
    status: text('status').notNull(),
    dischargedOn: text('discharged_on'),
    outcome: text('outcome'),
    outcomeOn: text('outcome_on'),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdByUserId: uuid('created_by_user_id'),
    updatedByUserId: uuid('updated_by_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('cases_hospital_idx').on(table.hospitalOrganizationId, table.status),
    index('cases_status_idx').on(table.status, table.plannedDischargeDate),
  ],
);

/** Every hospital that has held the case (the history stays after 転院). */
export const caseHospitals = pgTable(
  'case_hospitals',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    since: timestamp('since', { withTimezone: true }).notNull(),
    until: timestamp('until', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.organizationId] }),
    index('case_hospitals_organization_idx').on(table.organizationId),
  ],
);

/** The case's timeline: everything that happened, in words. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorOrganizationId: uuid('actor_organization_id'),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (table) => [index('case_events_case_idx').on(table.caseId, table.id)],
);

/** Requests to the Coordination Center: for a case (相談・コーディネート依頼) or general (相談窓口). */
export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').references(() => cases.id),
    requesterOrganizationId: uuid('requester_organization_id').references(() => organizations.id),
    requesterUserId: uuid('requester_user_id'),
    subject: text('subject').notNull(),
    reason: text('reason').notNull(),
    difficulty: text('difficulty')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    note: text('note'),
    status: text('status').notNull(),
    assignedUserId: uuid('assigned_user_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (table) => [
    index('consultations_status_idx').on(table.status, table.createdAt),
    index('consultations_case_idx').on(table.caseId),
  ],
);

export const consultationMessages = pgTable(
  'consultation_messages',
  {
    id: uuid('id').primaryKey(),
    /** Insertion order (timestamps can tie). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    authorUserId: uuid('author_user_id'),
    authorOrganizationId: uuid('author_organization_id'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('consultation_messages_idx').on(table.consultationId, table.createdAt)],
);

/** A request to one organisation to take one team role for one case. */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    batchId: uuid('batch_id').notNull(),
    role: text('role').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    senderOrganizationId: uuid('sender_organization_id').notNull(),
    senderUserId: uuid('sender_user_id').notNull(),
    status: text('status').notNull(),
    message: text('message').notNull().default(''),
    respondBy: timestamp('respond_by', { withTimezone: true }).notNull(),
    declineReasonCode: text('decline_reason_code'),
    declineReason: text('decline_reason'),
    /**
     * Why a withdrawn referral was withdrawn (referralWithdrawnReasons: by_sender, other_accepted, or the end of
     * the case), so that the receiver is told the real reason; null before migration 0011 and while not withdrawn.
     */
    withdrawnReason: text('withdrawn_reason'),
    viewedAt: timestamp('viewed_at', { withTimezone: true }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedByUserId: uuid('responded_by_user_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('referrals_case_idx').on(table.caseId, table.role),
    index('referrals_organization_idx').on(table.organizationId, table.status),
    index('referrals_sender_idx').on(table.senderOrganizationId, table.status),
  ],
);

/** The question-and-answer thread of a referral (needs_info). */
export const referralMessages = pgTable(
  'referral_messages',
  {
    id: uuid('id').primaryKey(),
    /** Insertion order (timestamps can tie). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    kind: text('kind').notNull(),
    authorUserId: uuid('author_user_id'),
    authorOrganizationId: uuid('author_organization_id'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('referral_messages_idx').on(table.referralId, table.createdAt)],
);

/** The home-care team: one organisation per role (a partial unique index enforces it). */
export const teamMembers = pgTable(
  'team_members',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    role: text('role').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    referralId: uuid('referral_id'),
    since: timestamp('since', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('team_members_active_role_idx')
      .on(table.caseId, table.role)
      .where(sql`ended_at is null`),
    index('team_members_organization_idx').on(table.organizationId),
  ],
);

/** Connections to welfare windows (福祉事務所, 保健所, 社協, 地域包括), tracked like referrals. */
export const welfareLinks = pgTable(
  'welfare_links',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    response: text('response'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('welfare_links_case_idx').on(table.caseId),
    index('welfare_links_organization_idx').on(table.organizationId),
  ],
);

/** The team's message thread for one patient, with read receipts. */
export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey(),
    /** Insertion order (timestamps can tie). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    authorUserId: uuid('author_user_id').notNull(),
    authorOrganizationId: uuid('author_organization_id'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('case_messages_case_idx').on(table.caseId, table.createdAt)],
);

export const caseMessageReads = pgTable(
  'case_message_reads',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => caseMessages.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.messageId, table.userId] })],
);

/** 退院時カンファレンス. */
export const conferences = pgTable(
  'conferences',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    place: text('place'),
    onlineUrl: text('online_url'),
    status: text('status').notNull(),
    minutes: text('minutes'),
    minutesRecordedAt: timestamp('minutes_recorded_at', { withTimezone: true }),
    minutesRecordedByUserId: uuid('minutes_recorded_by_user_id'),
    /** iCalendar SEQUENCE: incremented on every change. */
    sequence: integer('sequence').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('conferences_case_idx').on(table.caseId)],
);

export const conferenceParticipants = pgTable(
  'conference_participants',
  {
    conferenceId: uuid('conference_id')
      .notNull()
      .references(() => conferences.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    response: text('response'),
  },
  (table) => [
    primaryKey({ columns: [table.conferenceId, table.organizationId] }),
    index('conference_participants_organization_idx').on(table.organizationId),
  ],
);

// ---------------------------------------------------------------------------------------------
// Load sharing: matching proposals, doctor pairs, rotations (輪番), escalation, acute events.
// ---------------------------------------------------------------------------------------------

/** A batch assignment proposal of the Center (min-cost flow) beside the greedy baseline. */
export const matchingProposals = pgTable('matching_proposals', {
  id: uuid('id').primaryKey(),
  role: text('role').notNull(),
  caseIds: jsonb('case_ids').$type<string[]>().notNull(),
  assignments: jsonb('assignments').$type<{ caseId: string; organizationId: string; distanceKm: number }[]>().notNull(),
  /** reason in Japanese; reasonCode and reasonParams (domain/server-text.ts) since they were added. */
  unassigned: jsonb('unassigned')
    .$type<{ caseId: string; reason: string; reasonCode?: UnassignedReasonCode; reasonParams?: TextParams }[]>()
    .notNull(),
  metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull(),
  baseline: jsonb('baseline').$type<Record<string, unknown>>().notNull(),
  status: text('status').notNull(),
  createdByUserId: uuid('created_by_user_id').notNull(),
  createdByOrganizationId: uuid('created_by_organization_id'),
  createdAt: createdAt(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
});

/** Open cases already offered to an organisation by the waiting list (so nobody is told twice). */
export const waitlistOffers = pgTable(
  'waitlist_offers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    role: text('role').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.role, table.organizationId] })],
);

/** 主治医・副主治医: a standing pairing of two clinics in an area. */
export const doctorPairs = pgTable(
  'doctor_pairs',
  {
    id: uuid('id').primaryKey(),
    areaCode: text('area_code')
      .notNull()
      .references(() => areas.code),
    primaryOrganizationId: uuid('primary_organization_id')
      .notNull()
      .references(() => organizations.id),
    secondaryOrganizationId: uuid('secondary_organization_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status').notNull(),
    source: text('source').notNull().default('manual'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [
    index('doctor_pairs_area_idx').on(table.areaCode, table.status),
    index('doctor_pairs_primary_idx').on(table.primaryOrganizationId),
  ],
);

/** 輪番制: clinics of an area that take nights and holidays in turn. */
export const rotationGroups = pgTable('rotation_groups', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  areaCode: text('area_code')
    .notNull()
    .references(() => areas.code),
  /** Rules: minimum days between duties, maximum per month, shift weights, year-end range, wait times. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
  associationId: uuid('association_id'),
  createdByUserId: uuid('created_by_user_id'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: integer('version').notNull().default(1),
});

export const rotationGroupMembers = pgTable(
  'rotation_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => rotationGroups.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    doctorCount: integer('doctor_count').notNull().default(1),
    /** Weekdays it cannot take (0 = Sunday), dates it cannot take, preferences. */
    preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
    joinedAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.groupId, table.organizationId] })],
);

export const rosters = pgTable(
  'rosters',
  {
    id: uuid('id').primaryKey(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => rotationGroups.id),
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    status: text('status').notNull(),
    /** The generator's input (shifts, unavailability, settings) and its report (objective, LP bound, fairness). */
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    report: jsonb('report').$type<Record<string, unknown>>().notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (table) => [index('rosters_group_idx').on(table.groupId, table.fromDate)],
);

export const rosterDuties = pgTable(
  'roster_duties',
  {
    id: uuid('id').primaryKey(),
    rosterId: uuid('roster_id')
      .notNull()
      .references(() => rosters.id),
    date: text('date').notNull(),
    shift: text('shift').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** Instant range of the duty (JST), for "who is on duty at …". */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('roster_duties_slot_idx').on(table.rosterId, table.date, table.shift),
    index('roster_duties_organization_idx').on(table.organizationId, table.date),
    index('roster_duties_time_idx').on(table.startsAt, table.endsAt),
  ],
);

export const dutySwaps = pgTable(
  'duty_swaps',
  {
    id: uuid('id').primaryKey(),
    rosterId: uuid('roster_id')
      .notNull()
      .references(() => rosters.id),
    dutyId: uuid('duty_id')
      .notNull()
      .references(() => rosterDuties.id),
    requestingOrganizationId: uuid('requesting_organization_id').notNull(),
    /** The duty given in return (a swap) or null (the other clinic simply takes it over). */
    counterDutyId: uuid('counter_duty_id'),
    acceptingOrganizationId: uuid('accepting_organization_id'),
    status: text('status').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (table) => [index('duty_swaps_roster_idx').on(table.rosterId, table.status)],
);

/** How long to wait for an answer before calling the next step, per area. */
export const escalationSettings = pgTable('escalation_settings', {
  areaCode: text('area_code')
    .primaryKey()
    .references(() => areas.code),
  waitMinutes: jsonb('wait_minutes').$type<Record<string, number>>().notNull(),
  updatedAt: updatedAt(),
});

/** 急変: one recorded call-out for a patient at home. */
export const acuteEvents = pgTable(
  'acute_events',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** Who was called in which order, who answered after how long. */
    calls: jsonb('calls').$type<Record<string, unknown>[]>().notNull(),
    admitted: boolean('admitted').notNull().default(false),
    admittedHospitalId: uuid('admitted_hospital_id'),
    reached119: boolean('reached_119').notNull().default(false),
    note: text('note'),
    areaCode: text('area_code'),
    recordedByUserId: uuid('recorded_by_user_id'),
    recordedByOrganizationId: uuid('recorded_by_organization_id'),
    createdAt: createdAt(),
  },
  (table) => [
    index('acute_events_case_idx').on(table.caseId),
    index('acute_events_area_idx').on(table.areaCode, table.occurredAt),
  ],
);
