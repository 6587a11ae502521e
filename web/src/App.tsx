/** The routes of the application: public pages, the two-factor setup, and the signed-in shell. */
import type { RouteObject } from 'react-router-dom';
import { AppShell } from './components/AppShell';
import { PublicLayout } from './components/PublicLayout';
import { RoleGate } from './components/RoleGate';
import { LoginPage } from './pages/LoginPage';
import { MfaSetupPage } from './pages/MfaSetupPage';
import { HomePage } from './pages/HomePage';
import { OrganizationListPage } from './pages/OrganizationListPage';
import { OrganizationPage } from './pages/OrganizationPage';
import { OrganizationEditPage } from './pages/OrganizationEditPage';
import { MyOrganizationPage } from './pages/MyOrganizationPage';
import { UsersPage } from './pages/UsersPage';
import { OrganizationCreatePage } from './pages/OrganizationCreatePage';
import { AuditPage } from './pages/AuditPage';
import { AssociationMembersPage } from './pages/AssociationMembersPage';
import { AboutDataPage } from './pages/AboutDataPage';
import { PasswordPage } from './pages/PasswordPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { CaseListPage } from './pages/cases/CaseListPage';
import { CaseCreatePage } from './pages/cases/CaseCreatePage';
import { CaseEditPage } from './pages/cases/CaseEditPage';
import { CasePage } from './pages/cases/CasePage';
import { ReferralInboxPage } from './pages/referrals/ReferralInboxPage';
import { ReferralPage } from './pages/referrals/ReferralPage';
import { WelfareLinkInboxPage } from './pages/referrals/WelfareLinkInboxPage';
import { CenterInboxPage } from './pages/center/CenterInboxPage';
import { ConsultationPage } from './pages/center/ConsultationPage';
import { ConsultationsPage } from './pages/center/ConsultationsPage';
import { ResourceSearchPage } from './pages/directory/ResourceSearchPage';
import { StaleMembersPage } from './pages/directory/StaleMembersPage';
import { NotificationsPage } from './pages/directory/NotificationsPage';
import { CitizenLayout } from './components/directory/CitizenLayout';
import { PublicHomePage } from './pages/public/PublicHomePage';
import { PublicSearchPage } from './pages/public/PublicSearchPage';
import { GuideDischargePage } from './pages/public/GuideDischargePage';
import { GuideAcpPage } from './pages/public/GuideAcpPage';
import { GuideFamilyDoctorPage } from './pages/public/GuideFamilyDoctorPage';
import { PublicNotFoundPage } from './pages/public/PublicNotFoundPage';
import { RotationsPage } from './pages/rotations/RotationsPage';
import { GroupCreatePage } from './pages/rotations/GroupCreatePage';
import { GroupPage } from './pages/rotations/GroupPage';
import { RosterPage } from './pages/rotations/RosterPage';
import { BatchAssignmentPage } from './pages/matching/BatchAssignmentPage';
import { PairsPage } from './pages/matching/PairsPage';
import { OwnPairsPage } from './pages/matching/OwnPairsPage';
import { ReliancePage } from './pages/matching/ReliancePage';
import { AreaAnalyticsPage } from './pages/analytics/AreaAnalyticsPage';
import { RouteError } from './components/RouteError';

