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
            path: 'dashboard',
            lazy: async () => {
              const { DashboardPage } = await import('../features/dashboard/dashboard-page');
              return {
                element: (
                  <RequirePermission permission="teams:read">
                    <DashboardPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'evaluation',
            lazy: async () => {
              const { EvaluationPage } = await import('../features/dashboard/evaluation-page');
              return {
                element: (
                  <RequirePermission permission="teams:read">
                    <EvaluationPage />
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
            path: 'targets',
            lazy: async () => {
              const { TargetsPage } = await import('../features/targets/targets-page');
              return {
                element: (
                  <RequirePermission permission="teams:read">
                    <TargetsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'campaigns',
            lazy: async () => {
              const { CampaignsPage } = await import('../features/targets/campaigns-page');
              return {
                element: (
                  <RequirePermission permission="teams:read">
                    <CampaignsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'platforms',
            lazy: async () => {
              const { PlatformsPage } = await import('../features/targets/platforms-page');
              return {
                element: (
                  <RequirePermission permission="teams:read">
                    <PlatformsPage />
                  </RequirePermission>
                ),
              };
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
            path: 'library',
            lazy: async () => {
              const { MaterialsPage } = await import('../features/materials/materials-page');
              return { Component: MaterialsPage };
            },
          },
          {
            path: 'library/guides/:platformId?',
            lazy: async () => {
              const { GuidesPage } = await import('../features/materials/guides-page');
              return { Component: GuidesPage };
            },
          },
          {
            path: 'practices',
            lazy: async () => {
              const { PracticesPage } = await import('../features/practices/practices-page');
              return { Component: PracticesPage };
            },
          },
          {
            path: 'practices/:practiceId',
            lazy: async () => {
              const { PracticePage } = await import('../features/practices/practice-page');
              return { Component: PracticePage };
            },
          },
          {
            path: 'reports',
            lazy: async () => {
              const { ReportsPage } = await import('../features/reports/reports-page');
              return {
                element: (
                  <RequirePermission permission="reports:read">
                    <ReportsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'reports/:reportId',
            lazy: async () => {
              const { ReportPage } = await import('../features/reports/report-page');
              return {
                element: (
                  <RequirePermission permission="reports:read">
                    <ReportPage />
                  </RequirePermission>
                ),
              };
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
            path: 'difficulties',
            lazy: async () => {
              const { DifficultiesPage } =
                await import('../features/difficulties/difficulties-page');
              return {
                element: (
                  <RequirePermission permission="difficulties:read">
                    <DifficultiesPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'difficulties/:difficultyId',
            lazy: async () => {
              const { DifficultyPage } = await import('../features/difficulties/difficulty-page');
              return {
                element: (
                  <RequirePermission permission="difficulties:read">
                    <DifficultyPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'notifications',
            lazy: async () => {
              const { NotificationsPage } =
                await import('../features/notifications/notifications-page');
              return { Component: NotificationsPage };
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
          {
            path: 'trainings',
            lazy: async () => {
              const { TrainingsPage } = await import('../features/trainings/trainings-page');
              return {
                element: (
                  <RequirePermission permission="trainings:read">
                    <TrainingsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'trainings/new',
            lazy: async () => {
              const { TrainingFormPage } = await import('../features/trainings/training-form-page');
              return {
                element: (
                  <RequirePermission permission="trainings:write">
                    <TrainingFormPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'trainings/coverage',
            lazy: async () => {
              const { TrainingCoveragePage } =
                await import('../features/trainings/training-coverage-page');
              return {
                element: (
                  <RequirePermission permission="trainings:read">
                    <TrainingCoveragePage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'trainings/members/:memberId',
            lazy: async () => {
              const { MemberTrainingsPage } =
                await import('../features/trainings/member-trainings-page');
              return {
                element: (
                  <RequirePermission permission="trainings:read">
                    <MemberTrainingsPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'trainings/:trainingId',
            lazy: async () => {
              const { TrainingPage } = await import('../features/trainings/training-page');
              return {
                element: (
                  <RequirePermission permission="trainings:read">
                    <TrainingPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'partners',
            lazy: async () => {
              const { PartnersPage } = await import('../features/partners/partners-page');
              return {
                element: (
                  <RequirePermission permission="partners:read">
                    <PartnersPage />
                  </RequirePermission>
                ),
              };
            },
          },
          {
            path: 'partners/:partnerId',
            lazy: async () => {
              const { PartnerPage } = await import('../features/partners/partner-page');
              return {
                element: (
                  <RequirePermission permission="partners:read">
                    <PartnerPage />
                  </RequirePermission>
                ),
              };
            },
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
