/**
 * TypeScript mirrors of the discharge-coordination API (src/features/{cases,referrals,teams,consultations,
 * welfare-links,case-messages,conferences}/*.schema.ts — the zod schemas are the contract).
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { AvailabilityStatus, OrganizationKind, PatientGroup, Procedure } from '../codes';
import type {
  CareLevel,
  CaseRoute,
  CaseStatus,
  ConferenceStatus,
  ConsentGivenBy,
  ConsentScope,
  ConsultationStatus,
  DeclineReasonCode,
  DifficultyReason,
  LivingSituation,
  Outcome,
  Place,
  ReferralStatus,
  ReferralWithdrawnReason,
  RequestableDifficultyReason,
  Sex,
  TeamRole,
  WelfareIssue,
  WelfareLinkStatus,
} from './case-codes';

export type NamedOrganization = { id: string; name: string };

export type KeyPerson = { name: string; relationship?: string; phone?: string };

export type Acp = {
  preferredPlaceOfCare?: Place;
  preferredPlaceOfDeath?: Place;
  note?: string;
  recordedAt?: string;
};

export type Consent = {
  scope: ConsentScope[];
  recordedBy: string;
  givenBy?: ConsentGivenBy;
  note?: string;
  recordedAt?: string;
};

export type PatientInput = {
  name: string;
  nameKana: string;
  birthDate: string;
  sex: Sex;
  address: string;
  phone?: string | null;
  lat?: number | null;
  lng?: number | null;
};

export type CreateCaseRequest = {
  patient: PatientInput;
  groups: PatientGroup[];
  procedures: Procedure[];
  careLevel: CareLevel;
  plannedDischargeDate: string;
  admissionDate?: string;
  diagnosis?: string;
  consent: { scope: ConsentScope[]; recordedBy: string; givenBy?: ConsentGivenBy; note?: string };
  keyPerson?: KeyPerson | null;
  livingSituation?: LivingSituation | null;
  welfareIssues?: WelfareIssue[];
  acp?: { preferredPlaceOfCare?: Place; preferredPlaceOfDeath?: Place; note?: string } | null;
  neededRoles?: TeamRole[];
  note?: string;
};

export type UpdateCaseRequest = {
  patient?: Partial<PatientInput>;
  groups?: PatientGroup[];
  procedures?: Procedure[];
  careLevel?: CareLevel;
  plannedDischargeDate?: string;
  admissionDate?: string | null;
  diagnosis?: string | null;
  consent?: CreateCaseRequest['consent'];
  keyPerson?: KeyPerson | null;
  livingSituation?: LivingSituation | null;
  welfareIssues?: WelfareIssue[];
  acp?: CreateCaseRequest['acp'];
  neededRoles?: TeamRole[];
  note?: string | null;
};

export type CasePermissions = {
  canEdit: boolean;
  canCoordinate: boolean;
  canUseThread: boolean;
  /** The hospital, the Center, or a team member that follows the patient at home (doctor, nurse, care manager). */
  canRecordOutcome: boolean;
};

/** The full record: the hospital, the Center once routed with consent, the team with consent. */
/** What a registration may add to the case: a possible second registration of the same patient. */
export type CaseCreatedWarning = {
  path: string;
  code: 'possible_duplicate_patient';
  message: string;
  params: { caseId: string; plannedDischargeDate: string };
};

export type FullCase = {
  access: 'full';
  id: string;
  status: CaseStatus;
  route: CaseRoute | null;
  hospital: NamedOrganization;
  pastHospitals: NamedOrganization[];
  patient: {
    name: string;
    nameKana: string;
    birthDate: string;
    age: number;
    sex: Sex;
    address: string;
    phone: string | null;
    lat: number | null;
    lng: number | null;
    areaCode: string | null;
  };
  keyPerson: KeyPerson | null;
  groups: PatientGroup[];
  procedures: Procedure[];
  careLevel: CareLevel;
  livingSituation: LivingSituation | null;
  welfareIssues: WelfareIssue[];
  acp: Acp | null;
  consent: Partial<Consent>;
  neededRoles: TeamRole[];
  admissionDate: string | null;
  /** 主病名・入院の理由 (the full record only). */
  diagnosis: string | null;
  plannedDischargeDate: string;
  difficulty: DifficultyReason[];
  difficultyNote: string | null;
  dischargedOn: string | null;
  outcome: Outcome | null;
  outcomeOn: string | null;
  outcomeMatchesWish: boolean | null;
  /** The day the outcome is due (discharge + the configured follow-up days); null before discharge. */
  outcomeFollowUpOn: string | null;
  /** The outcome was recorded before the follow-up day (早期の転帰); null without an outcome. */
  outcomeIsEarly: boolean | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  permissions: CasePermissions;
  /** The case's consultation with the Center (the latest), for the hospital that asked it and the Center; else null. */
  consultation?: { id: string; status: ConsultationStatus } | null;
};

