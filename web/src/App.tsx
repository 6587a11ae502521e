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
import { ComingSoonPage } from './pages/ComingSoonPage';
import { AboutDataPage } from './pages/AboutDataPage';
import { PasswordPage } from './pages/PasswordPage';
import { NotFoundPage } from './pages/NotFoundPage';

export const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/about/data', element: <AboutDataPage /> },
      { path: '/mfa/setup', element: <MfaSetupPage /> },
    ],
  },
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'organizations', element: <OrganizationListPage /> },
      { path: 'organizations/:id', element: <OrganizationPage /> },
      { path: 'organizations/:id/edit', element: <OrganizationEditPage /> },
      { path: 'my-organization', element: <MyOrganizationPage /> },
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
      { path: 'center', element: <ComingSoonPage feature="center" /> },
      { path: 'cases', element: <ComingSoonPage feature="cases" /> },
      { path: 'directory/search', element: <ComingSoonPage feature="directorySearch" /> },
      { path: 'referrals', element: <ComingSoonPage feature="referrals" /> },
      { path: 'analytics', element: <ComingSoonPage feature="analytics" /> },
      { path: 'account/password', element: <PasswordPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
