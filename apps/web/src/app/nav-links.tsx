import { NavLink } from '@mantine/core';
import {
  IconAddressBook,
  IconApps,
  IconAdjustments,
  IconBooks,
  IconAlertTriangle,
  IconBell,
  IconBrandMessenger,
  IconBulb,
  IconBriefcase,
  IconSchool,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconChartBar,
  IconChartDots,
  IconChecklist,
  IconUsersGroup,
  IconFileImport,
  IconReportAnalytics,
  IconGauge,
  IconHistory,
  IconInfoCircle,
  IconKey,
  IconShieldLock,
  IconTarget,
  IconTableImport,
  IconTrophy,
  IconUsers,
} from '@tabler/icons-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Permission } from '@toso/domain/roles';
import { useCan, useCurrentUser } from './auth-guard';

/** The count of unsent field records (loaded apart: it brings the IndexedDB library). */
const PendingBadge = lazy(() => import('../features/field/pending-badge'));

interface Item {
  to: string;
  label: string;
  icon: ReactNode;
  permission?: Permission;
  badge?: ReactNode;
  active: (path: string) => boolean;
}

export function NavLinks(props: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const { pathname } = useLocation();
  const me = useCurrentUser();
  const field: Item = {
    to: '/field',
    label: t('nav.field'),
    icon: <IconChecklist size={20} stroke={1.6} />,
    permission: 'residents:write',
    badge: (
      <Suspense fallback={null}>
        <PendingBadge userId={me.user.id} />
      </Suspense>
    ),
    active: (p) => p.startsWith('/field'),
  };
  const inHamlet = me.user.role === 'team_member' || me.user.role === 'team_leader';
  const items: Item[] = [
    ...(inHamlet ? [field] : []),
    ...(inHamlet
      ? []
      : [
          {
            to: '/dashboard',
            label: t('dashboard.nav'),
            icon: <IconGauge size={20} stroke={1.6} />,
            permission: 'teams:read' as const,
            active: (p: string) => p.startsWith('/dashboard'),
          },
          {
            to: '/evaluation',
            label: t('evaluation.nav'),
            icon: <IconTrophy size={20} stroke={1.6} />,
            permission: 'teams:read' as const,
            active: (p: string) => p.startsWith('/evaluation'),
          },
        ]),
    {
      to: '/difficulties',
      label: t('difficulties.nav'),
      icon: <IconAlertTriangle size={20} stroke={1.6} />,
      permission: 'difficulties:read',
      active: (p) => p.startsWith('/difficulties'),
    },
    {
      to: '/coverage',
      label: t('nav.coverage'),
      icon: <IconChartBar size={20} stroke={1.6} />,
      permission: 'decisions:write',
      active: (p) => p.startsWith('/coverage'),
    },
    {
      to: '/progress',
      label: t('progress.nav'),
      icon: <IconChartDots size={20} stroke={1.6} />,
      permission: 'teams:read',
      active: (p) => p.startsWith('/progress'),
    },
    {
      to: '/teams',
      label: t('nav.teams'),
      icon: <IconUsersGroup size={20} stroke={1.6} />,
      permission: 'teams:read',
      active: (p) => p.startsWith('/teams'),
    },
    {
      to: '/targets',
      label: t('targets.title'),
      icon: <IconTarget size={20} stroke={1.6} />,
      permission: 'teams:write',
      active: (p) => p.startsWith('/targets'),
    },
    {
      to: '/campaigns',
      label: t('targetsCampaigns.title'),
      icon: <IconCalendarEvent size={20} stroke={1.6} />,
      permission: 'teams:write',
      active: (p) => p.startsWith('/campaigns'),
    },
    {
      to: '/platforms',
      label: t('targetsCatalogue.title'),
      icon: <IconApps size={20} stroke={1.6} />,
      permission: 'teams:write',
      active: (p) => p.startsWith('/platforms'),
    },
    {
      to: '/chat-groups',
      label: t('nav.chatGroups'),
      icon: <IconBrandMessenger size={20} stroke={1.6} />,
      permission: 'teams:read',
      active: (p) => p.startsWith('/chat-groups'),
    },
    {
      to: '/reports',
      label: t('reports.nav'),
      icon: <IconReportAnalytics size={20} stroke={1.6} />,
      permission: 'reports:read',
      active: (p) => p.startsWith('/reports'),
    },
    {
      to: '/trainings',
      label: t('trainings.nav'),
      icon: <IconSchool size={20} stroke={1.6} />,
      permission: 'trainings:read',
      active: (p) => p.startsWith('/trainings'),
    },
    {
      to: '/partners',
      label: t('partners.nav'),
      icon: <IconBriefcase size={20} stroke={1.6} />,
      permission: 'partners:read',
      active: (p) => p.startsWith('/partners'),
    },
    {
      to: '/residents',
      label: t('nav.residents'),
      icon: <IconAddressBook size={20} stroke={1.6} />,
      permission: 'residents:read',
      active: (p) =>
        p.startsWith('/residents') || (p.startsWith('/households') && p !== '/households/import'),
    },
    ...(inHamlet ? [] : [field]),
    {
      to: '/library',
      label: t('library.nav'),
      icon: <IconBooks size={20} stroke={1.6} />,
      active: (p) => p.startsWith('/library'),
    },
    {
      to: '/practices',
      label: t('practices.nav'),
      icon: <IconBulb size={20} stroke={1.6} />,
      active: (p) => p.startsWith('/practices'),
    },
    {
      to: '/households/import',
      label: t('nav.importHouseholds'),
      icon: <IconTableImport size={20} stroke={1.6} />,
      permission: 'residents:manage',
      active: (p) => p === '/households/import',
    },
    {
      to: '/data-requests',
      label: t('nav.dataRequests'),
      icon: <IconShieldLock size={20} stroke={1.6} />,
      permission: 'residents:manage',
      active: (p) => p.startsWith('/data-requests'),
    },
    {
      to: '/units',
      label: t('nav.units'),
      icon: <IconBuildingCommunity size={20} stroke={1.6} />,
      permission: 'units:read',
      active: (p) => p === '/units' || (p.startsWith('/units/') && p !== '/units/import'),
    },
    {
      to: '/units/import',
      label: t('nav.importUnits'),
      icon: <IconFileImport size={20} stroke={1.6} />,
      permission: 'units:import',
      active: (p) => p === '/units/import',
    },
    {
      to: '/users',
      label: t('nav.users'),
      icon: <IconUsers size={20} stroke={1.6} />,
      permission: 'users:read',
      active: (p) => p.startsWith('/users'),
    },
    {
      to: '/audit',
      label: t('nav.audit'),
      icon: <IconHistory size={20} stroke={1.6} />,
      permission: 'audit:read',
      active: (p) => p.startsWith('/audit'),
    },
    {
      to: '/settings',
      label: t('nav.settings'),
      icon: <IconAdjustments size={20} stroke={1.6} />,
      permission: 'settings:write',
      active: (p) => p.startsWith('/settings'),
    },
    {
      to: '/notifications',
      label: t('notifications.nav'),
      icon: <IconBell size={20} stroke={1.6} />,
      active: (p) => p.startsWith('/notifications'),
    },
    {
      to: '/password',
      label: t('nav.password'),
      icon: <IconKey size={20} stroke={1.6} />,
      active: (p) => p === '/password',
    },
    {
      to: '/about',
      label: t('nav.about'),
      icon: <IconInfoCircle size={20} stroke={1.6} />,
      active: (p) => p === '/about',
    },
  ];
  return (
    <nav>
      {items
        .filter((item) => !item.permission || can(item.permission))
        .map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            leftSection={item.icon}
            rightSection={item.badge}
            active={item.active(pathname)}
            onClick={props.onNavigate}
            aria-current={item.active(pathname) ? 'page' : undefined}
          />
        ))}
    </nav>
  );
}