/** What a candidate organisation sees before it accepts: the minimum necessary, no identity. */
export type CaseSummary = {
  access: 'summary';
  id: string;
  status: CaseStatus;
  hospital: NamedOrganization;
  ageBand: string;
  sex: Sex;
  areaCode: string | null;
  areaName: string | null;
  groups: PatientGroup[];
  procedures: Procedure[];
  careLevel: CareLevel;
  plannedDischargeDate: string;
  /** Set once the patient went home (a referral sent after discharge, for a role still open). */
  dischargedOn: string | null;
  version: number;
};

export type CaseView = FullCase | CaseSummary;

export type CaseListQuery = {
  status?: CaseStatus | undefined;
  route?: CaseRoute | undefined;
  q?: string | undefined;
};

export type CaseEvent = {
  id: number;
  at: string;
  kind: string;
  /** In Japanese; `details` holds its values (i18n/server-text.ts renders it in English). */
  summary: string;
  details?: Record<string, unknown> | null;
  actorName: string | null;
  actorOrganizationName: string | null;
};

export type RouteRequest =
  { route: 'direct' } | { route: 'center'; difficulty: RequestableDifficultyReason[]; note: string };

export type TeamMember = {
  role: TeamRole;
  organization: {
    id: string;
    name: string;
    kind: OrganizationKind;
    phone: string | null;
    professionalPhone: string | null;
  };
  since: string;
  viaReferral: boolean;
};

export type PendingReferral = { id: string; organizationName: string; status: ReferralStatus; respondBy: string };

export type TeamReferral = {
  id: string;
  role: TeamRole;
  organizationId: string;
  organizationName: string;
  status: ReferralStatus;
  respondBy: string;
  viewedAt: string | null;
  declineReasonCode: DeclineReasonCode | null;
};

export type Team = {
  members: TeamMember[];
  /** The needed roles not filled yet (福祉窓口 is filled by an acknowledged welfare link). */
  openRoles: { role: TeamRole; pendingReferrals: PendingReferral[] }[];
  referrals: TeamReferral[];
  /** The case's open welfare links (依頼中・受付済み), which fill 福祉窓口 once acknowledged; empty before access. */
  welfareLinks?: TeamWelfareLink[];
};

export type TeamWelfareLink = {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationKind: OrganizationKind;
  status: 'requested' | 'acknowledged';
};

export type CandidateReason = { code: string; message: string; params?: Record<string, unknown> };

export type Candidate = {
  organization: {
    id: string;
    name: string;
    kind: OrganizationKind;
    address: string;
    phone: string | null;
    lat: number;
    lng: number;
  };
  score: number;
  distanceKm: number;
  availability: {
    status: AvailabilityStatus;
    freeSlots: number | null;
    ageDays: number | null;
    isStale: boolean;
  } | null;
  currentLoad: number;
  reasons: CandidateReason[];
};

/**
 * Why a candidate list is empty (null when it is not): no organisation of a kind that can fill the role is
 * registered at all, or some are but none fits this patient.
 */
export type CandidateEmptyReason = 'no_organization_of_kind' | 'no_candidate_fits';

/**
 * One condition of the patient a near miss does not meet: the same problem as GET …/team/fit gives (its code and
 * values, said in the user's language by team-direct.ts fitProblemText).
 */
export type NearMissProblem = {
  code: 'groups' | 'procedures' | 'coverage' | 'full';
  message: string;
  groups?: PatientGroup[];
  procedures?: Procedure[];
  distanceKm?: number;
  radiusKm?: number | null;
};

/**
 * 惜しい候補: an organisation of a kind that can fill the role, within 30 km, missing one or two of the patient's
 * conditions (each procedure and group apart, the visiting area, 受入不可). Given while fewer than three candidates fit.
 */
export type NearMiss = Pick<Candidate, 'organization' | 'distanceKm' | 'availability'> & {
  misses: NearMissProblem[];
};

export type CandidateList = {
  role: TeamRole;
  filters: { kinds: OrganizationKind[]; groups: PatientGroup[]; procedures: Procedure[] };
  items: Candidate[];
  emptyReason: CandidateEmptyReason | null;
  /** Nearest first, at most 5; empty when three or more candidates fit (absent from an older server). */
  nearMisses?: NearMiss[];
};

export type SendReferralsRequest = {
  role: TeamRole;
  organizationIds: string[];
  respondBy?: string;
  respondWithinBusinessDays?: number;
  message: string;
};

export type ReferralMessage = {
  id: string;
  kind: 'question' | 'answer';
  body: string;
  authorName: string | null;
  authorOrganizationName: string | null;
  createdAt: string;
};