export const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    errorElement: <RouteError />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/about/data', element: <AboutDataPage /> },
      { path: '/mfa/setup', element: <MfaSetupPage /> },
    ],
  },
  {
    // Citizens' pages: no login (src/features/public, GET /api/v1/public/*).
    path: '/public',
    element: <CitizenLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <PublicHomePage /> },
      { path: 'search', element: <PublicSearchPage /> },
      { path: 'guide/discharge', element: <GuideDischargePage /> },
      { path: 'guide/acp', element: <GuideAcpPage /> },
      { path: 'guide/family-doctor', element: <GuideFamilyDoctorPage /> },
      // A mistyped citizen's address stays with the citizens (not the professionals' login).
      { path: '*', element: <PublicNotFoundPage /> },
    ],
  },
  {
    path: '/',
    element: <AppShell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'organizations', element: <OrganizationListPage /> },
      { path: 'organizations/:id', element: <OrganizationPage /> },
      { path: 'organizations/:id/edit', element: <OrganizationEditPage /> },
      { path: 'my-organization', element: <MyOrganizationPage /> },
      // The own organisation's doctor pairs: where the pair notification leads (GET /doctor-pairs, own pairs only).
      { path: 'my-organization/pairs', element: <OwnPairsPage /> },
      {
        path: 'admin/users',
        element: (
          <RoleGate roles={['admin', 'association_admin']}>
            <UsersPage />
          </RoleGate>
        ),
      },
      {
        path: 'admin/organizations/new',
        element: (
          <RoleGate roles={['admin']}>
            <OrganizationCreatePage />
          </RoleGate>
        ),
      },
      { path: 'audit', element: <AuditPage /> },
      {
        path: 'association/members',
        element: (
          <RoleGate roles={['association_admin']}>
            <AssociationMembersPage />
          </RoleGate>
        ),
      },
      // Discharge coordination (src/features/cases, referrals, teams, consultations): the server decides access.
      {
        path: 'center',
        element: (
          <RoleGate roles={['center_coordinator']}>
            <CenterInboxPage />
          </RoleGate>
        ),
      },
      { path: 'center/consultations/:id', element: <ConsultationPage /> },
      // 相談窓口: the professionals who may ask (the Center is sent to its inbox by the page itself).
      {
        path: 'consultations',
        element: (
          <RoleGate roles={['hospital_liaison', 'provider', 'association_admin', 'center_coordinator']}>
            <ConsultationsPage />
          </RoleGate>
        ),
      },
      { path: 'consultations/:id', element: <ConsultationPage /> },
      {
        path: 'cases',
        element: (
          <RoleGate roles={['hospital_liaison', 'center_coordinator', 'provider']}>
            <CaseListPage />
          </RoleGate>
        ),
      },
      {
        path: 'cases/new',
        element: (
          <RoleGate roles={['hospital_liaison']}>
            <CaseCreatePage />
          </RoleGate>
        ),
      },
      { path: 'cases/:id', element: <CasePage /> },
      { path: 'cases/:id/edit', element: <CaseEditPage /> },
      {
        path: 'referrals/:id',
        element: (
          <RoleGate roles={['hospital_liaison', 'center_coordinator', 'provider']}>
            <ReferralPage />
          </RoleGate>
        ),
      },
      { path: 'welfare-links', element: <WelfareLinkInboxPage /> },
      { path: 'directory/search', element: <ResourceSearchPage /> },
      {
        path: 'association/stale',
        element: (
          <RoleGate roles={['association_admin', 'admin']}>
            <StaleMembersPage />
          </RoleGate>
        ),
      },
      { path: 'notifications', element: <NotificationsPage /> },
      // Rotations (輪番, src/features/rotations): association admins run groups and rosters, member clinics take part.
      {
        path: 'rotations',
        element: (
          <RoleGate roles={['association_admin', 'provider', 'admin']}>
            <RotationsPage />
          </RoleGate>
        ),
      },
      {
        path: 'rotations/groups/new',
        element: (
          <RoleGate roles={['association_admin', 'admin']}>
            <GroupCreatePage />
          </RoleGate>
        ),
      },
      { path: 'rotations/groups/:id', element: <GroupPage /> },
      { path: 'rotations/rosters/:id', element: <RosterPage /> },
      // Matching (src/features/matching, pairs, analytics/reliance): spreading the load.
      {
        path: 'matching',
        element: (
          <RoleGate roles={['center_coordinator']}>
            <BatchAssignmentPage />
          </RoleGate>
        ),
      },
      {
        path: 'matching/pairs',
        element: (
          <RoleGate roles={['association_admin', 'admin', 'center_coordinator']}>
            <PairsPage />
          </RoleGate>
        ),
      },
      {
        path: 'matching/reliance',
        element: (
          <RoleGate roles={['center_coordinator', 'association_admin', 'city_analyst', 'admin']}>
            <ReliancePage />
          </RoleGate>
        ),
      },
      {
        path: 'referrals',
        element: (
          <RoleGate roles={['hospital_liaison', 'center_coordinator', 'provider']}>
            <ReferralInboxPage />
          </RoleGate>
        ),
      },
      {
        path: 'analytics',
        element: (
          <RoleGate roles={['city_analyst', 'association_admin', 'center_coordinator', 'admin']}>
            <AreaAnalyticsPage />
          </RoleGate>
        ),
      },
      { path: 'account/password', element: <PasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
