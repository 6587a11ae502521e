/**
 * Who may call which endpoint: one line per "METHOD /path" of the OpenAPI document (path
 * parameters in OpenAPI form, `{id}`). test/platform/access-matrix.int.test.ts walks every
 * operation of GET /api/openapi.json unauthenticated and as each role and holds the server to
 * this table — a new route fails that test until it is added here.
 *
 * 'public'   — reachable without signing in.
 * 'any'      — every signed-in role.
 * [roles…]   — only these roles; every other role gets 403 `forbidden` from the guard.
 *
 * Being allowed here means "the guard lets the role through"; the service may still answer
 * 404 for records outside the caller's scope (CONTRACT §2: not found, not forbidden).
 */
import { roles, type Role } from '../src/domain/codes.js';

export type AccessExpectation = 'public' | 'any' | readonly Role[];

/** Everyone who may change an organisation's profile or availability (the service narrows it to their own). */
const organizationEditors: readonly Role[] = [
  'admin',
  'association_admin',
  'provider',
  'hospital_liaison',
  'center_coordinator',
];
const accountManagers: readonly Role[] = ['admin', 'association_admin'];
/** Rotation groups, rosters and swaps (src/features/rotations `rotationRoles`). */
const rotationParticipants: readonly Role[] = ['admin', 'association_admin', 'provider'];
/** Those who work on discharge cases (src/features/cases/case.routes.ts `caseRoles`); the service scopes each case. */
const caseWorkers: readonly Role[] = ['hospital_liaison', 'center_coordinator', 'provider'];
/** Those who may consult the center or answer (src/features/consultations). */
const consultationParticipants: readonly Role[] = [
  'hospital_liaison',
  'center_coordinator',
  'provider',
  'association_admin',
];