export type Referral = {
  id: string;
  caseId: string;
  batchId: string;
  role: TeamRole;
  status: ReferralStatus;
  organization: NamedOrganization;
  sender: NamedOrganization;
  message: string;
  respondBy: string;
  isOverdue: boolean;
  declineReasonCode: DeclineReasonCode | null;
  declineReason: string | null;
  /** Why it was withdrawn (null unless withdrawn, and for referrals withdrawn before the reason was kept). */
  withdrawnReason: ReferralWithdrawnReason | null;
  viewedAt: string | null;
  respondedAt: string | null;
  createdAt: string;
  version: number;
  /** The receiver sees no name until it accepts (and consent allows); the sender sees it. */
  patientName: string | null;
  case: CaseSummary | null;
  /** Straight-line km from the receiving organisation to the home (0.5 km steps); null when unknown or not shown. */
  distanceKm: number | null;
  messages?: ReferralMessage[];
};

export type ReferralBox = 'inbox' | 'outbox';

export type Consultation = {
  id: string;
  kind: 'case' | 'general';
  caseId: string | null;
  subject: string;
  /** A subject the server wrote (a case's: `case_discharge` with the hospital's name); null for a typed one. */
  subjectCode?: string | null | undefined;
  subjectParams?: Record<string, unknown> | null | undefined;
  reason: 'request' | 'timeout' | 'general';
  difficulty: DifficultyReason[];
  note: string | null;
  status: ConsultationStatus;
  requesterOrganizationId: string | null;
  requesterName: string | null;
  /** Whom a case's consultation is about (the Center and the asking hospital; with the patient's consent to the Center). */
  patient: { name: string; nameKana: string; age: number | null } | null;
  assignedUserId: string | null;
  assigneeName: string | null;
  plannedDischargeDate: string | null;
  /** The day the patient left hospital, once recorded. */
  dischargedOn: string | null;
  caseStatus: CaseStatus | null;
  ageDays: number;
  daysToDischarge: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type ConsultationMessage = {
  id: string;
  body: string;
  authorName: string | null;
  authorOrganizationName: string | null;
  isFromCenter: boolean;
  createdAt: string;
};

export type ConsultationDetail = Consultation & { messages: ConsultationMessage[] };

export type ConsultationQuery = {
  status?: ConsultationStatus[] | undefined;
  kind?: 'case' | 'general' | undefined;
  sort?: 'age' | 'plannedDischargeDate' | undefined;
  assigned?: 'me' | 'unassigned' | undefined;
};

export type WelfareLink = {
  id: string;
  caseId: string;
  organization: { id: string; name: string; kind: OrganizationKind };
  /** Who asked: the hospital's liaison or a Center coordinator, with the number to call back. */
  requestedBy: {
    name: string | null;
    organization: { id: string; name: string; kind: OrganizationKind };
    phone: string | null;
  } | null;
  reason: string;
  status: WelfareLinkStatus;
  response: string | null;
  createdAt: string;
  updatedAt: string;
  /** The minimum necessary about the patient (age band, ward) — no name or address. */
  case: {
    hospital: NamedOrganization;
    plannedDischargeDate: string;
    /** The day the patient left hospital, once recorded (a link may be asked for after the discharge). */
    dischargedOn: string | null;
    status: CaseStatus;
    ageBand: string;
    areaCode: string | null;
    areaName: string | null;
  };
};

export type CaseMessage = {
  id: string;
  body: string;
  authorName: string | null;
  authorOrganizationName: string | null;
  authorOrganizationId: string | null;
  createdAt: string;
  isMine: boolean;
  readBy: { userId: string; name: string; organizationName: string | null; readAt: string }[];
  /** The thread's organisations, other than the author's, where nobody has read it yet. */
  unreadOrganizations?: { id: string; name: string }[];
};

/**
 * The thread, oldest first. Reading marks it all read: `newlyRead` is how many this reading marked read (what was
 * new), `unreadCount` what is still unread after it.
 */
export type CaseMessageList = {
  items: CaseMessage[];
  nextCursor: string | null;
  unreadCount: number;
  newlyRead: number;
};

export type Conference = {
  id: string;
  caseId: string;
  hospital: NamedOrganization;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  place: string | null;
  onlineUrl: string | null;
  status: ConferenceStatus;
  participants: { organizationId: string; name: string; kind: OrganizationKind }[];
  minutes: string | null;
  minutesRecordedAt: string | null;
  minutesRecordedByName: string | null;
  sequence: number;
  version: number;
  calendarUrl: string;
  createdAt: string;
  updatedAt: string;
  permissions: { canManage: boolean };
};

export type ScheduleConferenceRequest = {
  startsAt: string;
  durationMinutes: number;
  place?: string;
  onlineUrl?: string;
  participantOrganizationIds: string[];
};

export type UpdateConferenceRequest = {
  startsAt?: string;
  durationMinutes?: number;
  place?: string | null;
  onlineUrl?: string | null;
  participantOrganizationIds?: string[];
};

export type GeocodePlace = {
  lat: number;
  lng: number;
  precision: 'machiaza' | 'oaza' | 'ward' | 'postal_code';
  areaCode: string | null;
  label: string;
};

export type WardBoundaryCollection = FeatureCollection<
  Geometry,
  { code: string; name: string; fullName: string; attribution: string }
>;
