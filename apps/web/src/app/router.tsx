import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { UnitsPage } from '../features/units/units-page';
import { NotFoundPage } from '../components/not-found-page';
import { HomeRedirect } from '../features/teams/home-redirect';
import { AuthGuard, RequirePermission } from './auth-guard';
import { AppLayout } from './layout';

/** Less-used screens load on demand to keep the first download small on rural 3G/4G. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    // The field screen opens with no connection too: its guard falls back on the device copy.
    // Its files are cached by the service worker once it has been opened online.
    path: '/field',
    lazy: async () => {
      const { FieldGuard } = await import('../features/field/field-guard');
      return { Component: FieldGuard };
    },
    children: [
      {
        element: <AppLayout />,
        children: [
          {
            index: true,
            lazy: async () => {
              const { FieldPage } = await import('../features/field/field-page');
              return { Component: FieldPage };
            },
          },
        ],
      },
    ],
  },
  {
    element: <AuthGuard />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          { path: 'units', element: <UnitsPage /> },
          {
            path: 'units/import',
            lazy: async () => {
              const { ImportUnitsPage } = await import('../features/units/import-units-page');
              return {
                element: (
                  <RequirePermission permission="units:import">
                    <ImportUnitsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          { path: 'units/:unitId', element: <UnitsPage /> },
          {
            path: 'residents',
            lazy: async () => {
              const { ResidentsPage } = await import('../features/residents/residents-page');
              return {
                element: (
                  <RequirePermission permission="residents:read">
                    <ResidentsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'residents/:residentId',
            lazy: async () => {
              const { ResidentPage } = await import('../features/residents/resident-page');
              return {
                element: (
                  <RequirePermission permission="residents:read">
                    <ResidentPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'households',
            lazy: async () => {
              const { HouseholdsPage } = await import('../features/households/households-page');
              return {
                element: (
                  <RequirePermission permission="residents:read">
                    <HouseholdsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'households/import',
            lazy: async () => {
              const { ImportHouseholdsPage } =
                await import('../features/households/import-households-page');
              return {
                element: (
                  <RequirePermission permission="residents:manage">
                    <ImportHouseholdsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'households/:householdId',
            lazy: async () => {
              const { HouseholdPage } = await import('../features/households/household-page');
              return {
                element: (
                  <RequirePermission permission="residents:read">
                    <HouseholdPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'data-requests',
            lazy: async () => {
              const { DataRequestsPage } =
                await import('../features/data-requests/data-requests-page');
              return {
                element: (
                  <RequirePermission permission="residents:manage">
                    <DataRequestsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'coverage',
            lazy: async () => {
              const { CoveragePage } = await import('../features/teams/coverage-page');
              return { Component: CoveragePage };
            },
          },
          {
            path: 'progress',
            lazy: async () => {
              const { ProgressPage } = await import('../features/progress/progress-page');
              return {
                element: (
                  <RequirePermission permission="teams:read">
                    <ProgressPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'progress/records',
            lazy: async () => {
              const { RecordsPage } = await import('../features/progress/records-page');
              return {
                element: (
                  <RequirePermission permission="residents:read">
                    <RecordsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'teams',
            lazy: async () => {
              const { TeamsPage } = await import('../features/teams/teams-page');
              return { Component: TeamsPage };
            },
          },
          {
            path: 'teams/:teamId',
            lazy: async () => {
              const { TeamPage } = await import('../features/teams/team-page');
              return { Component: TeamPage };
            },
          },
          {
            path: 'chat-groups',
            lazy: async () => {
              const { ChatGroupsPage } = await import('../features/chat-groups/chat-groups-page');
              return { Component: ChatGroupsPage };
            },
          },
          {
            path: 'chat-groups/:groupId/card',
            lazy: async () => {
              const { ChatGroupCardPage } =
                await import('../features/chat-groups/chat-group-card-page');
              return { Component: ChatGroupCardPage };
            },
          },
          {
            path: 'settings',
            lazy: async () => {
              const { SettingsPage } = await import('../features/settings/settings-page');
              return {
                element: (
                  <RequirePermission permission="settings:write">
                    <SettingsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'users',
            lazy: async () => {
              const { UsersPage } = await import('../features/users/users-page');
              return {
                element: (
                  <RequirePermission permission="users:read">
                    <UsersPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'audit',
            lazy: async () => {
              const { AuditPage } = await import('../features/audit/audit-page');
              return {
                element: (
                  <RequirePermission permission="audit:read">
                    <AuditPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'password',
            lazy: async () => {
              const { ChangePasswordPage } = await import('../features/auth/change-password-page');
              return { Component: ChangePasswordPage };
            },
          },
          {
            path: 'about',
            lazy: async () => {
              const { AboutPage } = await import('../features/about/about-page');
              return { Component: AboutPage };
            },
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