export const accessMatrix: Record<string, AccessExpectation> = {
  // System
  'GET /healthz': 'public',

  // Sign-in and the current user (auth)
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/mfa': 'public',
  'POST /api/v1/auth/logout': 'any',
  'POST /api/v1/auth/mfa/enroll': 'any',
  'POST /api/v1/auth/mfa/confirm': 'any',
  'GET /api/v1/me': 'any',
  'POST /api/v1/me/password': 'any',

  // Administration
  'GET /api/v1/users': accountManagers,
  'POST /api/v1/users': accountManagers,
  'GET /api/v1/users/{id}': accountManagers,
  'PATCH /api/v1/users/{id}': accountManagers,
  'POST /api/v1/organizations': ['admin'],

  // Directory
  'GET /api/v1/organizations': 'any',
  'GET /api/v1/organizations/{id}': 'any',
  'PATCH /api/v1/organizations/{id}': organizationEditors,
  'PUT /api/v1/organizations/{id}/availability': organizationEditors,
  'GET /api/v1/areas': 'any',
  'GET /api/v1/resources/search': 'any',
  'GET /api/v1/resources/kinds': 'any',
  'GET /api/v1/directory/stale': ['admin', 'association_admin'],

  // Public (citizens, the web client before sign-in)
  'GET /api/v1/public/areas': 'public',
  'GET /api/v1/public/areas/boundaries': 'public',
  'GET /api/v1/public/config': 'public',
  'GET /api/v1/public/contacts': 'public',
  'GET /api/v1/public/resources/search': 'public',
  'GET /api/v1/public/geocode': 'public',
  'GET /api/v1/public/templates/renkei-csv.md': 'public',
  'GET /api/v1/public/templates/renkei-csv-example.csv': 'public',

  // Open data exports (HSDS 3.0, FHIR R4 directory resources)
  'GET /hsds': 'public',
  'GET /hsds/organizations': 'public',
  'GET /hsds/services': 'public',
  'GET /hsds/locations': 'public',
  'GET /hsds/organizations/{id}': 'public',
  'GET /fhir/r4/metadata': 'public',
  'GET /hsds/services/{id}': 'public',
  'GET /hsds/locations/{id}': 'public',
  'GET /fhir/r4/Organization': 'public',
  'GET /fhir/r4/Organization/{id}': 'public',
  'GET /fhir/r4/Location': 'public',
  'GET /fhir/r4/Location/{id}': 'public',
  'GET /fhir/r4/HealthcareService': 'public',
  'GET /fhir/r4/HealthcareService/{id}': 'public',
  // — FHIR clinical — (signed in like the case routes; the service scopes each case and referral, 404 otherwise)
  'GET /fhir/r4/Patient': caseWorkers,
  'GET /fhir/r4/Patient/{id}': caseWorkers,
  'GET /fhir/r4/CareTeam': caseWorkers,
  'GET /fhir/r4/CareTeam/{id}': caseWorkers,
  'GET /fhir/r4/ServiceRequest': caseWorkers,
  'GET /fhir/r4/ServiceRequest/{id}': caseWorkers,
  'GET /fhir/r4/Task': caseWorkers,
  'GET /fhir/r4/Task/{id}': caseWorkers,
  // — end FHIR clinical —
  // — area analytics — (aggregated figures only; counts of people under 10 suppressed)
  'GET /api/v1/analytics/areas': ['city_analyst', 'association_admin', 'center_coordinator', 'admin'],
  // — end area analytics —

  // Discharge coordination: cases, referrals, teams
  'POST /api/v1/cases': ['hospital_liaison'],
  'GET /api/v1/cases': caseWorkers,
  'GET /api/v1/cases/{id}': caseWorkers,
  'PATCH /api/v1/cases/{id}': caseWorkers,
  'POST /api/v1/cases/{id}/route': caseWorkers,
  'POST /api/v1/cases/{id}/transfer': caseWorkers,
  'POST /api/v1/cases/{id}/discharge': caseWorkers,
  'POST /api/v1/cases/{id}/cancel': caseWorkers,
  'PUT /api/v1/cases/{id}/outcome': caseWorkers,
  'GET /api/v1/cases/{id}/timeline': caseWorkers,
  'GET /api/v1/cases/{id}/team': caseWorkers,
  'POST /api/v1/cases/{id}/team': caseWorkers,
  'GET /api/v1/cases/{id}/team/fit': caseWorkers,
  'GET /api/v1/cases/{id}/candidates': caseWorkers,
  'POST /api/v1/cases/{id}/referrals': caseWorkers,
  'GET /api/v1/referrals': caseWorkers,
  'GET /api/v1/referrals/{id}': caseWorkers,
  'POST /api/v1/referrals/{id}/accept': caseWorkers,
  'POST /api/v1/referrals/{id}/decline': caseWorkers,
  'POST /api/v1/referrals/{id}/withdraw': caseWorkers,
  'POST /api/v1/referrals/{id}/questions': caseWorkers,

  // Consultations with the center
  'GET /api/v1/center/consultations': consultationParticipants,
  'GET /api/v1/consultations': consultationParticipants,
  'POST /api/v1/consultations': ['hospital_liaison', 'provider', 'association_admin'],
  'GET /api/v1/consultations/{id}': consultationParticipants,
  'POST /api/v1/consultations/{id}/messages': consultationParticipants,
  'POST /api/v1/consultations/{id}/assign': ['center_coordinator'],
  'GET /api/v1/center/coordinators': ['center_coordinator'],
  'POST /api/v1/consultations/{id}/close': consultationParticipants,
  'POST /api/v1/consultations/{id}/reopen': consultationParticipants,

  // Notifications (the list and the live stream of the caller's own)
  'GET /api/v1/notifications': 'any',
  'POST /api/v1/notifications/read-all': 'any',
  'POST /api/v1/notifications/{id}/read': 'any',
  'GET /api/v1/events': 'any',

  // Audit
  'GET /api/v1/audit': 'any',

  // — discharge extras — (welfare links, the team's thread, conferences, summary PDF; the service scopes each case)
  'POST /api/v1/cases/{id}/welfare-links': caseWorkers,
  'GET /api/v1/cases/{id}/welfare-links': caseWorkers,
  'GET /api/v1/welfare-links': caseWorkers,
  'POST /api/v1/welfare-links/{id}/acknowledge': caseWorkers,
  'POST /api/v1/welfare-links/{id}/close': caseWorkers,
  'GET /api/v1/cases/{id}/messages': caseWorkers,
  'POST /api/v1/cases/{id}/messages': caseWorkers,
  'POST /api/v1/cases/{id}/conferences': caseWorkers,
  'GET /api/v1/cases/{id}/conferences': caseWorkers,
  'GET /api/v1/conferences/{id}': caseWorkers,
  'PATCH /api/v1/conferences/{id}': caseWorkers,
  'POST /api/v1/conferences/{id}/cancel': caseWorkers,
  'PUT /api/v1/conferences/{id}/minutes': caseWorkers,
  'GET /api/v1/conferences/{id}/calendar.ics': caseWorkers,
  'GET /api/v1/cases/{id}/summary.pdf': caseWorkers,

  // — matching (issue 6) — the Center's batch assignment, doctor pairs, reliance
  'GET /api/v1/matching/open-cases': ['center_coordinator'],
  'POST /api/v1/matching/proposals': ['center_coordinator'],
  'GET /api/v1/matching/proposals': ['center_coordinator'],
  'GET /api/v1/matching/proposals/{id}': ['center_coordinator'],
  'PATCH /api/v1/matching/proposals/{id}': ['center_coordinator'],
  'POST /api/v1/matching/proposals/{id}/send': ['center_coordinator'],
  // Every role reaches it; the service lists only the pairs the caller may read (a clinic its own, an association its
  // members', the Center and an admin all; src/features/pairs/pairs.int.test.ts).
  'GET /api/v1/doctor-pairs': 'any',
  'GET /api/v1/doctor-pairs/suggestions': ['association_admin', 'admin', 'center_coordinator'],
  'POST /api/v1/doctor-pairs': ['admin', 'association_admin'],
  'POST /api/v1/doctor-pairs/bulk': ['admin', 'association_admin'],
  'POST /api/v1/doctor-pairs/{id}/end': ['admin', 'association_admin'],
  'GET /api/v1/analytics/reliance': ['center_coordinator', 'association_admin', 'city_analyst', 'admin'],
  // — end matching —
  // — load sharing (issue 7) — rotations (association admins run them, member clinics take part; the
  // services scope each group and roster), escalation, emergency card, acute events, backup hospitals
  'POST /api/v1/rotation-groups': rotationParticipants,
  'GET /api/v1/rotation-groups': rotationParticipants,
  'GET /api/v1/rotation-groups/{id}': rotationParticipants,
  'PATCH /api/v1/rotation-groups/{id}': rotationParticipants,
  'PUT /api/v1/rotation-groups/{id}/members/{organizationId}': rotationParticipants,
  'GET /api/v1/rotation-groups/{id}/rosters': rotationParticipants,
  'POST /api/v1/rotation-groups/{id}/rosters': rotationParticipants,
  'GET /api/v1/rosters/{id}': rotationParticipants,
  'POST /api/v1/rosters/{id}/publish': rotationParticipants,
  'POST /api/v1/rosters/{id}/discard': rotationParticipants,
  'PATCH /api/v1/rosters/{id}/duties/{dutyId}': rotationParticipants,
  'GET /api/v1/rosters/{id}/calendar': rotationParticipants,
  'GET /api/v1/rosters/{id}/calendar.ics': rotationParticipants,
  'GET /api/v1/rosters/{id}/swaps': rotationParticipants,
  'POST /api/v1/rosters/{id}/swaps': rotationParticipants,
  'POST /api/v1/rosters/{id}/swaps/{swapId}/accept': rotationParticipants,
  'POST /api/v1/rosters/{id}/swaps/{swapId}/decline': rotationParticipants,
  'POST /api/v1/rosters/{id}/swaps/{swapId}/withdraw': rotationParticipants,
  'POST /api/v1/rosters/{id}/swaps/{swapId}/approve': rotationParticipants,
  'POST /api/v1/rosters/{id}/swaps/{swapId}/reject': rotationParticipants,
  'GET /api/v1/cases/{id}/escalation': caseWorkers,
  'GET /api/v1/cases/{id}/emergency-card.pdf': caseWorkers,
  'POST /api/v1/cases/{id}/acute-events': caseWorkers,
  'GET /api/v1/cases/{id}/acute-events': caseWorkers,
  'GET /api/v1/analytics/acute-events': ['admin', 'association_admin', 'center_coordinator', 'city_analyst'],
  'GET /api/v1/backup-hospitals': 'any',
  'GET /api/v1/escalation-settings': 'any',
  'PUT /api/v1/escalation-settings/{areaCode}': ['admin', 'association_admin'],
  // — end load sharing —
};

/** The roles a matrix entry lets through ('public' and 'any': all of them). */
export function allowedRoles(expectation: AccessExpectation): readonly Role[] {
  return expectation === 'public' || expectation === 'any' ? roles : expectation;
}
